import type { EndReason, HandoffRecord, HandoffState, NewEntry, Outcome, Posted, SweepResult } from './types';

export interface NewHandoff {
  id: string;
  kind: HandoffRecord['kind'];
  conversationId: string;
  reference: string;
  context: HandoffRecord['context'];
}

export interface EndRequest {
  reason: EndReason;
  /** States the handoff may be in for this end to apply. */
  from: HandoffState[];
  /** When set, only this agent (the owner) may end it. */
  agent?: string;
  entry: NewEntry;
}

/**
 * The handoff life cycle and queue, and which agents are online, shared by every instance (the
 * transcript and staff sessions have stores of their own). Each transition is atomic (one Lua script on Redis, one
 * synchronous step in memory): of two racing transitions exactly one applies and the other gets a
 * refusal naming the state and owner it met.
 */
export interface HandoffStore {
  /** Queues a new handoff; a chat is refused while the conversation already has one open. */
  enqueue(handoff: NewHandoff, now: number): Promise<Outcome<{ record: HandoffRecord }>>;
  /** Only from queued: the agent becomes the owner. */
  claim(id: string, agent: string, now: number): Promise<Outcome<{ record: HandoffRecord }>>;
  /**
   * Adds a message to the transcript. From the user while queued or assigned; from an agent only when
   * they own it. A repeated clientId adds nothing (retries are safe).
   */
  post(id: string, entry: NewEntry, clientId: string | undefined, now: number): Promise<Outcome<Posted>>;
  /** Records that a posted message reached the other side (so a retry does not deliver it twice). */
  markDelivered(id: string, clientId: string): Promise<void>;
  end(id: string, request: EndRequest, now: number): Promise<Outcome<{ record: HandoffRecord }>>;
  /** Requeues the chats of agents silent for heartbeatTimeoutMs; ends chats queued longer than maxWaitMs. */
  sweep(now: number, heartbeatTimeoutMs: number, maxWaitMs: number): Promise<SweepResult>;
  /** Queued chats whose position changed since the user was last told, with the new position (1-based). */
  positionChanges(): Promise<{ record: HandoffRecord; position: number }[]>;
  rate(id: string, score: number): Promise<boolean>;

  get(id: string): Promise<HandoffRecord | undefined>;
  /** The conversation's open handoff (queued or assigned), if any. */
  active(conversationId: string): Promise<HandoffRecord | undefined>;
  /** Queued handoffs in queue order (oldest first). */
  queue(): Promise<HandoffRecord[]>;
  ownedBy(agent: string): Promise<HandoffRecord[]>;

  heartbeat(agent: string, now: number): Promise<void>;
  /** Makes the agent count as lost at the next sweep (logout). */
  goOffline(agent: string): Promise<void>;
  onlineAgents(now: number, heartbeatTimeoutMs: number): Promise<number>;

  /** Called (on every instance) after any change; a wake-up only, never the data. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}
