import WebSocket from 'ws';
import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';

const SECRET = 'test-secret-'.padEnd(48, 'x');

interface ActivitySet {
  activities: { id: string; type: string; text?: string; from: { id: string; role?: string }; timestamp?: string; channelData?: Record<string, unknown> }[];
  watermark: string;
}

/** Collects activity sets from a stream URL until `until` says enough. */
function streamUntil(url: string, until: (all: ActivitySet['activities']) => boolean, timeoutMs = 5000) {
  return new Promise<{ activities: ActivitySet['activities']; watermark: string }>((resolve, reject) => {
    const ws = new WebSocket(url);
    const all: ActivitySet['activities'] = [];
    let watermark = '';
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error(`stream timed out with ${all.length} activities`));
    }, timeoutMs);
    ws.on('message', (data) => {
      const set = JSON.parse(String(data)) as ActivitySet;
      all.push(...set.activities);
      watermark = set.watermark;
      if (until(all)) {
        clearTimeout(timer);
        ws.close();
        resolve({ activities: all, watermark });
      }
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe('embedded Direct Line 3.0', () => {
  let running: RunningApp;
  let dl: DirectLineHttp;

  beforeAll(async () => {
    running = await startApp({ DIRECTLINE_SECRET: SECRET });
    dl = new DirectLineHttp(running.url);
  });
  afterAll(() => running.stop());

  async function startConversation(locale = 'zh-CN') {
    const { token, conversationId, userId } = await dl.widgetToken(locale);
    const started = await dl.call('POST', '/conversations', token, {});
    expect(started.status).toBe(201);
    return { token, conversationId, userId, streamUrl: started.body.streamUrl as string };
  }

  describe('tokens', () => {
    it('generate needs the secret and returns a conversation-scoped token', async () => {
      expect((await dl.call('POST', '/tokens/generate')).status).toBe(401);
      expect((await dl.call('POST', '/tokens/generate', 'not-the-secret')).status).toBe(403);
      const generated = await dl.call('POST', '/tokens/generate', SECRET, { user: { id: 'dl_alice' } });
      expect(generated.status).toBe(200);
      expect(generated.body).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 3600 });
      // A token is not a secret: it cannot mint more tokens.
      expect((await dl.call('POST', '/tokens/generate', generated.body.token)).status).toBe(403);
      // The token opens its own conversation, and messages come from the user it was generated for.
      const started = await dl.call('POST', '/conversations', generated.body.token, {});
      expect(started.body.conversationId).toBe(generated.body.conversationId);
      await dl.call('POST', `/conversations/${generated.body.conversationId}/activities`, generated.body.token, { type: 'message', text: 'hi' });
      const page = await dl.call('GET', `/conversations/${generated.body.conversationId}/activities`, generated.body.token);
      expect(page.body.activities.find((a: { type: string; from: { role: string } }) => a.from.role === 'user').from.id).toBe('dl_alice');
    });

    it('refresh returns a new working token for the same conversation and refuses anything else', async () => {
      const { token, conversationId } = await dl.widgetToken();
      const refreshed = await dl.call('POST', '/tokens/refresh', token);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.conversationId).toBe(conversationId);
      expect((await dl.call('POST', '/conversations', refreshed.body.token, {})).status).toBe(201);
      expect((await dl.call('POST', '/tokens/refresh', SECRET)).status).toBe(403);
      expect((await dl.call('POST', '/tokens/refresh', `${token}x`)).status).toBe(403);
      expect((await dl.call('POST', '/tokens/refresh')).status).toBe(401);
    });
  });

  describe('conversations', () => {
    it('start greets once, with an absolute ws:// stream URL', async () => {
      const { token, conversationId, streamUrl } = await startConversation();
      expect(streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conversationId}/stream\\?t=`));
      expect((await dl.call('POST', '/conversations', token, {})).status).toBe(201);
      const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
      const welcomes = page.body.activities.filter((a: { from: { role: string } }) => a.from.role === 'bot');
      expect(welcomes).toHaveLength(1);
      expect(welcomes[0].text).toContain('拉卡拉');
      expect(welcomes[0].suggestedActions.actions.map((a: { title: string }) => a.title)).toEqual(['注销我的POS机', '查询办理进度', '常见问题', '转人工客服']);
    });

    it('greets in English when the page is English', async () => {
      const { token, conversationId } = await startConversation('en');
      const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
      expect(page.body.activities[0].text).toContain("I'm the Lakala POS terminal assistant");
    });

    it('the secret can start a conversation directly', async () => {
      const started = await dl.call('POST', '/conversations', SECRET, { user: { id: 'dl_server' }, locale: 'en-US' });
      expect(started.status).toBe(201);
      expect(started.body.token).toEqual(expect.any(String));
      const page = await dl.call('GET', `/conversations/${started.body.conversationId}/activities`, started.body.token);
      expect(page.body.activities[0].recipient.id).toBe('dl_server');
    });

    it('resume returns a fresh token and a stream URL from the watermark', async () => {
      const { token, conversationId } = await startConversation();
      const resumed = await dl.call('GET', `/conversations/${conversationId}?watermark=1`, token);
      expect(resumed.status).toBe(200);
      expect(resumed.body.conversationId).toBe(conversationId);
      expect(resumed.body.token).toEqual(expect.any(String));
      expect(new URL(resumed.body.streamUrl).searchParams.get('watermark')).toBe('1');
      expect((await dl.call('GET', `/conversations/${conversationId}?watermark=abc`, token)).status).toBe(400);
      expect((await dl.call('GET', '/conversations/nope', SECRET)).status).toBe(404);
    });
  });

  describe('activities', () => {
    it('echoes a posted message with id, timestamp and clientActivityID, from the token user whatever from says', async () => {
      const { token, conversationId, userId } = await startConversation();
      const posted = await dl.call('POST', `/conversations/${conversationId}/activities`, token, {
        type: 'message',
        text: '你好',
        // A brand name and an agent's mark would make the message read as the bot's or a person's.
        from: { id: 'someone-else', name: 'Lakala' },
        channelData: { clientActivityID: 'client-123', agent: 'alice' },
      });
      expect(posted.status).toBe(200);
      expect(posted.body.id).toMatch(new RegExp(`^${conversationId}\\|\\d+$`));
      const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
      const echo = page.body.activities.find((a: { id: string }) => a.id === posted.body.id);
      expect(echo).toMatchObject({ type: 'message', text: '你好', from: { id: userId, name: '', role: 'user' } });
      expect(echo.channelData.clientActivityID).toBe('client-123');
      expect(echo.channelData).not.toHaveProperty('agent');
      expect(Date.parse(echo.timestamp)).not.toBeNaN();
      // And the bot answered after the echo, with its own id and timestamp.
      const reply = page.body.activities[page.body.activities.indexOf(echo) + 1];
      expect(reply).toMatchObject({ type: 'message', from: { role: 'bot' }, replyToId: posted.body.id });
      expect(reply.id).not.toBe(echo.id);
      expect(Date.parse(reply.timestamp)).not.toBeNaN();
    });

    it('keeps card numbers masked in the transcript', async () => {
      const { token, conversationId } = await startConversation();
      const posted = await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '卡号 4111 1111 1111 1111' });
      const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
      expect(page.body.activities.find((a: { id: string }) => a.id === posted.body.id).text).toBe('卡号 **** **** **** 1111');
      expect(JSON.stringify(page.body)).not.toContain('4111 1111 1111 1111');
    });

    it('pages by watermark: every activity exactly once, empty watermark from the start', async () => {
      const { token, conversationId } = await startConversation();
      for (let i = 0; i < 5; i++) {
        await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: `message ${i}` });
      }
      const seen: string[] = [];
      let watermark = '';
      for (;;) {
        const page = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=${watermark}`, token);
        expect(page.status).toBe(200);
        if (page.body.activities.length === 0) break;
        seen.push(...page.body.activities.map((a: { id: string }) => a.id));
        watermark = page.body.watermark;
      }
      // welcome + 5 × (echo + reply)
      expect(seen).toHaveLength(11);
      expect(new Set(seen).size).toBe(11);
      const again = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=${watermark}`, token);
      expect(again.body).toEqual({ activities: [], watermark });
      const fromFive = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=5`, token);
      expect(fromFive.body.activities.map((a: { id: string }) => a.id)).toEqual(seen.slice(5));
    });

    it('a token for conversation A is refused on conversation B', async () => {
      const a = await startConversation();
      const b = await startConversation();
      expect((await dl.call('GET', `/conversations/${b.conversationId}/activities`, a.token)).status).toBe(403);
      expect((await dl.call('POST', `/conversations/${b.conversationId}/activities`, a.token, { type: 'message', text: 'x' })).status).toBe(403);
      expect((await dl.call('GET', `/conversations/${b.conversationId}`, a.token)).status).toBe(403);
      const bPage = await dl.call('GET', `/conversations/${b.conversationId}/activities`, b.token);
      expect(bPage.body.activities.some((act: { text?: string }) => act.text === 'x')).toBe(false);
    });

    it('refuses bad input with a JSON reason', async () => {
      const { token, conversationId } = await startConversation();
      const path = `/conversations/${conversationId}/activities`;
      const wrongType = await dl.call('POST', path, token, { type: 'conversationUpdate', membersAdded: [] });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.error.message).toMatch(/^type: /);
      const textNotString = await dl.call('POST', path, token, { type: 'message', text: 42 });
      expect(textNotString.body.error.message).toMatch(/^text: /);
      // A page cannot pose as the contact centre or the back office.
      const forged = await dl.call('POST', path, token, { type: 'event', name: 'handoff.status', value: { state: 'accepted' } });
      expect(forged.status).toBe(400);
      expect(forged.body.error.message).toMatch(/^name: events from a web page/);
      const malformed = await fetch(`${running.url}/v3/directline${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{"type": "message", ',
      });
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).error.message).toMatch(/Invalid JSON/);
      const huge = await fetch(`${running.url}/v3/directline${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }),
      });
      expect(huge.status).toBe(413);
      expect((await huge.json()).error).toEqual({ code: expect.any(String), message: expect.stringMatching(/exceeds/) });
    });

    it('upload turns files into attachment links of a user message', async () => {
      const { token, conversationId, userId } = await startConversation();
      const form = new FormData();
      form.append('activity', new Blob([JSON.stringify({ type: 'message', text: 'receipt', channelData: { clientActivityID: 'up-1' } })], { type: 'application/vnd.microsoft.activity' }));
      form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'note.txt');
      const res = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/upload?userId=x`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: form,
      });
      expect(res.status).toBe(200);
      const { id } = await res.json();
      const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
      const echo = page.body.activities.find((a: { id: string }) => a.id === id);
      expect(echo.from.id).toBe(userId);
      expect(echo.channelData.clientActivityID).toBe('up-1');
      expect(echo.attachments).toEqual([{ contentType: 'text/plain', name: 'note.txt', contentUrl: expect.stringMatching(new RegExp(`^${running.url}/v3/directline/attachments/`)) }]);
      const empty = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: new FormData(),
      });
      expect(empty.status).toBe(400);
    });

    it('accepts a file of exactly the upload limit, next to its activity part, and refuses one byte more', async () => {
      const { token, conversationId } = await startConversation();
      const upload = (bytes: number) => {
        const form = new FormData();
        form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
        form.append('file', new Blob([Buffer.alloc(bytes, 1)], { type: 'application/octet-stream' }), 'photo.bin');
        return fetch(`${running.url}/v3/directline/conversations/${conversationId}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
      };
      expect((await upload(4 * 1024 * 1024)).status).toBe(200);
      expect((await upload(4 * 1024 * 1024 + 1)).status).toBe(413);
    });

    it('refuses JSON nested thousands of levels deep with a 400, on both chat endpoints', async () => {
      const { token, conversationId } = await startConversation();
      const deep = `{"type":"message","text":"hi","value":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      for (const [path, headers] of [
        [`/v3/directline/conversations/${conversationId}/activities`, { Authorization: `Bearer ${token}` }],
        ['/api/messages', {}],
      ] as const) {
        const res = await fetch(`${running.url}${path}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: deep });
        expect(res.status).toBe(400);
        expect((await res.json()).error.message).toMatch(/nested deeper/);
      }
    });

    it('answers CORS preflights for Web Chat on other sites', async () => {
      const res = await fetch(`${running.url}/v3/directline/conversations`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://merchant.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, x-ms-bot-agent' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/x-ms-bot-agent/);
    });
  });

  describe('WebSocket stream', () => {
    it('pushes the bot reply, and replays from the watermark after a reconnect', async () => {
      const { token, conversationId, streamUrl } = await startConversation();
      const first = await streamUntil(streamUrl, (all) => all.length >= 1);
      expect(first.activities[0].from.role).toBe('bot');
      const welcomeWatermark = first.watermark;

      const live = streamUntil(streamUrl, (all) => all.some((a) => a.from.role === 'bot' && a.text?.includes('English')));
      await new Promise((r) => setTimeout(r, 100));
      await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: 'English' });
      const got = await live;
      // A typed switch also tells the page (an event) so that the widget follows.
      expect(got.activities.map((a) => `${a.from.role} ${a.type}`)).toEqual(['bot message', 'user message', 'bot event', 'bot message']);

      const resumed = await dl.call('GET', `/conversations/${conversationId}?watermark=${welcomeWatermark}`, token);
      const replay = await streamUntil(resumed.body.streamUrl, (all) => all.length >= 3);
      expect(replay.activities.map((a) => a.id)).toEqual(got.activities.slice(1).map((a) => a.id));
    });

    const status = (url: string, keepOpen: WebSocket[] = []) =>
      new Promise<number | string>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          if (keepOpen.length < 100) keepOpen.push(ws);
          else ws.close();
          resolve('open');
        });
        ws.on('error', () => resolve('error'));
      });

    it('caps the streams open on one conversation', async () => {
      const { token, conversationId } = await startConversation();
      const open: WebSocket[] = [];
      const fresh = async () => (await dl.call('GET', `/conversations/${conversationId}`, token)).body.streamUrl as string;
      const results = await Promise.all(Array.from({ length: 12 }, async () => status(await fresh(), open)));
      expect(results.filter((r) => r === 'open')).toHaveLength(4);
      expect(results.filter((r) => r === 429)).toHaveLength(8);
      // Closing one makes room for another.
      open.pop()!.close();
      await new Promise((r) => setTimeout(r, 200));
      expect(await status(await fresh(), open)).toBe('open');
      for (const ws of open) ws.close();
    });

    it('refuses a stream without a valid stream token', async () => {
      const { token, conversationId, streamUrl } = await startConversation();
      const base = streamUrl.split('?')[0];
      expect(await status(base)).toBe(403);
      // A REST token is not a stream token.
      expect(await status(`${base}?t=${encodeURIComponent(token)}`)).toBe(403);
      const other = await startConversation();
      expect(await status(other.streamUrl.replace(other.conversationId, conversationId))).toBe(403);
    });
  });

  it('in memory, at most MEMORY_MAX_CONVERSATIONS conversations are kept: the longest idle is forgotten first', async () => {
    const small = await startApp({ DIRECTLINE_SECRET: SECRET, MEMORY_MAX_CONVERSATIONS: '3' });
    try {
      const client = new DirectLineHttp(small.url);
      const opened: { token: string; conversationId: string }[] = [];
      for (let i = 0; i < 5; i++) {
        const conversation = await client.widgetToken('zh-CN');
        await client.call('POST', '/conversations', conversation.token, {});
        opened.push(conversation);
        // The first one stays in use all along.
        await client.call('GET', `/conversations/${opened[0].conversationId}/activities`, opened[0].token);
      }
      const statuses = await Promise.all(opened.map((c) => client.call('GET', `/conversations/${c.conversationId}/activities`, c.token).then((r) => r.status)));
      expect(statuses).toEqual([200, 404, 404, 200, 200]);
    } finally {
      await small.stop();
    }
  });
});
