import { hashPassword } from '../../src/agentConsole/passwords';
import { newReference } from '../../src/cases/reference';
import type { Role } from '../../src/staff/roles';
import { startApp, type RunningApp } from '../helpers/app';

const PASSWORD = 'a staff password 1';
const FULL_TOKEN = 'machine-full-access-token-'.padEnd(40, 'f');
const EDITOR_TOKEN = 'machine-editor-only-token-'.padEnd(40, 'e');

/** One API of each role's pages; every other role must get 403 from it. */
const API_OF: Partial<Record<Role, string>> = {
  agent: '/staff/api/chats/canned',
  reviewer: '/backoffice/cases',
  admin: '/staff/api/accounts',
};
const GUARDED = Object.entries(API_OF) as [Role, string][];
/** Open to every role (the dashboard). */
const SHARED = '/backoffice/handoffs/stats';
/** A well-formed reference of no case. */
const MISSING = newReference('2611');

describe('staff roles', () => {
  let running: RunningApp;
  const cookies = new Map<string, string>();

  const call = (path: string, init: { method?: string; cookie?: string; origin?: string | null; bearer?: string; json?: unknown } = {}) =>
    fetch(`${running.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.origin !== null ? { origin: init.origin ?? running.url } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}),
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });

  beforeAll(async () => {
    const hash = await hashPassword(PASSWORD);
    running = await startApp({
      HANDOFF_AGENTS: `ann:${hash}`,
      STAFF_ACCOUNTS: `rita:reviewer:${hash},eddie:editor:${hash},ada:admin:${hash},rex:reviewer+editor:${hash}`,
      BACKOFFICE_TOKENS: `ops:${FULL_TOKEN},trainer:${EDITOR_TOKEN}:editor`,
    });
    for (const name of ['ann', 'rita', 'eddie', 'ada', 'rex']) {
      const res = await call('/staff/api/login', { method: 'POST', json: { name, password: PASSWORD } });
      expect(res.status).toBe(200);
      cookies.set(name, res.headers.get('set-cookie')!.split(';')[0]);
    }
  });
  afterAll(() => running?.stop());

  it.each([
    ['ann', ['agent']],
    ['rita', ['reviewer']],
    ['eddie', ['editor']],
    ['ada', ['admin']],
  ] as [string, Role[]][])('%s (%s) reaches their own APIs and the dashboard, and gets 403 from every other role\'s', async (name, roles) => {
    const cookie = cookies.get(name)!;
    expect(await (await call('/staff/api/me', { cookie })).json()).toEqual({ name, roles });
    expect((await call(SHARED, { cookie })).status).toBe(200);
    for (const [role, path] of GUARDED) {
      const res = await call(path, { cookie });
      if (roles.includes(role)) expect(res.status).toBe(200);
      else expect([role, res.status, (await res.json()).error.code]).toEqual([role, 403, 'Forbidden']);
    }
  });

  it('an account with two roles has both; HANDOFF_AGENTS keep working as agents', async () => {
    const cookie = cookies.get('rex')!;
    expect((await call(API_OF.reviewer!, { cookie })).status).toBe(200);
    expect((await call(API_OF.agent!, { cookie })).status).toBe(403);
    expect((await call(API_OF.admin!, { cookie })).status).toBe(403);
  });

  it('a back-office token calls every staff API unless narrowed to roles', async () => {
    for (const [role, path] of GUARDED) expect([role, (await call(path, { bearer: FULL_TOKEN, origin: null })).status]).toEqual([role, 200]);
    for (const [role, path] of GUARDED) {
      const status = (await call(path, { bearer: EDITOR_TOKEN, origin: null })).status;
      expect([role, status]).toEqual([role, role === 'editor' ? 200 : 403]);
    }
  });

  it('a state change with a session cookie must come from our own origin; sign-in too', async () => {
    const cookie = cookies.get('rita')!;
    const note = (origin: string | null) => call(`/backoffice/cases/${MISSING}/notes`, { method: 'POST', cookie, origin, json: { text: 'checked' } });
    for (const origin of [null, 'https://evil.example', 'null']) {
      const res = await note(origin);
      expect([origin, res.status, (await res.json()).error.code]).toEqual([origin, 403, 'Forbidden']);
    }
    // Same origin passes the check and reaches the case lookup.
    expect((await note(running.url)).status).toBe(404);
    const login = await call('/staff/api/login', { method: 'POST', origin: 'https://evil.example', json: { name: 'rita', password: PASSWORD } });
    expect(login.status).toBe(403);
    // A machine token carries no ambient credential: no Origin needed.
    expect((await call(`/backoffice/cases/${MISSING}/notes`, { method: 'POST', bearer: FULL_TOKEN, origin: null, json: { text: 'x' } })).status).toBe(404);
  });
});
