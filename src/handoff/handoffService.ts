import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger';
import type { TurnLock } from '../state/turnLock';
import { maskCardNumbers } from '../pii/cardNumbers';
import type { CallbackRequest, HandoffArchive } from './archive';
import type { HandoffStore } from './store';
import type { TranscriptService } from './transcriptService';
import type { HandoffContext, HandoffKind, HandoffRecord, HandoffStats, NewEntry, Outcome, Posted, TranscriptEntry } from './types';

/** How the user hears about their handoff: implemented by the bot layer over whatever channel they use. */
export interface UserNotifier {
  position(record: HandoffRecord, position: number, waitMinutes: number): Promise<void>;
  joined(record: HandoffRecord): Promise<void>;
  agentMessage(record: HandoffRecord, text: string): Promise<void>;
  agentTyping(record: HandoffRecord): Promise<void>;
  /** The agent was lost; the user is back in the queue (their position follows). */
  requeued(record: HandoffRecord): Promise<void>;
  /** Nobody took the chat in time, or the contact centre failed it: offer to leave a message. */
  unanswered(record: HandoffRecord): Promise<void>;
  /** The agent ended the chat: back to the bot, which asks for a rating. */
  ended(record: HandoffRecord): Promise<void>;
}

export interface HandoffSettings {
  /** An agent silent this long is lost: their chats go back to the queue. */
  heartbeatTimeoutMs: number;
  /** A chat queued this long without an agent ends; the user may leave a message. */
  maxWaitMs: number;
  /** Typical minutes per chat, for the estimated wait. */
  handleMinutes: number;
  sweepIntervalMs: number;
  /**
   * Channels whose own contact centre takes their handoffs (it answers with handoff.status): the bot
   * counts it as staffed and leaves telling queue places to it.
   */
  contactCentreChannels?: readonly string[];
}

export class HandoffConflict extends Error {
  constructor(readonly refusal: Extract<Outcome, { ok: false }>) {
    super(refusal.owner ? `Already taken by ${refusal.owner}` : `Not possible while the handoff is ${refusal.state}`);
    this.name = 'HandoffConflict';
  }
}

/** External contact centres take a handoff under this agent name. */
export const EXTERNAL_AGENT = 'contact-centre';

/**
 * The handoff life cycle on top of the store: queueing, agents claiming, relaying both ways, ending,
 * and the periodic sweep that requeues chats of lost agents and ends chats nobody took. Whichever
 * instance applies a transition tells the user, so every notice is sent exactly once.
 */
export class HandoffService {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: HandoffStore,
    private readonly transcripts: TranscriptService,
    /** The conversation's turn lock: an agent's message is kept and delivered in one step, as a user's is relayed in their turn. */
    private readonly lock: TurnLock,
    private readonly archive: HandoffArchive,
    private readonly notifier: UserNotifier,
    private readonly settings: HandoffSettings,
    private readonly logger: Logger,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Whether anyone could take a chat from this channel now. */
  async available(channelId?: string): Promise<boolean> {
    if (this.hasContactCentre(channelId)) return true;
    return (await this.store.onlineAgents(this.now(), this.settings.heartbeatTimeoutMs)) > 0;
  }

  async request(kind: HandoffKind, conversationId: string, reference: unknown, context: HandoffContext): Promise<Outcome<{ record: HandoffRecord }>> {
    const id = randomUUID();
    // A callback request is a record first: when the database cannot take it, nothing is queued either.
    if (kind === 'callback') await this.archive.callbackRequested(id, this.now(), context);
    const outcome = await this.store.enqueue({ id, kind, conversationId, reference: JSON.stringify(reference), context }, this.now());
    // After the current turn: the position message goes to the user's conversation, which is busy until then.
    if (outcome.ok && kind === 'chat') setImmediate(() => void this.announcePositions());
    return outcome;
  }

  /** A user's message while their handoff is open: into the transcript the agent reads. */
  fromUser(record: HandoffRecord, entry: Omit<NewEntry, 'from' | 'at'>, clientId: string | undefined): Promise<Outcome<Posted>> {
    return this.store.post(record.id, { ...entry, from: 'user', at: this.now() }, clientId, this.now());
  }

  /** What the bot told the user while their handoff is open (a change of their case): the agent reads it too. */
  async fromBot(record: HandoffRecord, text: string): Promise<void> {
    await this.store.post(record.id, { from: 'bot', text, at: this.now() }, undefined, this.now());
  }

  get(id: string): Promise<HandoffRecord | undefined> {
    return this.store.get(id);
  }

  /** The open handoff of a conversation (queued or with an agent), if any. */
  active(conversationId: string): Promise<HandoffRecord | undefined> {
    return this.store.active(conversationId);
  }

  /** Everything waiting for an agent, chats and callbacks, oldest first. */
  queue(): Promise<HandoffRecord[]> {
    return this.store.queue();
  }

  ownedBy(agent: string): Promise<HandoffRecord[]> {
    return this.store.ownedBy(agent);
  }

  /**
   * A handoff of this conversation starts: its transcript, begun with `said` (what the conversation
   * holds so far, masked) where it has no line of that time yet.
   */
  beginTranscript(conversationId: string, said: NewEntry[]): Promise<TranscriptEntry[]> {
    return this.transcripts.begin(conversationId, said);
  }

  /** A conversation's transcript (masked), after the entry `afterId` when given; the live store keeps it a day. */
  transcript(conversationId: string, afterId?: string): Promise<TranscriptEntry[]> {
    return this.transcripts.read(conversationId, afterId);
  }

  /** Calls `listener` on any change of any handoff (on whichever instance); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    return this.store.onChange(listener);
  }

  /** 1-based place among the chats waiting; 0 when no longer queued. */
  async positionOf(id: string): Promise<number> {
    return (await this.store.queue()).filter((r) => r.kind === 'chat').findIndex((r) => r.id === id) + 1;
  }

  async cancelByUser(record: HandoffRecord): Promise<boolean> {
    const outcome = await this.store.end(record.id, { reason: 'cancelled', from: ['queued'], entry: { at: this.now(), from: 'system', event: 'cancelled' } }, this.now());
    if (outcome.ok) {
      await this.ended(outcome.record);
      setImmediate(() => void this.announcePositions());
    }
    return outcome.ok;
  }

  async claim(id: string, agent: string): Promise<HandoffRecord> {
    const outcome = await this.store.claim(id, agent, this.now());
    if (!outcome.ok) throw new HandoffConflict(outcome);
    if (outcome.record.kind === 'chat') await this.tell(() => this.notifier.joined(outcome.record));
    void this.announcePositions();
    return outcome.record;
  }

  /**
   * The agent's message, card numbers masked (an agent reading one out is no reason to keep or send it):
   * kept in the transcript first, then delivered; a retry with the same clientId never delivers twice.
   */
  async fromAgent(id: string, agent: string, typed: string, clientId: string): Promise<string> {
    const text = maskCardNumbers(typed);
    const record = await this.store.get(id);
    if (!record) throw new HandoffConflict({ ok: false, state: 'missing' });
    // Under the conversation's lock, so that messages sent at once (on any instance) reach the user's log
    // in the order the transcript took them.
    return this.lock.run(record.conversationId, async () => {
      const outcome = await this.store.post(id, { from: 'agent', agent, text, at: this.now() }, clientId, this.now());
      if (!outcome.ok) throw new HandoffConflict(outcome);
      if (outcome.delivered) return outcome.entryId;
      if (record.kind === 'chat') await this.notifier.agentMessage(record, text);
      await this.store.markDelivered(id, clientId);
      return outcome.entryId;
    });
  }

  async typing(id: string, agent: string): Promise<void> {
    const record = await this.store.get(id);
    if (!record || record.state !== 'assigned' || record.agent !== agent) throw new HandoffConflict({ ok: false, state: record?.state ?? 'missing', owner: record?.agent });
    if (record.kind === 'chat') await this.notifier.agentTyping(record);
  }

  async endByAgent(id: string, agent: string): Promise<HandoffRecord> {
    const outcome = await this.store.end(id, { reason: 'completed', from: ['assigned'], agent, entry: { at: this.now(), from: 'system', event: 'ended', agent } }, this.now());
    if (!outcome.ok) throw new HandoffConflict(outcome);
    await this.ended(outcome.record);
    if (outcome.record.kind === 'chat') await this.tell(() => this.notifier.ended(outcome.record));
    return outcome.record;
  }

  /** `handoff.status` from a contact-centre channel that took the conversation over. */
  async externalStatus(record: HandoffRecord, state: 'accepted' | 'completed' | 'failed'): Promise<void> {
    const now = this.now();
    if (state === 'accepted') {
      if (record.state === 'queued') await this.store.claim(record.id, EXTERNAL_AGENT, now);
      return;
    }
    const reason = state === 'completed' ? 'completed' : 'failed';
    const outcome = await this.store.end(record.id, { reason, from: ['queued', 'assigned'], entry: { at: now, from: 'system', event: reason } }, now);
    if (!outcome.ok) return;
    await this.ended(outcome.record);
    // After the current turn (the status arrived as one): the bot then takes the conversation back.
    setImmediate(() => {
      void this.tell(() => (reason === 'completed' ? this.notifier.ended(outcome.record) : this.notifier.unanswered(outcome.record))).then(() => this.announcePositions());
    });
  }

  async rate(id: string, score: number): Promise<boolean> {
    const rated = await this.store.rate(id, score);
    if (rated) {
      this.logger.info({ handoffId: id, csat: score }, 'handoff rated');
      await this.archive.rated(id, score).catch((err: unknown) => this.logger.warn({ err, handoffId: id }, 'rating not archived'));
    }
    return rated;
  }

  async heartbeat(agent: string): Promise<void> {
    await this.store.heartbeat(agent, this.now());
  }

  /** The agent signed out: lost at the next sweep, their chats back in the queue. */
  signedOut(agent: string): Promise<void> {
    return this.store.goOffline(agent);
  }

  /** Requeues the chats of lost agents, ends chats nobody took, tells each user. Runs on every instance. */
  async sweep(): Promise<void> {
    const { requeued, timedOut } = await this.store.sweep(this.now(), this.settings.heartbeatTimeoutMs, this.settings.maxWaitMs);
    for (const record of requeued) {
      this.logger.warn({ handoffId: record.id }, 'agent lost: chat back in the queue');
      if (record.kind === 'chat') await this.tell(() => this.notifier.requeued(record));
    }
    for (const record of timedOut) {
      await this.ended(record);
      await this.tell(() => this.notifier.unanswered(record));
    }
    await this.announcePositions();
  }

  /** Tells every waiting user whose place in the queue changed (each change once, across instances). */
  async announcePositions(): Promise<void> {
    try {
      const changes = await this.store.positionChanges();
      if (!changes.length) return;
      const agents = Math.max(1, await this.store.onlineAgents(this.now(), this.settings.heartbeatTimeoutMs));
      for (const { record, position } of changes) {
        if (this.hasContactCentre((JSON.parse(record.reference) as { channelId?: string }).channelId)) continue;
        const wait = Math.max(1, Math.ceil((position * this.settings.handleMinutes) / agents));
        await this.tell(() => this.notifier.position(record, position, wait));
      }
    } catch (err) {
      this.logger.warn({ err }, 'queue positions not announced');
    }
  }

  /** Counts and means over handoffs ended since `sinceMs` (business clock, as the archive keeps them), for the analytics dashboard. */
  stats(sinceMs: number): Promise<HandoffStats> {
    return this.archive.stats(sinceMs);
  }

  /** Callback requests not yet ended, from the system of record. */
  waitingCallbacks(): Promise<CallbackRequest[]> {
    return this.archive.waitingCallbacks();
  }

  /** The user's latest callback request still waiting ("did anyone call me?"). */
  waitingCallbackOf(userId: string): Promise<CallbackRequest | undefined> {
    return this.archive.waitingCallbackOf(userId);
  }

  /** Every callback request from this mobile number or about these cases (a subject's data export). */
  callbacksOf(mobile: string, references: string[]): Promise<CallbackRequest[]> {
    return this.archive.callbacksOf(mobile, references);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((err: unknown) => this.logger.warn({ err }, 'handoff sweep failed'));
    }, this.settings.sweepIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private hasContactCentre(channelId: string | undefined): boolean {
    return channelId !== undefined && (this.settings.contactCentreChannels ?? []).includes(channelId);
  }

  /** The reporting hook: one log line per handoff with its outcome and times, and its row in the system of record. */
  private async ended(record: HandoffRecord): Promise<void> {
    const waitMs = (record.firstClaimedAt ?? record.endedAt ?? record.enqueuedAt) - record.enqueuedAt;
    const handleMs = record.claimedAt && record.endedAt ? record.endedAt - record.claimedAt : undefined;
    this.logger.info({ handoffId: record.id, kind: record.kind, reason: record.endReason, agent: record.agent, waitMs, handleMs }, 'handoff ended');
    await this.archive.ended(record).catch((err: unknown) => this.logger.warn({ err, handoffId: record.id }, 'ended handoff not archived'));
  }

  /** A notice that cannot be delivered is logged; the transition it reports stands. */
  private async tell(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (err) {
      this.logger.warn({ err }, 'handoff notice not delivered');
    }
  }
}
