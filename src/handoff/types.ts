/** A live chat with a person ("chat") or a request to be called back ("callback"). */
export type HandoffKind = 'chat' | 'callback';
/** queued → assigned → ended; assigned → queued again when the agent is lost. */
export type HandoffState = 'queued' | 'assigned' | 'ended';
export type EndReason = 'completed' | 'cancelled' | 'timeout' | 'failed';

/** What the agent needs to know without asking the user again. */
export interface HandoffContext {
  language: string;
  userId: string;
  /** The user's recent intents, oldest first. */
  intents: string[];
  caseReference?: string;
  /** "**** **** **** 1234", never the number. */
  cardMasked?: string;
  /** Callback requests: what the user wrote and where to call. */
  message?: string;
  mobile?: string;
}

export interface HandoffRecord {
  id: string;
  kind: HandoffKind;
  conversationId: string;
  state: HandoffState;
  /** Bumped by every transition and message. */
  version: number;
  agent?: string;
  /** Epoch ms. enqueuedAt orders the queue; queuedAt restarts when a lost agent's chat is queued again. */
  enqueuedAt: number;
  queuedAt: number;
  firstClaimedAt?: number;
  claimedAt?: number;
  endedAt?: number;
  endReason?: EndReason;
  /** 1-5, asked when the chat ends. */
  csat?: number;
  /** The channel's conversation reference (JSON), for proactive messages to the user. */
  reference: string;
  context: HandoffContext;
}

/** One line of a conversation's transcript, card numbers already masked. */
export interface TranscriptEntry {
  /** Position in the conversation's transcript (ordered). */
  id: string;
  at: number;
  from: 'user' | 'bot' | 'agent' | 'system';
  text?: string;
  /** Agent name (from = agent) or what happened (from = system): queued, claimed, requeued, ended. */
  agent?: string;
  event?: string;
  /** The intent the bot recognized in a user's message. */
  intent?: string;
  /** Names and types only: the agent sees that a file came, not its content. */
  attachments?: { name?: string; contentType: string }[];
  /**
   * A bot line among a conversation's recent lines that is one of the bot's texts word for word, as
   * "<language> <key>", its text left out (a tenth of the bytes); the text is put back before anyone reads it.
   */
  said?: string;
}

export type NewEntry = Omit<TranscriptEntry, 'id'>;

export type Refusal = { ok: false; state: HandoffState | 'missing'; owner?: string };
export type Outcome<T = object> = ({ ok: true } & T) | Refusal;

export interface Posted {
  entryId: string;
  /** The same client message id was posted before: nothing was added. */
  duplicate: boolean;
  /** For duplicates: whether it already reached the other side. */
  delivered: boolean;
}

export interface SweepResult {
  requeued: HandoffRecord[];
  timedOut: HandoffRecord[];
}

export interface HandoffStats {
  count: number;
  byReason: Record<string, number>;
  /** Means over the handoffs that had one, in ms; csat 1-5. */
  meanWaitMs?: number;
  meanHandleMs?: number;
  meanCsat?: number;
  rated: number;
}
