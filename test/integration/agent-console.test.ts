import { hashPassword } from '../../src/agentConsole/passwords';
import { nextEvent } from '../helpers/agentFeed';
import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';

const TOKEN = 'console-reviewer-'.padEnd(40, 'c');

describe('agent console API', () => {
  let running: RunningApp;
  const call = (path: string, init: RequestInit & { cookie?: string; json?: unknown } = {}) =>
    fetch(`${running.url}${path}`, {
      ...init,
      redirect: 'manual',
      // A browser sends Origin with every POST; the server refuses a cookie-borne change without ours.
      headers: { origin: running.url, ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.json !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  const login = async (name: string, password: string) => {
    const res = await call('/staff/api/login', { method: 'POST', json: { name, password } });
    return { res, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
  };

  beforeAll(async () => {
    const [alice, bob] = await Promise.all([hashPassword('alice-password-1'), hashPassword('bob-password-22')]);
    running = await startApp({ BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7', HANDOFF_AGENTS: `alice:${alice},bob:${bob}`, BACKOFFICE_TOKENS: `ops:${TOKEN}` });
  });
  afterAll(() => running.stop());

  it('leads the old console address into the staff app, and refuses the API without a valid session', async () => {
    for (const old of ['/agent', '/agent/', '/staff']) {
      const redirect = await call(old);
      expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/staff/']);
    }
    const page = await call('/staff/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    for (const cookie of [undefined, 'staff_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'staff_session=garbage']) {
      const res = await call('/staff/api/me', { cookie });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'Unauthorized', message: 'Please sign in' } });
    }
    expect((await call('/staff/api/chats/x/claim', { method: 'POST' })).status).toBe(401);
  });

  it('logs in with the configured password only, with an HttpOnly SameSite=Strict cookie, and logs out', async () => {
    expect((await login('alice', 'wrong-password')).res.status).toBe(401);
    expect((await login('mallory', 'alice-password-1')).res.status).toBe(401);
    const malformed = await fetch(`${running.url}/staff/api/login`, { method: 'POST', body: '{"name":', headers: { origin: running.url, 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    const { res, cookie } = await login('alice', 'alice-password-1');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^staff_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(await (await call('/staff/api/me', { cookie })).json()).toEqual({ name: 'alice', roles: ['agent'] });
    const { canned } = await (await call('/staff/api/chats/canned', { cookie })).json();
    expect(canned['zh-CN'].length).toBeGreaterThan(3);
    expect(canned.en.length).toBe(canned['zh-CN'].length);
    expect((await call('/staff/api/logout', { method: 'POST', cookie })).status).toBe(204);
    expect((await call('/staff/api/me', { cookie })).status).toBe(401);
  });

  it('shows a waiting merchant live; one agent claims, the other gets a conflict naming the owner; the stats count it', async () => {
    const alice = (await login('alice', 'alice-password-1')).cookie;
    const bob = (await login('bob', 'bob-password-22')).cookie;
    const feed = await call('/staff/api/chats/events', { cookie: alice });
    expect(feed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = feed.body!.getReader();
    await nextEvent(reader, (event) => event === 'queue');

    const dl = new DirectLineHttp(running.url);
    const { token, conversationId } = await dl.widgetToken('en');
    await dl.call('POST', '/conversations', token, {});
    await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: 'I want to talk to a person', locale: 'en' });
    const queued = await nextEvent(reader, (event, data) => event === 'queue' && (data.items?.length ?? 0) > 0);
    const item = queued.items[0];
    expect(item).toMatchObject({ kind: 'chat', state: 'queued', context: { language: 'en' } });
    expect(item.reference).toBeUndefined();

    const [first, second] = await Promise.all([
      call(`/staff/api/chats/${item.id}/claim`, { method: 'POST', cookie: alice }),
      call(`/staff/api/chats/${item.id}/claim`, { method: 'POST', cookie: bob }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    const owner = first.status === 200 ? 'alice' : 'bob';
    const other = owner === 'alice' ? bob : alice;
    const ownerCookie = owner === 'alice' ? alice : bob;
    expect((await loser.json()).error).toMatchObject({ code: 'Conflict', state: 'assigned', owner });

    expect((await call(`/staff/api/chats/${item.id}/messages`, { method: 'POST', cookie: other, json: { text: 'hi', clientId: 'c-0000001' } })).status).toBe(409);
    expect((await call(`/staff/api/chats/${item.id}/messages`, { method: 'POST', cookie: ownerCookie, json: { text: '', clientId: 'c-0000002' } })).status).toBe(400);
    expect((await call(`/staff/api/chats/${item.id}/messages`, { method: 'POST', cookie: ownerCookie, json: { text: 'Hello, how can I help?', clientId: 'c-0000003' } })).status).toBe(200);
    expect((await call(`/staff/api/chats/${item.id}/typing`, { method: 'POST', cookie: other })).status).toBe(409);
    expect((await call(`/staff/api/chats/${item.id}/end`, { method: 'POST', cookie: other })).status).toBe(409);
    expect((await call(`/staff/api/chats/${item.id}/end`, { method: 'POST', cookie: ownerCookie })).status).toBe(200);
    await reader.cancel();

    // The merchant rates 4; the dashboard figures include it.
    await new Promise((r) => setTimeout(r, 200));
    await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '4 Satisfied', locale: 'en' });
    const stats = await (await fetch(`${running.url}/backoffice/handoffs/stats`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
    expect(stats).toMatchObject({ count: 1, byReason: { completed: 1 }, rated: 1, meanCsat: 4 });
    expect(stats.meanWaitMs).toBeGreaterThanOrEqual(0);
    expect(stats.meanHandleMs).toBeGreaterThanOrEqual(0);
  });
});
