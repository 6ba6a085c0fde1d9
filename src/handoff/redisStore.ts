import { EventEmitter } from 'node:events';
import type { Logger } from '../log/logger';
import { subscribeWhenReady, withTimeout, type LuaScript, type RedisConnection } from '../state/redisConnection';
import { CLAIM, END, ENQUEUE, handoffKeyBase, MARK_DELIVERED, POSITIONS, POST, RATE, SWEEP } from './redisScripts';
import { encode } from './redisTranscriptStore';
import type { EndRequest, HandoffStore, NewHandoff } from './store';
import type { HandoffRecord, NewEntry, Outcome, Posted, SweepResult } from './types';

export interface RedisHandoffStoreOptions {
  prefix: string;
  timeoutMs: number;
  /** Open handoffs expire this long after their last change. */
  ttlSeconds: number;
  /** Transcripts (and message ids) expire this long after their last line (the scripts add lines). */
  transcriptTtlSeconds: number;
  /** Ended handoffs (the analytics record) and callback requests are kept this long. */
  retentionSeconds: number;
}

/**
 * Handoffs in Redis: a hash per handoff, the queue as a sorted set by enqueue time, online agents as a
 * sorted set by last heartbeat. Transitions are the Lua scripts in redisScripts.ts, which also add their
 * line to the conversation's transcript (RedisTranscriptStore); pub/sub only wakes the other instances,
 * which then re-read.
 */
export class RedisHandoffStore implements HandoffStore {
  private readonly base: string;
  private readonly local = new EventEmitter();

  constructor(
    private readonly client: RedisConnection,
    subscriber: RedisConnection,
    private readonly options: RedisHandoffStoreOptions,
    logger: Logger,
  ) {
    this.base = handoffKeyBase(options.prefix);
    this.local.setMaxListeners(0);
    subscribeWhenReady(subscriber, `${this.base}wake`, () => this.local.emit('change'), logger);
  }

  private bounded<T>(operation: Promise<T>): Promise<T> {
    return withTimeout(operation, this.options.timeoutMs);
  }

  private run(script: LuaScript, ...args: (string | number)[]): Promise<unknown> {
    return this.bounded(script.run(this.client, [`${this.base}queue`], [this.base, String(this.options.transcriptTtlSeconds), ...args.map(String)]));
  }

  async enqueue(handoff: NewHandoff, now: number): Promise<Outcome<{ record: HandoffRecord }>> {
    const ttl = handoff.kind === 'chat' ? this.options.ttlSeconds : this.options.retentionSeconds;
    const reply = (await this.run(ENQUEUE, ttl, handoff.id, handoff.kind, handoff.conversationId, now, handoff.reference, JSON.stringify(handoff.context))) as unknown[];
    return withRecord(reply);
  }

  async claim(id: string, agent: string, now: number): Promise<Outcome<{ record: HandoffRecord }>> {
    return withRecord((await this.run(CLAIM, id, agent, now)) as unknown[]);
  }

  async post(id: string, entry: NewEntry, clientId: string | undefined, _now: number): Promise<Outcome<Posted>> {
    const reply = (await this.run(POST, id, clientId ?? '', entry.from, entry.agent ?? '', ...encode(entry).slice(1))) as unknown[];
    if (reply[0] === 0) return refusal(reply);
    return { ok: true, entryId: String(reply[1]), duplicate: reply[0] === 2, delivered: reply[2] === 1 };
  }

  async markDelivered(id: string, clientId: string): Promise<void> {
    await this.run(MARK_DELIVERED, id, clientId);
  }

  async end(id: string, request: EndRequest, now: number): Promise<Outcome<{ record: HandoffRecord }>> {
    const [, , meta] = encode(request.entry);
    const reply = (await this.run(END, this.options.retentionSeconds, id, request.reason, request.from.join(','), request.agent ?? '', meta, now)) as unknown[];
    return withRecord(reply);
  }

  async sweep(now: number, heartbeatTimeoutMs: number, maxWaitMs: number): Promise<SweepResult> {
    const [requeued, timedOut] = (await this.run(SWEEP, this.options.retentionSeconds, now, heartbeatTimeoutMs, maxWaitMs)) as [string[], string[]];
    return { requeued: await this.records(requeued), timedOut: await this.records(timedOut) };
  }

  async positionChanges(): Promise<{ record: HandoffRecord; position: number }[]> {
    const pairs = (await this.run(POSITIONS)) as (string | number)[];
    const ids = pairs.filter((_, i) => i % 2 === 0).map(String);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records.flatMap((record, i) => (record ? [{ record, position: Number(pairs[i * 2 + 1]) }] : []));
  }

  async rate(id: string, score: number): Promise<boolean> {
    return (await this.run(RATE, id, score)) === 1;
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    return parseRecord(await this.bounded(this.client.hGetAll(`${this.base}h:${id}`)));
  }

  async active(conversationId: string): Promise<HandoffRecord | undefined> {
    const id = await this.bounded(this.client.get(`${this.base}active:${conversationId}`));
    const record = id ? await this.get(id) : undefined;
    return record && record.state !== 'ended' ? record : undefined;
  }

  async queue(): Promise<HandoffRecord[]> {
    const ids = await this.bounded(this.client.zRange(`${this.base}queue`, 0, -1));
    return (await this.records(ids)).filter((r) => r.state === 'queued');
  }

  async ownedBy(agent: string): Promise<HandoffRecord[]> {
    const ids = await this.bounded(this.client.sMembers(`${this.base}owned:${agent}`));
    return (await this.records(ids)).filter((r) => r.state === 'assigned' && r.agent === agent);
  }

  async heartbeat(agent: string, now: number): Promise<void> {
    await this.bounded(this.client.zAdd(`${this.base}agents`, { score: now, value: agent }));
  }

  async goOffline(agent: string): Promise<void> {
    await this.bounded(this.client.zAdd(`${this.base}agents`, { score: 0, value: agent }, { XX: true }));
  }

  async onlineAgents(now: number, heartbeatTimeoutMs: number): Promise<number> {
    return this.bounded(this.client.zCount(`${this.base}agents`, `(${now - heartbeatTimeoutMs}`, '+inf'));
  }

  onChange(listener: () => void): () => void {
    this.local.on('change', listener);
    return () => this.local.off('change', listener);
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
  }

  private async records(ids: string[]): Promise<HandoffRecord[]> {
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records.filter((r): r is HandoffRecord => r !== undefined);
  }
}

const NUMBERS = ['version', 'enqueuedAt', 'queuedAt', 'firstClaimedAt', 'claimedAt', 'endedAt', 'csat'] as const;

function parseRecord(hash: Record<string, string>): HandoffRecord | undefined {
  if (!hash.id) return undefined;
  const { told: _told, context, ...fields } = hash;
  const record = { ...fields, context: JSON.parse(context) } as unknown as Record<string, unknown>;
  for (const field of NUMBERS) if (hash[field] !== undefined) record[field] = Number(hash[field]);
  return record as unknown as HandoffRecord;
}

function refusal(reply: unknown[]): { ok: false; state: HandoffRecord['state'] | 'missing'; owner?: string } {
  return { ok: false, state: reply[1] as HandoffRecord['state'] | 'missing', owner: reply[2] ? String(reply[2]) : undefined };
}

function withRecord(reply: unknown[]): Outcome<{ record: HandoffRecord }> {
  if (reply[0] !== 1) return refusal(reply);
  const flat = reply[1] as string[];
  const hash: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) hash[flat[i]] = flat[i + 1];
  return { ok: true, record: parseRecord(hash) as HandoffRecord };
}
