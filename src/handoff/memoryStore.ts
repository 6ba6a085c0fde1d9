import { EventEmitter } from 'node:events';
import type { EndRequest, HandoffStore, NewHandoff } from './store';
import type { MemoryTranscriptStore } from './transcriptStore';
import type { HandoffRecord, NewEntry, Outcome, Posted, SweepResult } from './types';

/**
 * The handoff store of a single process: every transition is one synchronous step, so it is atomic
 * (its transcript line included).
 */
export class MemoryHandoffStore implements HandoffStore {
  private readonly handoffs = new Map<string, HandoffRecord>();
  private readonly activeByConversation = new Map<string, string>();
  private readonly clientIds = new Map<string, Map<string, { entryId: string; delivered: boolean }>>();
  private readonly told = new Map<string, number>();
  private readonly agents = new Map<string, number>();
  private readonly events = new EventEmitter();

  constructor(private readonly transcripts: MemoryTranscriptStore) {}

  async enqueue(handoff: NewHandoff, now: number): Promise<Outcome<{ record: HandoffRecord }>> {
    if (handoff.kind === 'chat') {
      const open = this.openFor(handoff.conversationId);
      if (open) return { ok: false, state: open.state, owner: open.agent };
    }
    const record: HandoffRecord = { ...handoff, state: 'queued', version: 1, enqueuedAt: now, queuedAt: now };
    this.handoffs.set(record.id, record);
    if (handoff.kind === 'chat') this.activeByConversation.set(handoff.conversationId, record.id);
    this.transcripts.append(record.conversationId, { at: now, from: 'system', event: handoff.kind === 'chat' ? 'queued' : 'callback' });
    return this.changed({ ok: true, record: { ...record } });
  }

  async claim(id: string, agent: string, now: number): Promise<Outcome<{ record: HandoffRecord }>> {
    const record = this.handoffs.get(id);
    if (!record || record.state !== 'queued') return refusal(record);
    Object.assign(record, { state: 'assigned', agent, claimedAt: now, firstClaimedAt: record.firstClaimedAt ?? now, version: record.version + 1 });
    this.transcripts.append(record.conversationId, { at: now, from: 'system', event: 'claimed', agent });
    return this.changed({ ok: true, record: { ...record } });
  }

  async post(id: string, entry: NewEntry, clientId: string | undefined, now: number): Promise<Outcome<Posted>> {
    const record = this.handoffs.get(id);
    const seen = clientId ? this.clientIds.get(id)?.get(clientId) : undefined;
    if (seen) return { ok: true, entryId: seen.entryId, duplicate: true, delivered: seen.delivered };
    if (!record) return refusal(record);
    const allowed = entry.from === 'agent' ? record.state === 'assigned' && record.agent === entry.agent : record.state !== 'ended';
    if (!allowed) return refusal(record);
    const entryId = this.transcripts.append(record.conversationId, { ...entry, at: now });
    if (clientId) {
      const ids = this.clientIds.get(id) ?? new Map<string, { entryId: string; delivered: boolean }>();
      ids.set(clientId, { entryId, delivered: false });
      this.clientIds.set(id, ids);
    }
    record.version++;
    return this.changed({ ok: true, entryId, duplicate: false, delivered: false });
  }

  async markDelivered(id: string, clientId: string): Promise<void> {
    const seen = this.clientIds.get(id)?.get(clientId);
    if (seen) seen.delivered = true;
  }

  async end(id: string, request: EndRequest, now: number): Promise<Outcome<{ record: HandoffRecord }>> {
    const record = this.handoffs.get(id);
    if (!record || !request.from.includes(record.state) || (request.agent !== undefined && record.agent !== request.agent)) return refusal(record);
    this.finish(record, request.reason, now, request.entry);
    return this.changed({ ok: true, record: { ...record } });
  }

  async sweep(now: number, heartbeatTimeoutMs: number, maxWaitMs: number): Promise<SweepResult> {
    const result: SweepResult = { requeued: [], timedOut: [] };
    const lost = new Set([...this.agents].filter(([, beat]) => beat <= now - heartbeatTimeoutMs).map(([agent]) => agent));
    for (const agent of lost) this.agents.delete(agent);
    for (const record of this.handoffs.values()) {
      if (record.state === 'assigned' && record.agent && lost.has(record.agent)) {
        const agent = record.agent;
        Object.assign(record, { state: 'queued', agent: undefined, claimedAt: undefined, queuedAt: now, version: record.version + 1 });
        this.told.delete(record.id);
        this.transcripts.append(record.conversationId, { at: now, from: 'system', event: 'requeued', agent });
        result.requeued.push({ ...record });
      } else if (record.state === 'queued' && record.kind === 'chat' && record.queuedAt <= now - maxWaitMs) {
        this.finish(record, 'timeout', now, { at: now, from: 'system', event: 'timeout' });
        result.timedOut.push({ ...record });
      }
    }
    if (result.requeued.length || result.timedOut.length) this.events.emit('change');
    return result;
  }

  async positionChanges(): Promise<{ record: HandoffRecord; position: number }[]> {
    const changes: { record: HandoffRecord; position: number }[] = [];
    this.queued()
      .filter((record) => record.kind === 'chat')
      .forEach((record, index) => {
        if (this.told.get(record.id) === index + 1) return;
        this.told.set(record.id, index + 1);
        changes.push({ record: { ...record }, position: index + 1 });
      });
    return changes;
  }

  async rate(id: string, score: number): Promise<boolean> {
    const record = this.handoffs.get(id);
    if (!record || record.state !== 'ended' || record.csat !== undefined) return false;
    record.csat = score;
    return true;
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    const record = this.handoffs.get(id);
    return record && { ...record };
  }

  async active(conversationId: string): Promise<HandoffRecord | undefined> {
    const record = this.openFor(conversationId);
    return record && { ...record };
  }

  async queue(): Promise<HandoffRecord[]> {
    return this.queued().map((record) => ({ ...record }));
  }

  async ownedBy(agent: string): Promise<HandoffRecord[]> {
    return [...this.handoffs.values()].filter((r) => r.state === 'assigned' && r.agent === agent).map((r) => ({ ...r }));
  }

  async heartbeat(agent: string, now: number): Promise<void> {
    this.agents.set(agent, now);
  }

  async goOffline(agent: string): Promise<void> {
    if (this.agents.has(agent)) this.agents.set(agent, 0);
  }

  async onlineAgents(now: number, heartbeatTimeoutMs: number): Promise<number> {
    return [...this.agents.values()].filter((beat) => beat > now - heartbeatTimeoutMs).length;
  }

  onChange(listener: () => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }

  private openFor(conversationId: string): HandoffRecord | undefined {
    const id = this.activeByConversation.get(conversationId);
    const record = id ? this.handoffs.get(id) : undefined;
    return record && record.state !== 'ended' ? record : undefined;
  }

  private queued(): HandoffRecord[] {
    return [...this.handoffs.values()].filter((r) => r.state === 'queued').sort((a, b) => a.enqueuedAt - b.enqueuedAt);
  }

  private finish(record: HandoffRecord, reason: HandoffRecord['endReason'], now: number, entry: NewEntry): void {
    Object.assign(record, { state: 'ended', endReason: reason, endedAt: now, version: record.version + 1 });
    if (this.activeByConversation.get(record.conversationId) === record.id) this.activeByConversation.delete(record.conversationId);
    this.told.delete(record.id);
    this.transcripts.append(record.conversationId, { ...entry, at: now });
  }

  private changed<T>(outcome: T): T {
    this.events.emit('change');
    return outcome;
  }
}

function refusal(record: HandoffRecord | undefined): { ok: false; state: HandoffRecord['state'] | 'missing'; owner?: string } {
  return record ? { ok: false, state: record.state, owner: record.agent } : { ok: false, state: 'missing' };
}
