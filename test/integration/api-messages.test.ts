import { networkInterfaces } from 'node:os';
import { isLoopback } from '../../src/server/http';
import { startApp, type RunningApp } from '../helpers/app';

function activity(overrides: Record<string, unknown>) {
  return {
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: `conv-${Math.random()}` },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    deliveryMode: 'expectReplies',
    ...overrides,
  };
}

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  // The Emulator also receives the analytics traces; the user sees only messages.
  if (Array.isArray(body?.activities)) body.activities = body.activities.filter((a: { type: string }) => a.type === 'message');
  return { status: res.status, body };
}

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('/api/messages (Bot Framework protocol)', () => {
  describe('without a MicrosoftAppId', () => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startApp({ HOST: '0.0.0.0' });
    });
    afterAll(() => running.stop());

    it('returns the welcome for conversationUpdate with expectReplies', async () => {
      const res = await post(running.url, activity({ type: 'conversationUpdate', locale: 'en-US', membersAdded: [{ id: 'user-1' }, { id: 'bot' }] }));
      expect(res.status).toBe(200);
      expect(res.body.activities).toHaveLength(1);
      expect(res.body.activities[0].text).toContain('Lakala POS terminal assistant');
      expect(res.body.activities[0].suggestedActions.actions).toHaveLength(4);
    });

    it('refuses an invoke with a JSON 400, also from a sender without a user id (it was botbuilder\'s 501)', async () => {
      for (const from of [{ id: 'user-1', role: 'user' }, { id: '', role: 'bot' }]) {
        const res = await post(running.url, activity({ type: 'invoke', name: 'adaptiveCard/action', deliveryMode: 'normal', from }));
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('BadArgument');
      }
    });

    it('answers expectReplies with the turn\'s traces only to the Emulator', async () => {
      const kinds = async (channelId: string) => {
        const res = await fetch(`${running.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(activity({ channelId, type: 'message', text: '审核需要几天' })),
        });
        return ((await res.json()) as { activities: { type: string }[] }).activities.map((a) => a.type);
      };
      expect(await kinds('emulator')).toEqual(['trace', 'message']);
      expect(await kinds('directline')).toEqual(['message']);
    });

    it('replies to a message in the language of its text when there is no locale', async () => {
      const res = await post(running.url, activity({ type: 'message', text: '你好' }));
      expect(res.status).toBe(200);
      expect(res.body.activities[0].text).toMatch(/请问有什么可以帮您/);
      const en = await post(running.url, activity({ type: 'message', text: 'hello there' }));
      expect(en.body.activities[0].text).toMatch(/How can I help you/);
    });

    it('keeps an explicit language choice for the user across turns', async () => {
      const conversation = { id: 'conv-switch' };
      const switched = await post(running.url, activity({ type: 'message', text: 'English', locale: 'zh-CN', conversation }));
      expect(switched.body.activities[0].text).toMatch(/continue in English/);
      const next = await post(running.url, activity({ type: 'message', text: '你好呀', locale: 'zh-CN', conversation }));
      expect(next.body.activities[0].text).toMatch(/How can I help you/);
      const back = await post(running.url, activity({ type: 'message', text: '中文', conversation }));
      expect(back.body.activities[0].text).toMatch(/中文/);
    });

    it('refuses a malformed activity with a JSON 400', async () => {
      const res = await post(running.url, { hello: 'world' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toEqual(expect.any(String));
      const raw = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":' });
      expect(raw.status).toBe(400);
      expect(JSON.stringify(await raw.json())).not.toMatch(/at .*\.js/);
    });

    (externalAddress ? it : it.skip)('refuses a caller that is not on loopback', async () => {
      const port = new URL(running.url).port;
      const res = await post(`http://${externalAddress}:${port}`, activity({ type: 'message', text: 'hi' }));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/MicrosoftAppId/);
      // The widget's endpoints stay reachable from anywhere.
      expect((await fetch(`http://${externalAddress}:${port}/healthz`)).status).toBe(200);
    });

    it('recognises loopback addresses', () => {
      expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
      expect(['192.0.2.2', '::ffff:10.0.0.1', 'fd00::2', '', undefined].some(isLoopback)).toBe(false);
    });
  });

  describe('with a MicrosoftAppId', () => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startApp({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'pw' });
    });
    afterAll(() => running.stop());

    it('requires a Bot Framework token even from loopback', async () => {
      expect((await post(running.url, activity({ type: 'message', text: 'hi' }))).status).toBe(401);
      expect((await post(running.url, activity({ type: 'message', text: 'hi' }), { Authorization: 'Bearer not.a.jwt' })).status).toBe(401);
    });
  });
});
