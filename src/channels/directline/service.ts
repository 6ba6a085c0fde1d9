import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { AttachmentLinks } from '../../attachments/links';
import type { Logger } from '../../log/logger';
import type { EmbeddedDirectLineAdapter } from './adapter';
import type { TurnLogic } from '../inProcessAdapter';
import { conversationStart, inboundActivity, type PostedActivity } from './inbound';
import { forTheLog } from './logged';
import { wholeLog, type ActivityPage, type ConversationRecord, type DirectLineStore } from './store';
import type { TokenIssuer } from './tokens';

/** A stream token only has to survive until the client opens its WebSocket. */
const STREAM_TOKEN_TTL_SECONDS = 120;

export interface DirectLineOptions {
  bot: { id: string; name: string };
  tokenTtlSeconds: number;
  turnTimeoutMs: number;
}

export interface IssuedToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** Conversation operations of the embedded Direct Line, independent of HTTP. */
export class DirectLineService {
  constructor(
    private readonly store: DirectLineStore,
    readonly tokens: TokenIssuer,
    private readonly links: AttachmentLinks,
    private readonly adapter: EmbeddedDirectLineAdapter,
    private readonly logic: TurnLogic,
    private readonly options: DirectLineOptions,
    private readonly logger: Logger,
  ) {}

  conversation(id: string): Promise<ConversationRecord | undefined> {
    return this.store.getConversation(id);
  }

  /**
   * Activities after `watermark` (all when undefined), at most `limit`, card numbers already masked; the
   * links to uploaded files signed for a while, so that a click in the widget opens them.
   */
  async activities(conversationId: string, watermark: number | undefined, limit: number): Promise<ActivityPage> {
    const page = await this.store.list(conversationId, watermark, limit);
    const signed = (activity: Partial<Activity>): Partial<Activity> =>
      activity.attachments?.some((a) => a.contentUrl)
        ? { ...activity, attachments: activity.attachments.map((a) => (a.contentUrl ? { ...a, contentUrl: this.links.signed(a.contentUrl, conversationId) } : a)) }
        : activity;
    return { ...page, activities: page.activities.map(signed) };
  }

  /** A conversation's whole activity log as kept (card numbers masked), for a data subject's export. */
  log(conversationId: string): Promise<Partial<Activity>[]> {
    return wholeLog(this.store, conversationId);
  }

  /** Drops a conversation and its log (a data subject's erasure): its token then opens nothing. */
  forget(conversationId: string): Promise<void> {
    return this.store.forget(conversationId);
  }

  /** Calls `onAppend` whenever the conversation's log may have grown (on any instance); returns the unsubscribe. */
  subscribe(conversationId: string, onAppend: () => void): () => void {
    return this.store.subscribe(conversationId, onAppend);
  }

  async createConversation(userId: string = newUserId(), locale?: string): Promise<ConversationRecord> {
    const record: ConversationRecord = {
      id: randomBytes(18).toString('base64url'),
      userId,
      locale,
      createdAt: new Date().toISOString(),
    };
    await this.store.createConversation(record);
    return record;
  }

  issueToken(conversation: ConversationRecord): IssuedToken {
    const ttl = this.options.tokenTtlSeconds;
    return {
      conversationId: conversation.id,
      token: this.tokens.issue(conversation.id, conversation.userId, 'conversation', ttl),
      expires_in: ttl,
    };
  }

  streamUrl(base: string, conversation: ConversationRecord, watermark: number | undefined): string {
    const t = this.tokens.issue(conversation.id, conversation.userId, 'stream', STREAM_TOKEN_TTL_SECONDS);
    const query = new URLSearchParams({ t });
    if (watermark !== undefined) query.set('watermark', String(watermark));
    return `${base}/v3/directline/conversations/${encodeURIComponent(conversation.id)}/stream?${query}`;
  }

  /** The first start of a conversation tells the bot that the user and the bot joined (the welcome). */
  async start(conversation: ConversationRecord, locale: string | undefined): Promise<void> {
    if (!(await this.store.markStarted(conversation.id))) return;
    await this.runTurn(conversationStart(conversation, this.options.bot, locale ?? conversation.locale));
  }

  /**
   * Logs the user's activity (the echo the client waits for), then runs the bot's turn on it. The log
   * keeps card numbers masked; only the turn sees what the user typed. `origin`: the base URL the client
   * reached the server on.
   */
  async post(conversation: ConversationRecord, posted: PostedActivity, origin?: string): Promise<string> {
    const activity = inboundActivity(posted, conversation, this.options.bot);
    const stored = await this.store.append(conversation.id, forTheLog(activity));
    // Only the turn learns the base URL the client reached (for links it sends back); the log does not keep it.
    const channelData = origin ? { ...(activity.channelData as object | undefined), origin } : activity.channelData;
    await this.runTurn({ ...activity, channelData, id: stored.id, timestamp: stored.timestamp });
    return stored.id!;
  }

  private async runTurn(activity: Partial<Activity>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const turn = this.adapter.runTurn(activity, this.logic);
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.turnTimeoutMs);
    });
    try {
      // A slow turn keeps running; the client gets its answer through the log when it is done.
      if ((await Promise.race([turn, timeout])) === 'timeout') {
        this.logger.warn({ conversationId: activity.conversation?.id }, 'turn exceeded the response timeout');
        turn.catch((err: unknown) => this.logger.error({ err }, 'late turn failed'));
      }
    } finally {
      clearTimeout(timer);
    }
  }
}

function newUserId(): string {
  return `u_${randomBytes(12).toString('hex')}`;
}

