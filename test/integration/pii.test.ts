import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { hashPassword } from '../../src/agentConsole/passwords';
import { loadConfig } from '../../src/config';
import { createApp, type App } from '../../src/app';
import { createLogger } from '../../src/log/logger';
import { digitsOf, luhnValid } from '../../src/pii/cardNumbers';
import { CARD_FORMATS, FORMATTED_DIGITS } from '../helpers/cardFormats';
import { GENEROUS_LIMITS, TEST_PII_KEY } from '../helpers/app';
import { testDatabaseUrl } from '../helpers/database';
import { DirectLineHttp } from '../helpers/directLine';
import { waitReady } from '../helpers/process';
import { startRedis, type RedisServer } from '../helpers/redis';

const CARD = '6212 2602 0001 2345 670';
const CARD_DIGITS = '6212260200012345670';
/** The card with its last digit mistyped: fails the Luhn check, so the prompt asks again. */
const MISTYPED_CARD = '6212 2602 0001 2345 671';
const MOBILE = '13800138000';
const NAME = '张三';
const REVIEWER = 'pii-reviewer-'.padEnd(40, 'p');
const PASSWORD = 'alice-password-1';
/** An international mobile number whose digits happen to pass the Luhn check: not a card. */
const PHONE = '+86 138 1234 5678';
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const PIN = '739184';
const SMS_CODE = '562904';

/** The text's digits as this test reads them (compatibility forms folded, separators dropped). */
function digitsRead(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[٠-٩]/g, (d) => String(ARABIC_INDIC.indexOf(d)))
    .replace(/[\s\p{Pd}]+/gu, '');
}

/** Digit runs of 13-19 (spaces or dashes between digits allowed, not after "+") that pass the Luhn check. */
function cardLikeNumbers(text: string, startedAt: number): string[] {
  const found: string[] = [];
  // Random ids (handoff ids, idempotency keys: UUIDs; visitors' user ids: u_ and 24 hex digits) may hold
  // all-digit stretches, which are no card numbers (likely what one run found, 5815151024567312866); a DUMP
  // may hold one cut into pieces by compression, so a piece of any id seen whole is skipped too.
  const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|u_[0-9a-f]{24}/gi;
  const ids = [...new Set(text.match(uuid) ?? [])];
  const withoutIds = text.replace(uuid, '<uuid>');
  // Nor are the fraction digits of a decimal (a classifier score in the logs: 0.9412913602004902).
  for (const match of withoutIds.matchAll(/(?<![0-9+]|[0-9]\.)[0-9](?:[ -]?[0-9]){12,18}(?![0-9])/g)) {
    const digits = digitsOf(match[0]);
    if (!luhnValid(digits)) continue;
    if (ids.some((id) => id.includes(match[0]))) continue;
    // Epoch milliseconds of this test run (stream ids, timestamps) are not card numbers.
    const ms = Number(digits.slice(0, 13));
    if (ms >= startedAt - 3_600_000 && ms <= Date.now() + 3_600_000) continue;
    found.push(match[0]);
  }
  return found;
}

function redisCli(port: number, ...args: string[]): string {
  return spawnSync('redis-cli', ['-p', String(port), '--no-raw', ...args], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 }).stdout;
}

describe('personal data: after a whole journey and a handoff, no card number or secret anywhere the bot wrote', () => {
  let redis: RedisServer;
  let app: App;
  let url: string;
  const startedAt = Date.now();
  let logs = '';
  const written: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString('utf8');
        done();
      },
    });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      PII_ENCRYPTION_KEY: TEST_PII_KEY,
      REDIS_URL: redis.url,
      DIRECTLINE_SECRET: 'pii-test-secret-'.padEnd(48, 's'),
      BACKOFFICE_TOKENS: `ops:${REVIEWER}`,
      HANDOFF_AGENTS: `alice:${await hashPassword(PASSWORD)}`,
      BUSINESS_HOURS: '00:00-24:00',
      BUSINESS_DAYS: '1-7',
      CASE_RETENTION_DAYS: '1',
      DATABASE_URL: testDatabaseUrl(),
      ...GENEROUS_LIMITS,
    });
    app = createApp(config, createLogger('trace', sink));
    url = await app.start();
    await waitReady(url);
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.stop();
  });

  const keep = async (res: Response): Promise<unknown> => {
    const text = await res.text();
    written.push(text);
    return text ? JSON.parse(text) : undefined;
  };
  const backoffice = (method: string, path: string, body?: unknown) =>
    fetch(`${url}/backoffice${path}`, { method, headers: { Authorization: `Bearer ${REVIEWER}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(keep);

  it('scans Redis (keys, values, DUMPs), logs, transcripts, the application page, back-office and console responses', async () => {
    const dl = new DirectLineHttp(url);
    const open = async () => {
      const { token, conversationId } = await dl.widgetToken('zh-CN');
      await dl.call('POST', '/conversations', token, {});
      const say = (text: string) => dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'zh-CN' });
      return { token, conversationId, say };
    };
    const { token, conversationId, say } = await open();
    // The card prompt accepts every format (it moves on to the serial number).
    for (const format of CARD_FORMATS) {
      const other = await open();
      for (const text of ['我要注销POS机', '开始办理', '上个月', '设备故障', NAME]) await other.say(text);
      const before = (await dl.call('GET', `/conversations/${other.conversationId}/activities`, other.token)).body.watermark;
      await other.say(format);
      const replies = (await dl.call('GET', `/conversations/${other.conversationId}/activities?watermark=${before}`, other.token)).body.activities;
      expect(replies.map((a: { text?: string }) => a.text).join('\n')).toMatch(/机身号（SN）/);
      written.push(JSON.stringify(replies));
    }
    for (const text of ['我要注销POS机', '开始办理', '上个月', '设备故障', NAME, MISTYPED_CARD, CARD, 'LKL12345678', MOBILE, '跳过', '确认无误', NAME]) await say(text);
    const page = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=0`, token);
    const submitted = JSON.stringify(page.body);
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(submitted)![0];
    const link = new URL(/\((http[^)]+\/application[^)\\]+)\)/.exec(submitted)![1]);
    written.push(await (await fetch(`${url}${link.pathname}${link.search}`)).text());

    // The application all the way to closed.
    for (const step of ['review', 'approve']) await backoffice('POST', `/cases/${reference}/${step}`, step === 'approve' ? { amount: 99, method: 'original_card' } : {});
    await say('接受退款方案');
    await backoffice('POST', `/cases/${reference}/paid`, {});
    await say('已经收到');
    // A secret typed to the bot: warned about, and kept nowhere.
    await say(`我的交易密码是 ${PIN}`);
    await backoffice('GET', `/cases/${reference}`);
    await backoffice('GET', '/cases');

    // A handoff in which the merchant types the card number to the agent.
    const login = await fetch(`${url}/staff/api/login`, { method: 'POST', headers: { origin: url, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'alice', password: PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const feed = await fetch(`${url}/staff/api/chats/events`, { headers: { cookie } });
    const reader = feed.body!.getReader();
    let console = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        console += Buffer.from(value).toString('utf8');
      }
    })().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    await say('转人工');
    // The console's queue event names the waiting chat.
    for (let i = 0; i < 50 && !/"kind":"chat"/.test(console); i++) await new Promise((r) => setTimeout(r, 100));
    const queued = [...console.matchAll(/event: queue\ndata: (.*)/g)].flatMap((m) => (JSON.parse(m[1]) as { items: { id: string; kind: string }[] }).items);
    const id = queued.find((item) => item.kind === 'chat')!.id;
    await keep(await fetch(`${url}/staff/api/chats/${id}/claim`, { method: 'POST', headers: { cookie, origin: url } }));
    await say(`我的卡号是 ${CARD}，手机 ${MOBILE}`);
    // Every format from the merchant, from the agent, and in the name of an uploaded file.
    for (const [i, format] of CARD_FORMATS.entries()) {
      await say(`卡号 ${format}`);
      await keep(await fetch(`${url}/staff/api/chats/${id}/messages`, { method: 'POST', headers: { cookie, origin: url, 'Content-Type': 'application/json' }, body: JSON.stringify({ text: `您的卡号 ${format} 对吗`, clientId: `pii-format-${i}` }) }));
      const form = new FormData();
      form.append('file', new Blob(['jpeg'], { type: 'image/jpeg' }), `卡号${format}.jpg`);
      const upload = await fetch(`${url}/v3/directline/conversations/${conversationId}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
      expect(upload.status).toBe(200);
    }
    await say(`请打 ${PHONE}`);
    await say(`验证码：${SMS_CODE}`);
    await keep(await fetch(`${url}/staff/api/chats/${id}/messages`, { method: 'POST', headers: { cookie, origin: url, 'Content-Type': 'application/json' }, body: JSON.stringify({ text: '收到，我来查一下', clientId: 'pii-1-abcdef' }) }));
    await new Promise((r) => setTimeout(r, 2500));
    await keep(await fetch(`${url}/staff/api/chats/${id}/end`, { method: 'POST', headers: { cookie, origin: url } }));
    await reader.cancel();
    await reading;
    written.push(console);
    expect(console).toContain('我的卡号是 **** **** **** 5670');
    expect(console).toContain(`请打 ${PHONE}`);
    expect(console).toContain('验证码：***');

    // Everything the Direct Line kept for the widget.
    for (let watermark = '0'; ; ) {
      const next = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=${watermark}`, token);
      if (!next.body.activities.length) break;
      written.push(JSON.stringify(next.body));
      watermark = next.body.watermark;
    }

    // Every Redis key: its name, its value as text, and its DUMP.
    const keys = redisCli(redis.port, '--scan').split('\n').filter(Boolean).map((k) => k.replace(/^"|"$/g, ''));
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) {
      const type = redisCli(redis.port, 'TYPE', key).trim();
      const read = { string: ['GET'], hash: ['HGETALL'], list: ['LRANGE', '0', '-1'], set: ['SMEMBERS'], zset: ['ZRANGE', '0', '-1', 'WITHSCORES'], stream: ['XRANGE', '-', '+'] }[type] ?? ['TYPE'];
      const [command, ...args] = read;
      written.push(key, redisCli(redis.port, command, key, ...args), redisCli(redis.port, 'DUMP', key));
    }
    // Every row of every table of the system of record.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const tables = await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    for (const { table_name } of tables.rows) written.push(JSON.stringify((await db.query(`SELECT * FROM ${table_name}`)).rows));
    const closedCase = (await db.query('SELECT card_sealed, closed_at FROM cases WHERE reference = $1', [reference])).rows[0];
    await db.end();
    // redis-cli shows non-ASCII as \xNN escapes: decode them so masked text and names read as text.
    const everything = [...written, logs].join('\n').replace(/(\\x[0-9a-f]{2})+/g, (m) => Buffer.from(m.split('\\x').slice(1).map((h) => parseInt(h, 16))).toString('utf8'));

    expect(everything).not.toContain(CARD_DIGITS);
    expect(everything).not.toContain(CARD);
    expect(everything).not.toContain(MISTYPED_CARD);
    expect(digitsRead(everything)).not.toContain(digitsRead(MISTYPED_CARD));
    // Each shown where it was found, should there be one.
    expect(cardLikeNumbers(everything, startedAt).map((n) => everything.slice(Math.max(0, everything.indexOf(n) - 160), everything.indexOf(n) + 40))).toEqual([]);
    // Secrets: not a trace of their values (as a number of its own: random ids may hold the digits).
    for (const secret of [PIN, SMS_CODE]) expect(everything).not.toMatch(new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`));
    expect(everything).toContain('我的交易密码是 ***');
    expect(digitsRead(everything)).not.toContain(FORMATTED_DIGITS);
    // File names keep their Chinese (UTF-8) with the number masked.
    expect(everything).toContain('卡号**** **** **** 7894.jpg');
    // Logs name no merchant: no mobile number, no name.
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toContain(MOBILE);
    expect(logs).not.toContain(NAME);
    // The closed case keeps no sealed card; its retention period counts from closing.
    expect(closedCase).toEqual({ card_sealed: null, closed_at: expect.any(Date) });
    expect(keys.some((k) => k.includes('cases/'))).toBe(false);
  }, 60_000);
});
