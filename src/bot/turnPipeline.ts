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
import { TypingIndicator } from './typingIndicator';

/**
 * A part of the turn that reads from the store: starts its reads when asked, and waits for them where
 * it uses them. Asked again in the same turn (see TurnLock), it starts them afresh.
 */
export interface TurnReads {
  startReads(context: TurnContext): void;
}

/** The turn's answer to "did this activity's turn run already?" (in the turn's state). */
const RAN = Symbol('ran');

export interface TurnPipelineParts {
  bot: PosBot;
  relay: HandoffRelay;
  limits: MessageLimits;
  lock: TurnLock;
  seen: SeenActivities;
  /**
   * What a turn reads (the handoff, the bot state, the merchant's cases), started together with the
   * request for the turn lock: one round trip to the store instead of one after another.
   */
  reads: TurnReads[];
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
 * where the channel shows one, the turn lock, duplicate detection, the handoff relay),
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
    const { limits, relay } = this.parts;
    return [this.tracked, new InboundShape(), limits, ...(typing ? [new TypingIndicator()] : []), this.inTurnOrder, this.once, relay];
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
   * The turn's reads (the duplicate check's too) go with the request for the lock.
   */
  private readonly inTurnOrder: MiddlewareHandler = (context, next) => {
    if (proactiveTurnOf(context)?.inTurnOrder === false) return next();
    return this.parts.lock.run(context.activity.conversation.id, next, () => {
      if (this.checked(context)) this.ran(context, true).catch(() => undefined);
      for (const part of this.parts.reads) part.startReads(context);
    });
  };

  /**
   * Embedded Direct Line ids are minted by this server and unique; channels that retry reuse theirs.
   * Before the relay, so a retry is not relayed twice either. The id is remembered after the turn, not
   * waited for: it goes out before the lock's release (same connection, in order), so the next turn
   * that gets the lock finds it, and a turn that fails leaves it for the channel's retry.
   */
  private readonly once: MiddlewareHandler = async (context, next) => {
    if (!this.checked(context)) return next();
    const { seen, logger } = this.parts;
    const { conversation, id } = context.activity;
    if (await this.ran(context)) {
      logger.info({ conversationId: conversation.id, activityId: id }, 'duplicate activity ignored');
      return;
    }
    await next();
    seen.remember(conversation.id, id!).catch((err: unknown) => logger.warn({ err, conversationId: conversation.id }, 'activity id not remembered'));
  };

  private checked(context: TurnContext): boolean {
    const { type, id, serviceUrl } = context.activity;
    return type === 'message' && Boolean(id) && serviceUrl !== EMBEDDED_SERVICE_URL;
  }

  /** Whether the activity's turn ran: asked once a turn, or `afresh`. */
  private ran(context: TurnContext, afresh = false): Promise<boolean> {
    let ran = context.turnState.get(RAN) as Promise<boolean> | undefined;
    if (!ran || afresh) context.turnState.set(RAN, (ran = this.parts.seen.ran(context.activity.conversation.id, context.activity.id!)));
    return ran;
  }
}
