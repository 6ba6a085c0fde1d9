import type { BotAdapter, ConversationReference, Middleware, MiddlewareHandler, TurnContext } from 'botbuilder';
import { EMBEDDED_SERVICE_URL } from '../channels/directline/adapter';
import type { Logger } from '../log/logger';
import type { InFlight } from '../server/inflight';
import type { SeenActivities } from '../state/idempotency';
import type { TurnLock } from '../state/turnLock';
import type { HandoffRelay } from './handoffRelay';
import { InboundShape } from './inboundShape';
import type { MessageLimits } from './messageLimits';
import type { PosBot } from './posBot';
import { proactiveReference, proactiveTurnOf, type ProactiveTurn } from './proactiveTurn';
import type { TranscriptRecorder } from './transcriptRecorder';
import { TypingIndicator } from './typingIndicator';

export interface TurnPipelineParts {
  bot: PosBot;
  relay: HandoffRelay;
  limits: MessageLimits;
  recorder: TranscriptRecorder;
  lock: TurnLock;
  seen: SeenActivities;
  inflight: InFlight;
  logger: Logger;
  /** Counts a turn (metrics); the returned function is called when it is over. */
  started(channelId: string): () => void;
  /** After a turn the bot ran (analytics: intent and score, never the text). */
  finished(context: TurnContext): void;
}

/**
 * The one way a turn runs, whatever the channel and whether a user or the server started it: every
 * adapter gets the same middleware (in-flight tracking, shape and length checks, the typing indicator
 * where the channel shows one, the transcript, the turn lock, the handoff relay, duplicate detection),
 * then `logic` runs the bot.
 */
export class TurnPipeline {
  constructor(private readonly parts: TurnPipelineParts) {}

  /** Puts the middleware on an adapter; channels whose clients show no typing indicator leave it out. */
  attach(adapter: BotAdapter, { typing }: { typing: boolean }, onTurnError: BotAdapter['onTurnError']): void {
    adapter.onTurnError = onTurnError;
    adapter.use(...this.middleware({ typing }));
  }

  private middleware({ typing }: { typing: boolean }): (Middleware | MiddlewareHandler)[] {
    const { limits, recorder, relay } = this.parts;
    return [this.tracked, new InboundShape(), limits, ...(typing ? [new TypingIndicator()] : []), recorder, this.inTurnOrder, relay, this.once];
  }

  /** The turn a user's activity opens, after the middleware: the bot's answer. */
  readonly logic = async (context: TurnContext): Promise<void> => {
    await this.parts.bot.run(context);
    this.parts.finished(context);
  };

  /** The reference to continue a conversation with, so that the middleware knows the turn for a proactive one. */
  proactive(reference: Partial<ConversationReference>, turn: ProactiveTurn): Partial<ConversationReference> {
    return proactiveReference(reference, turn);
  }

  /** Shutdown waits for every turn; only the users' turns count in the metrics. */
  private readonly tracked: MiddlewareHandler = (context, next) => {
    const { inflight, started } = this.parts;
    if (proactiveTurnOf(context)) {
      // A turn of its own, not a reply to whatever the user said last.
      context.activity.id = undefined as unknown as string;
      return inflight.track(next);
    }
    const ended = started(context.activity.channelId);
    return inflight.track(next).finally(ended);
  };

  /**
   * One turn at a time per conversation (BotState saves with eTag "*", so overlapping turns would lose
   * updates); the relay runs under it too, so a message right after the turn that handed off is relayed.
   */
  private readonly inTurnOrder: MiddlewareHandler = (context, next) => {
    if (proactiveTurnOf(context)?.inTurnOrder === false) return next();
    return this.parts.lock.run(context.activity.conversation.id, next);
  };

  /** Embedded Direct Line ids are minted by this server and unique; channels that retry reuse theirs. */
  private readonly once: MiddlewareHandler = async (context, next) => {
    const { seen, logger } = this.parts;
    const { conversation, type, id, serviceUrl } = context.activity;
    if (type !== 'message' || !id || serviceUrl === EMBEDDED_SERVICE_URL) return next();
    if (!(await seen.firstTime(conversation.id, id))) {
      logger.info({ conversationId: conversation.id, activityId: id }, 'duplicate activity ignored');
      return;
    }
    try {
      await next();
    } catch (err) {
      await seen.forget(conversation.id, id).catch(() => undefined);
      throw err;
    }
  };
}
