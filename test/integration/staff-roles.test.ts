import { hashPassword } from '../../src/agentConsole/passwords';
import { Client } from 'pg';
import { newReference } from '../../src/cases/reference';
import type { Role } from '../../src/staff/roles';
import { startApp, type RunningApp } from '../helpers/app';
import { testDatabaseUrl } from '../helpers/database';

const PASSWORD = 'a staff password 1';
const FULL_TOKEN = 'machine-full-access-token-'.padEnd(40, 'f');
const EDITOR_TOKEN = 'machine-editor-only-token-'.padEnd(40, 'e');

/** One API of each role's pages; every other role must get 403 from it. */
const API_OF: Partial<Record<Role, string>> = {
  agent: '/staff/api/chats/canned',
  reviewer: '/backoffice/cases',
  editor: '/backoffice/unanswered',
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

  /**
   * Every staff API with the roles it is for. The calls change nothing even when allowed (no such case,
   * message, chat or answer; a body that fails validation), so each can be made by every role.
   */
  const EVERY_API: [method: string, path: string, roles: Role[] | 'all', json?: unknown][] = [
    ['GET', '/staff/api/chats/canned', ['agent']],
    ['POST', '/staff/api/chats/no-such-chat/claim', ['agent'], {}],
    ['GET', '/backoffice/callbacks', ['agent', 'reviewer']],
    ['GET', '/backoffice/cases', ['reviewer']],
    ['GET', '/backoffice/cases/counts', ['reviewer']],
    ['GET', `/backoffice/cases/${MISSING}`, ['reviewer']],
    ['POST', `/backoffice/cases/${MISSING}/approve`, ['reviewer'], { amount: 1, method: 'cash' }],
    ['POST', `/backoffice/cases/${MISSING}/notes`, ['reviewer'], { text: 'x' }],
    ['GET', `/backoffice/attachments?case=${MISSING}`, ['agent', 'reviewer', 'admin']],
    ['GET', '/backoffice/attachments/no-such-file', ['agent', 'reviewer', 'admin']],
    ['GET', '/backoffice/outbox', ['reviewer', 'admin']],
    ['GET', '/backoffice/unanswered', ['editor']],
    ['POST', '/backoffice/unanswered/999999/assign', ['editor'], { intent: 'None' }],
    ['POST', '/backoffice/unanswered/999999/dismiss', ['editor'], {}],
    ['GET', '/backoffice/answers', ['editor']],
    ['GET', '/backoffice/answers/export?format=csv', ['editor']],
    ['GET', '/backoffice/answers/faq_fees/en/history', ['editor']],
    ['PUT', '/backoffice/answers/no_such_answer/en/draft', ['editor'], { text: 'x' }],
    ['POST', '/backoffice/answers/no_such_answer/en/publish', ['editor'], {}],
    ['GET', '/staff/api/accounts', ['admin']],
    ['POST', '/staff/api/accounts', ['admin'], { name: 'x', roles: [], password: 'short' }],
    ['GET', '/backoffice/audit', ['admin']],
    ['GET', '/backoffice/subjects?mobile=13800000000', ['admin']],
    ['GET', '/backoffice/dashboard', 'all'],
    ['GET', '/backoffice/handoffs/stats', 'all'],
  ];

  it.each(['ann', 'rita', 'eddie', 'ada'])('%s reaches exactly the APIs of their role, reads and changes alike', async (name) => {
    const cookie = cookies.get(name)!;
    const { roles } = (await (await call('/staff/api/me', { cookie })).json()) as { roles: Role[] };
    for (const [method, path, allowed, json] of EVERY_API) {
      const status = (await call(path, { method, cookie, json })).status;
      const mine = allowed === 'all' || allowed.some((role) => roles.includes(role));
      expect({ method, path, refused: status === 403 }).toEqual({ method, path, refused: !mine });
      expect(status).not.toBe(401);
    }
  });

  it('an account with two roles has both; HANDOFF_AGENTS keep working as agents', async () => {
    const cookie = cookies.get('rex')!;
    expect((await call(API_OF.reviewer!, { cookie })).status).toBe(200);
    expect((await call(API_OF.editor!, { cookie })).status).toBe(200);
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

  it('an admin manages database accounts: create, change roles (at once), reset the password, disable; never configuration accounts or their own admin role', async () => {
    const admin = cookies.get('ada')!;
    const create = (json: unknown) => call('/staff/api/accounts', { method: 'POST', cookie: admin, json });
    const change = (name: string, json: unknown) => call(`/staff/api/accounts/${name}`, { method: 'PATCH', cookie: admin, json });
    expect((await create({ name: 'dora', roles: ['editor'], password: 'short' })).status).toBe(400);
    expect((await create({ name: 'dora', roles: [], password: PASSWORD })).status).toBe(400);
    expect((await create({ name: 'rita', roles: ['editor'], password: PASSWORD })).status).toBe(409);
    const created = await create({ name: 'dora', roles: ['editor'], password: PASSWORD });
    expect([created.status, await created.json()]).toEqual([201, { name: 'dora', roles: ['editor'], source: 'database', disabled: false }]);
    expect((await create({ name: 'dora', roles: ['agent'], password: PASSWORD })).status).toBe(409);
    expect((await call('/staff/api/accounts', { method: 'POST', cookie: cookies.get('rex')!, json: { name: 'eve', roles: ['admin'], password: PASSWORD } })).status).toBe(403);

    const login = await call('/staff/api/login', { method: 'POST', json: { name: 'dora', password: PASSWORD } });
    const dora = login.headers.get('set-cookie')!.split(';')[0];
    expect(await (await call('/staff/api/me', { cookie: dora })).json()).toEqual({ name: 'dora', roles: ['editor'] });
    expect((await call(API_OF.reviewer!, { cookie: dora })).status).toBe(403);
    expect((await change('dora', { roles: ['reviewer'] })).status).toBe(200);
    expect((await call(API_OF.reviewer!, { cookie: dora })).status).toBe(200);

    expect((await change('dora', { password: 'a brand new password' })).status).toBe(200);
    expect((await call('/staff/api/login', { method: 'POST', json: { name: 'dora', password: PASSWORD } })).status).toBe(401);
    expect((await change('dora', { disabled: true })).status).toBe(200);
    expect((await call('/staff/api/me', { cookie: dora })).status).toBe(401);
    expect((await call('/staff/api/login', { method: 'POST', json: { name: 'dora', password: 'a brand new password' } })).status).toBe(401);

    expect((await change('rita', { roles: ['admin'] })).status).toBe(409);
    expect((await change('nobody', { disabled: true })).status).toBe(404);
    const listed = (await (await call('/staff/api/accounts', { cookie: admin })).json()).accounts;
    expect(listed.find((a: { name: string }) => a.name === 'dora')).toEqual({ name: 'dora', roles: ['reviewer'], source: 'database', disabled: true });
    expect(listed.find((a: { name: string }) => a.name === 'ann')).toEqual({ name: 'ann', roles: ['agent'], source: 'config', disabled: false });
    expect(JSON.stringify(listed)).not.toMatch(/scrypt/);
  });

  it('an admin cannot lock themselves out', async () => {
    const admin = cookies.get('ada')!;
    // ada is a configuration account; a database admin tries on their own account.
    expect((await call('/staff/api/accounts', { method: 'POST', cookie: admin, json: { name: 'root2', roles: ['admin'], password: PASSWORD } })).status).toBe(201);
    const login = await call('/staff/api/login', { method: 'POST', json: { name: 'root2', password: PASSWORD } });
    const root2 = login.headers.get('set-cookie')!.split(';')[0];
    for (const json of [{ disabled: true }, { roles: ['editor'] }]) {
      const res = await call('/staff/api/accounts/root2', { method: 'PATCH', cookie: root2, json });
      expect([res.status, (await res.json()).error.code]).toEqual([409, 'OwnAccount']);
    }
  });

  it('writes every change, with who, what, where from and the result, to the append-only audit log', async () => {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const rows = (await client.query('SELECT actor, action, case_reference, detail, address FROM audit_log ORDER BY id')).rows;
      expect(rows).toEqual(expect.arrayContaining([
        expect.objectContaining({ actor: 'staff:rita', action: 'POST /staff/api/login' }),
        expect.objectContaining({ actor: 'staff:rita', action: 'POST /backoffice/cases/:reference/notes', case_reference: MISSING, detail: { target: { reference: MISSING }, status: 404 } }),
        expect.objectContaining({ actor: 'backoffice:ops', action: 'POST /backoffice/cases/:reference/notes' }),
        expect.objectContaining({ actor: 'staff:ada', action: 'PATCH /staff/api/accounts/:name', detail: { target: { name: 'dora' }, status: 200 } }),
      ]));
      expect(rows.every((row) => /127\.0\.0\.1/.test(row.address))).toBe(true);
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
