import type { BotAdapter, Middleware, TurnContext } from 'botbuilder';
import { EMBEDDED_SERVICE_URL } from '../channels/directline/adapter';
import type { Logger } from '../log/logger';
import type { InFlight } from '../server/inflight';
import type { SeenActivities } from '../state/idempotency';
import type { TurnLock } from '../state/turnLock';
import type { HandoffRelay } from './handoffRelay';
import { InboundShape } from './inboundShape';
import type { MessageLimits } from './messageLimits';
import type { PosBot } from './posBot';
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
 * The one way a turn runs, whatever the channel: every adapter gets the same middleware (shape and
 * length checks, the typing indicator where the channel shows one, the transcript), and `logic`
 * relays to a person while one has the chat, else runs the bot one turn at a time per conversation,
 * an activity delivered twice once.
 */
export class TurnPipeline {
  constructor(private readonly parts: TurnPipelineParts) {}

  /** Puts the middleware on an adapter; channels whose clients show no typing indicator leave it out. */
  attach(adapter: BotAdapter, { typing }: { typing: boolean }, onTurnError: BotAdapter['onTurnError']): void {
    adapter.onTurnError = onTurnError;
    adapter.use(...this.middleware({ typing }));
  }

  private middleware({ typing }: { typing: boolean }): Middleware[] {
    return [new InboundShape(), this.parts.limits, ...(typing ? [new TypingIndicator()] : []), this.parts.recorder];
  }

  readonly logic = (context: TurnContext): Promise<void> => {
    const { relay, lock, seen, inflight, bot, logger } = this.parts;
    const { conversation, channelId, type, id } = context.activity;
    const ended = this.parts.started(channelId);
    return inflight
      .track(async () => {
        // Relaying to a person needs no turn lock (each step is one atomic script, retries carry their
        // client id), so a lock left behind by a crashed instance cannot hold up a handed-off chat.
        if (await relay.intercept(context)) return;
        // One turn at a time per conversation (BotState saves with eTag "*", so overlapping turns would lose updates).
        await lock.run(conversation.id, async () => {
          // Embedded Direct Line ids are minted by this server and unique; channels that retry reuse theirs.
          const once = type === 'message' && id && context.activity.serviceUrl !== EMBEDDED_SERVICE_URL;
          if (once && !(await seen.firstTime(conversation.id, id))) {
            logger.info({ conversationId: conversation.id, activityId: id }, 'duplicate activity ignored');
            return;
          }
          try {
            await bot.run(context);
          } catch (err) {
            if (once) await seen.forget(conversation.id, id).catch(() => undefined);
            throw err;
          }
          this.parts.finished(context);
        });
      })
      .finally(ended);
  };

  /** A proactive turn's send, in turn order with the user's own turns unless it touches no bot state. */
  proactive(conversationId: string, send: (context: TurnContext) => Promise<void>, inTurnOrder: boolean): (context: TurnContext) => Promise<void> {
    return (context) => this.parts.inflight.track(() => (inTurnOrder ? this.parts.lock.run(conversationId, () => send(context)) : send(context)));
  }
}
