import type { TurnContext } from 'botbuilder';
import { RECOGNIZED, type Recognized } from '../../dialogs/shared/recognizer';
import type { TurnStats } from '../dashboard/turnStats';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import { textLanguage } from '../nlu/tokenizer';
import type { MissedTurns } from '../unanswered/missedTurns';
import type { ConversationSoFar } from './conversationSoFar';

/**
 * After each turn the bot ran: what it understood (the intent and its score, never the text) goes to
 * the metrics, the dashboard's turn counts and the inbox of messages it missed, and one log line.
 */
export class TurnAnalytics {
  constructor(
    private readonly metrics: Metrics,
    private readonly turnStats: TurnStats,
    private readonly missed: MissedTurns,
    private readonly soFar: Pick<ConversationSoFar, 'lines'>,
    private readonly logger: Logger,
  ) {}

  finished(context: TurnContext): void {
    const { conversation, channelId, type } = context.activity;
    const recognized = context.turnState.get(RECOGNIZED) as Recognized | undefined;
    if (recognized) this.metrics.classified(recognized.alternatives ? 'clarify' : recognized.intent === 'None' ? 'none' : 'intent', recognized.intent);
    const text = context.activity.text ?? '';
    if (recognized && type === 'message') {
      this.turnStats.record(conversation.id, textLanguage(text) === 'zh' ? 'zh-CN' : 'en', recognized.intent);
      this.missed.answered({ text, recognized, said: () => this.soFar.lines(context) });
    }
    this.logger.info({ conversationId: conversation.id, channelId, activityType: type, intent: recognized?.intent, score: recognized?.score }, 'turn');
  }
}
