import { spawnSync } from 'node:child_process';
import { parse as parseDisposition } from 'content-disposition';
import { startApp, type RunningApp } from '../helpers/app';
import { createDatabase } from '../helpers/database';
import { DirectLineHttp } from '../helpers/directLine';
import { startRedis, type RedisServer } from '../helpers/redis';

const SECRET = 'uploads-secret-'.padEnd(48, 'u');
const BACKOFFICE = 'uploads-reviewer-'.padEnd(40, 'r');
const MIB = 1024 * 1024;

function redisMemory(redis: RedisServer): number {
  const info = spawnSync('redis-cli', ['-p', String(redis.port), 'info', 'memory'], { encoding: 'utf8' }).stdout;
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

describe('Direct Line uploads are kept in the database, the chat log holds links', () => {
  let redis: RedisServer;
  let running: RunningApp;
  let dl: DirectLineHttp;

  beforeAll(async () => {
    redis = await startRedis();
    running = await startApp({
      REDIS_URL: redis.url,
      DIRECTLINE_SECRET: SECRET,
      BACKOFFICE_TOKENS: `ops:${BACKOFFICE}`,
      UPLOAD_QUOTA_FILES: '3',
      UPLOAD_QUOTA_BYTES: String(5 * MIB),
    });
    dl = new DirectLineHttp(running.url);
  });
  afterAll(async () => {
    await running.stop();
    await redis.stop();
  });

  async function conversation() {
    const { token, conversationId } = await dl.widgetToken('zh-CN');
    expect((await dl.call('POST', '/conversations', token, {})).status).toBe(201);
    return { token, conversationId };
  }

  function upload(token: string, conversationId: string, files: { data: Buffer<ArrayBuffer>; name: string; type?: string }[]) {
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message', text: 'receipt' })], { type: 'application/vnd.microsoft.activity' }));
    for (const f of files) form.append('file', new Blob([f.data], { type: f.type ?? 'application/octet-stream' }), f.name);
    return fetch(`${running.url}/v3/directline/conversations/${conversationId}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  }

  const read = (url: string, bearer?: string) => fetch(url, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });

  it('logs a link, not the bytes; the owner and the back office read the file back as a download', async () => {
    const { token, conversationId } = await conversation();
    const data = Buffer.alloc(3 * MIB, 7);
    const before = redisMemory(redis);
    const res = await upload(token, conversationId, [{ data, name: '收据 卡号6222021234567894.html', type: 'text/html' }]);
    expect(res.status).toBe(200);
    const { id } = await res.json();
    // 3 MiB inline would have grown Redis by 4 MB of base64.
    expect(redisMemory(redis) - before).toBeLessThan(200 * 1024);

    const page = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await page.text();
    expect(body.length).toBeLessThan(64 * 1024);
    const echo = (JSON.parse(body) as { activities: { id: string; attachments?: { name: string; contentType: string; contentUrl: string }[] }[] }).activities.find((a) => a.id === id)!;
    expect(echo.attachments).toHaveLength(1);
    const [link] = echo.attachments!;
    // Signed for a while, so that a click in the widget (no bearer token) opens it.
    expect(link.contentUrl).toMatch(new RegExp(`^${running.url}/v3/directline/attachments/[\\w-]{20,}\\?e=\\d+&s=[\\w-]{43}$`));
    const unsigned = link.contentUrl.split('?')[0];
    expect(link.name).toMatch(/^收据 卡号/);
    expect(link.name).not.toContain('6222021234567894');

    const mine = await read(link.contentUrl, token);
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(data)).toBe(true);
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(mine.headers.get('content-type')).toBe('text/html');
    const disposition = mine.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain("filename*=UTF-8''%E6%94%B6%E6%8D%AE");
    expect(parseDisposition(disposition).parameters.filename).toBe(link.name);

    const clicked = await read(link.contentUrl);
    expect(clicked.status).toBe(200);
    expect(Buffer.from(await clicked.arrayBuffer()).equals(data)).toBe(true);
    expect(clicked.headers.get('x-content-type-options')).toBe('nosniff');
    expect(clicked.headers.get('content-disposition')).toBe(disposition);

    const other = await conversation();
    expect((await read(unsigned, other.token)).status).toBe(403);
    expect((await read(unsigned, SECRET)).status).toBe(403);
    expect((await read(unsigned)).status).toBe(401);
    expect((await read(`${running.url}/v3/directline/attachments/nope`, token)).status).toBe(404);
    // A signature is good for its own file only, and only as given.
    const signature = new URL(link.contentUrl).search;
    const tampered = new URL(link.contentUrl);
    tampered.searchParams.set('e', String(Number(tampered.searchParams.get('e')) + 3600));
    expect((await read(tampered.toString())).status).toBe(403);
    expect((await upload(other.token, other.conversationId, [{ data: Buffer.from('theirs'), name: 'theirs.txt' }])).status).toBe(200);
    const otherLog = await (await fetch(`${running.url}/v3/directline/conversations/${other.conversationId}/activities`, { headers: { Authorization: `Bearer ${other.token}` } })).json();
    const theirLink = (otherLog.activities as { attachments?: { contentUrl: string }[] }[]).flatMap((a) => a.attachments ?? [])[0].contentUrl;
    expect((await read(`${theirLink.split('?')[0]}${signature}`)).status).toBe(403);
    expect((await read(theirLink)).status).toBe(200);

    const fileId = unsigned.split('/').at(-1)!;
    const staff = await read(`${running.url}/backoffice/attachments/${fileId}`, BACKOFFICE);
    expect(staff.status).toBe(200);
    expect(Buffer.from(await staff.arrayBuffer()).equals(data)).toBe(true);
    expect(staff.headers.get('content-disposition')).toBe(disposition);
    expect((await read(`${running.url}/backoffice/attachments/${fileId}`, token)).status).toBe(401);
  });

  it('refuses uploads beyond the conversation quota (files and bytes) with a JSON 413, stores nothing of them', async () => {
    const small = { data: Buffer.from('hello'), name: 'a.txt' };
    const byCount = await conversation();
    expect((await upload(byCount.token, byCount.conversationId, [small, small])).status).toBe(200);
    const third = await upload(byCount.token, byCount.conversationId, [small, small]);
    expect(third.status).toBe(413);
    expect((await third.json()).error).toEqual({ code: 'QuotaExceeded', message: expect.stringMatching(/at most 3 files/) });
    expect((await upload(byCount.token, byCount.conversationId, [small])).status).toBe(200);

    const byBytes = await conversation();
    expect((await upload(byBytes.token, byBytes.conversationId, [{ data: Buffer.alloc(3 * MIB), name: 'big.bin' }])).status).toBe(200);
    const over = await upload(byBytes.token, byBytes.conversationId, [{ data: Buffer.alloc(3 * MIB), name: 'big.bin' }]);
    expect(over.status).toBe(413);
    expect((await over.json()).error.code).toBe('QuotaExceeded');
    // Other conversations keep their own quota.
    const fresh = await conversation();
    expect((await upload(fresh.token, fresh.conversationId, [small])).status).toBe(200);
  });

  it('refuses every upload once the total cap is reached, whichever conversation sends it', async () => {
    const scratch = await createDatabase();
    const capped = await startApp({ DIRECTLINE_SECRET: SECRET, DATABASE_URL: scratch.url, UPLOAD_TOTAL_BYTES: String(3 * MIB) });
    try {
      const client = new DirectLineHttp(capped.url);
      const send = async () => {
        const { token, conversationId } = await client.widgetToken('en');
        const form = new FormData();
        form.append('file', new Blob([Buffer.alloc(2 * MIB)]), 'two.bin');
        return fetch(`${capped.url}/v3/directline/conversations/${conversationId}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
      };
      expect((await send()).status).toBe(200);
      const refused = await send();
      expect(refused.status).toBe(413);
      expect((await refused.json()).error).toEqual({ code: 'QuotaExceeded', message: expect.stringMatching(/storage for uploads is full/) });
    } finally {
      await capped.stop();
      await scratch.drop();
    }
  });
});
