import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { MemoryHandoffStore } from '../../src/handoff/memoryStore';
import { RedisHandoffStore } from '../../src/handoff/redisStore';
import { RedisTranscriptStore } from '../../src/handoff/redisTranscriptStore';
import type { HandoffStore, NewHandoff } from '../../src/handoff/store';
import { MemoryTranscriptStore, type TranscriptStore } from '../../src/handoff/transcriptStore';
import type { SessionStore } from '../../src/staff/auth';
import { MemorySessionStore, RedisSessionStore } from '../../src/staff/sessionStores';
import { createLogger } from '../../src/log/logger';
import { connectRedis, type RedisConnection } from '../../src/state/redisConnection';
import { startRedis, startRedisCluster, type RedisServer } from '../helpers/redis';

const logger = createLogger('silent');
const T0 = 1_800_000_000_000;

async function ready(...clients: RedisConnection[]): Promise<void> {
  for (let i = 0; i < 100 && !clients.every((c) => c.isReady); i++) await new Promise((r) => setTimeout(r, 50));
}

const chat = (n: number, kind: NewHandoff['kind'] = 'chat'): NewHandoff => ({
  id: `h${n}`,
  kind,
  conversationId: `c${n}`,
  reference: JSON.stringify({ conversation: { id: `c${n}` } }),
  context: { language: 'zh-CN', userId: `u${n}`, intents: ['human_agent'] },
});
const say = (from: 'user' | 'agent', text: string, agent?: string) => ({ at: 0, from, text, ...(agent ? { agent } : {}) });

let redis: RedisServer;
let cluster: Awaited<ReturnType<typeof startRedisCluster>> | undefined;
const clients: RedisConnection[] = [];
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
  await redis.stop();
  await cluster?.stop();
});

/** The three stores of the handoff services: life cycle and queue, transcripts, staff sessions. */
interface Stores {
  store: HandoffStore;
  transcripts: TranscriptStore;
  sessions: SessionStore;
}

function memoryStores(): Stores {
  const transcripts = new MemoryTranscriptStore({ maxEntries: 1000, idleMs: 3_600_000 });
  return { store: new MemoryHandoffStore(transcripts), transcripts, sessions: new MemorySessionStore() };
}

async function connected(settings: { url?: string; clusterNodes?: string[] }, prefix: string): Promise<Stores & { store: RedisHandoffStore }> {
  const client = connectRedis({ ...settings, commandTimeoutMs: 2000 }, logger, 'test');
  const subscriber = connectRedis({ ...settings, commandTimeoutMs: 2000 }, logger, 'test-sub');
  clients.push(client, subscriber);
  await ready(client, subscriber);
  return {
    store: new RedisHandoffStore(client, subscriber, { prefix, timeoutMs: 2000, ttlSeconds: 600, transcriptTtlSeconds: 600, retentionSeconds: 3600 }, logger),
    transcripts: new RedisTranscriptStore(client, { prefix, timeoutMs: 2000, transcriptTtlSeconds: 600 }),
    sessions: new RedisSessionStore(client, { prefix, timeoutMs: 2000 }),
  };
}

const redisStores = (prefix = `t${++prefixes}:`) => connected({ url: redis.url }, prefix);

/** Every handoff key carries the {handoff} hash tag, so the scripts run on a cluster's one slot. */
async function clusterStores(): Promise<Stores> {
  cluster ??= await startRedisCluster();
  return connected({ clusterNodes: cluster.urls }, `k${++prefixes}:`);
}

describe.each<[string, () => Promise<Stores>]>([
  ['memory', async () => memoryStores()],
  ['redis', () => redisStores()],
  ['redis cluster', () => clusterStores()],
])('handoff stores (%s)', (_name, make) => {
  let store: HandoffStore;
  let transcripts: TranscriptStore;
  let sessions: SessionStore;
  beforeEach(async () => {
    ({ store, transcripts, sessions } = await make());
  });

  it('queues a chat once per conversation; callbacks do not block the conversation', async () => {
    const queued = await store.enqueue(chat(1), T0);
    expect(queued).toMatchObject({ ok: true, record: { id: 'h1', state: 'queued', version: 1, enqueuedAt: T0, context: { userId: 'u1' } } });
    expect(await store.enqueue({ ...chat(1), id: 'h1b' }, T0 + 1)).toEqual({ ok: false, state: 'queued', owner: undefined });
    expect((await store.enqueue({ ...chat(1, 'callback'), id: 'cb1' }, T0 + 2)).ok).toBe(true);
    expect((await store.active('c1'))?.id).toBe('h1');
    expect((await store.queue()).map((r) => r.id)).toEqual(['h1', 'cb1']);
  });

  it('lets exactly one agent claim; the other is told who has it', async () => {
    await store.enqueue(chat(1), T0);
    const [a, b] = await Promise.all([store.claim('h1', 'alice', T0 + 5), store.claim('h1', 'bob', T0 + 5)]);
    expect(a).toMatchObject({ ok: true, record: { state: 'assigned', agent: 'alice', claimedAt: T0 + 5, firstClaimedAt: T0 + 5, version: 2 } });
    expect(b).toEqual({ ok: false, state: 'assigned', owner: 'alice' });
    expect(await store.queue()).toEqual([]);
    expect((await store.ownedBy('alice')).map((r) => r.id)).toEqual(['h1']);
    expect(await store.claim('missing', 'bob', T0)).toEqual({ ok: false, state: 'missing' });
  });

  it('relays only between the user and the owner; a repeated client id adds nothing', async () => {
    await store.enqueue(chat(1), T0);
    expect(await store.post('h1', say('user', 'waiting…'), 'm1', T0 + 1)).toMatchObject({ ok: true, duplicate: false });
    expect(await store.post('h1', say('agent', 'hi', 'alice'), 'a1', T0 + 2)).toEqual({ ok: false, state: 'queued', owner: undefined });
    await store.claim('h1', 'alice', T0 + 3);
    expect(await store.post('h1', say('agent', 'hi', 'bob'), 'b1', T0 + 4)).toEqual({ ok: false, state: 'assigned', owner: 'alice' });
    const first = await store.post('h1', say('agent', 'hello', 'alice'), 'a2', T0 + 5);
    expect(first).toMatchObject({ ok: true, duplicate: false, delivered: false });
    expect(await store.post('h1', say('agent', 'hello', 'alice'), 'a2', T0 + 6)).toEqual({ ...first, duplicate: true });
    await store.markDelivered('h1', 'a2');
    expect(await store.post('h1', say('agent', 'hello', 'alice'), 'a2', T0 + 7)).toMatchObject({ duplicate: true, delivered: true });
    const lines = await transcripts.read('c1');
    expect(lines.map((l) => l.event ?? `${l.from}:${l.text}`)).toEqual(['queued', 'user:waiting…', 'claimed', 'agent:hello']);
    // Paging from an entry id returns only what came after it.
    expect((await transcripts.read('c1', lines[1].id)).map((l) => l.event ?? l.text)).toEqual(['claimed', 'hello']);
  });

  it('logs lines said before a handoff at their own times, never before its last line', async () => {
    const line = (text: string, at: number) => ({ at, from: 'user' as const, text, intent: 'greeting' });
    await transcripts.log('c1', [line('two', T0 + 1), line('three', T0 + 2)]);
    expect((await transcripts.read('c1')).map(({ at, text, intent }) => ({ at, text, intent }))).toEqual([
      { at: T0 + 1, text: 'two', intent: 'greeting' },
      { at: T0 + 2, text: 'three', intent: 'greeting' },
    ]);
    // A line said earlier than the transcript's last is kept after it, never before.
    await transcripts.log('c1', [line('late', T0)]);
    expect((await transcripts.read('c1')).map((l) => l.text)).toEqual(['two', 'three', 'late']);
  });

  it("forgets one conversation's transcript (a data subject's erasure), and no other's", async () => {
    await transcripts.log('c1', [say('user', 'mine')]);
    await transcripts.log('c2', [say('user', 'theirs')]);
    await transcripts.forget('c1');
    expect(await transcripts.read('c1')).toEqual([]);
    expect((await transcripts.read('c2')).map((l) => l.text)).toEqual(['theirs']);
  });

  it('ends only for the owner, then frees the conversation and keeps the analytics record', async () => {
    await store.enqueue(chat(1), T0);
    await store.claim('h1', 'alice', T0 + 1000);
    const end = { reason: 'completed' as const, from: ['assigned' as const], entry: { at: 0, from: 'system' as const, event: 'ended' } };
    expect(await store.end('h1', { ...end, agent: 'bob' }, T0 + 2000)).toEqual({ ok: false, state: 'assigned', owner: 'alice' });
    expect(await store.end('h1', { ...end, agent: 'alice' }, T0 + 5000)).toMatchObject({ ok: true, record: { state: 'ended', endReason: 'completed', endedAt: T0 + 5000 } });
    expect(await store.active('c1')).toBeUndefined();
    expect(await store.post('h1', say('user', 'late'), undefined, T0 + 6000)).toEqual({ ok: false, state: 'ended', owner: 'alice' });
    expect(await store.rate('h1', 4)).toBe(true);
    expect(await store.rate('h1', 1)).toBe(false);
    expect(await store.get('h1')).toEqual(expect.objectContaining({ id: 'h1', csat: 4, enqueuedAt: T0, firstClaimedAt: T0 + 1000, endedAt: T0 + 5000 }));
    expect((await store.enqueue({ ...chat(1), id: 'h1-again' }, T0 + 7000)).ok).toBe(true);
  });

  it('a user who stops waiting and an agent who claims at the same instant: exactly one wins', async () => {
    for (let n = 0; n < 20; n++) {
      await store.enqueue(chat(100 + n), T0);
      const [cancelled, claimed] = await Promise.all([
        store.end(`h${100 + n}`, { reason: 'cancelled', from: ['queued'], entry: { at: 0, from: 'system', event: 'cancelled' } }, T0 + 1),
        store.claim(`h${100 + n}`, 'alice', T0 + 1),
      ]);
      expect([cancelled.ok, claimed.ok].filter(Boolean)).toHaveLength(1);
      const record = await store.get(`h${100 + n}`);
      expect(record?.state).toBe(cancelled.ok ? 'ended' : 'assigned');
    }
  });

  it('requeues the chats of an agent whose heartbeat stopped, at the front, and ends chats nobody took', async () => {
    await store.enqueue(chat(1), T0);
    await store.enqueue(chat(2), T0 + 10);
    await store.heartbeat('alice', T0 + 20);
    await store.heartbeat('bob', T0 + 20);
    await store.claim('h1', 'alice', T0 + 30);
    expect(await store.onlineAgents(T0 + 30, 60_000)).toBe(2);
    await store.heartbeat('bob', T0 + 50_000);
    // At T0+70s alice has been silent for more than 60 s; h2 has waited 70 s (limit 100 s).
    const swept = await store.sweep(T0 + 70_000, 60_000, 100_000);
    expect(swept.requeued.map((r) => [r.id, r.state, r.agent])).toEqual([['h1', 'queued', undefined]]);
    expect(swept.timedOut).toEqual([]);
    expect((await store.queue()).map((r) => r.id)).toEqual(['h1', 'h2']);
    expect(await store.onlineAgents(T0 + 70_000, 60_000)).toBe(1);
    expect((await transcripts.read('c1')).map((l) => l.event)).toEqual(['queued', 'claimed', 'requeued']);
    // h1's wait restarted when it was requeued; h2 waited from T0+10.
    const later = await store.sweep(T0 + 110_000, 600_000, 100_000);
    expect(later.timedOut.map((r) => [r.id, r.state, r.endReason])).toEqual([['h2', 'ended', 'timeout']]);
    expect((await store.queue()).map((r) => r.id)).toEqual(['h1']);
  });

  it('reports each change of a waiting user’s position once', async () => {
    await store.enqueue(chat(1), T0);
    await store.enqueue(chat(2), T0 + 1);
    await store.enqueue({ ...chat(3, 'callback') }, T0 + 2);
    expect((await store.positionChanges()).map((c) => [c.record.id, c.position])).toEqual([['h1', 1], ['h2', 2]]);
    expect(await store.positionChanges()).toEqual([]);
    await store.claim('h1', 'alice', T0 + 3);
    expect((await store.positionChanges()).map((c) => [c.record.id, c.position])).toEqual([['h2', 1]]);
  });

  it('keeps agent sessions until they are dropped', async () => {
    await sessions.saveSession('tok', 'alice', 60);
    expect(await sessions.session('tok')).toBe('alice');
    await sessions.dropSession('tok');
    expect(await sessions.session('tok')).toBeUndefined();
  });
});

describe('claim race across processes (real Redis)', () => {
  it('20 agents in two processes claim one chat at the same instant: exactly one wins, 19 conflicts name the owner', async () => {
    const { store } = await redisStores('race:');
    await store.enqueue(chat(7), Date.now());
    const startAt = Date.now() + 1500;
    const racer = (side: string) =>
      new Promise<{ agent: string; outcome: { ok: boolean; owner?: string; state?: string } }[]>((resolve, reject) => {
        const agents = Array.from({ length: 10 }, (_, i) => `${side}${i}`);
        const child = spawn(process.execPath, [join(__dirname, 'claimRacer.js'), redis.url, 'race:', 'h7', String(startAt), ...agents]);
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`racer ${side} exited ${code}`))));
      });
    const results = (await Promise.all([racer('a'), racer('b')])).flat();
    const winners = results.filter((r) => r.outcome.ok);
    expect(results).toHaveLength(20);
    expect(winners).toHaveLength(1);
    const owner = winners[0].agent;
    expect(results.filter((r) => !r.outcome.ok)).toEqual(Array.from({ length: 19 }, () => expect.objectContaining({ outcome: { ok: false, state: 'assigned', owner } })));
    expect((await store.get('h7'))?.agent).toBe(owner);
    // eslint-disable-next-line no-console
    console.log(`claim race: ${results.length} claims, ${winners.length} winner (${owner}), ${results.length - winners.length} conflicts`);
  });
});

describe('memory transcripts', () => {
  it('go when idle and are bounded in number, the longest idle first', async () => {
    let now = T0;
    const transcripts = new MemoryTranscriptStore({ maxEntries: 2, idleMs: 60_000 }, () => now);
    for (const conversation of ['c1', 'c2', 'c3']) await transcripts.log(conversation, [say('user', `hi from ${conversation}`)]);
    expect(await transcripts.read('c1')).toEqual([]);
    expect((await transcripts.read('c2')).map((l) => l.text)).toEqual(['hi from c2']);
    now += 60_001;
    expect(await transcripts.read('c3')).toEqual([]);
  });
});
