import type { NewEntry } from '../handoff/types';
import type { Logger } from '../log/logger';
import { textLanguage } from '../nlu/tokenizer';
import { outcomeOf, type UnansweredService } from './unansweredService';

/** What the turn pipeline knows of a message turn once it is answered. */
export interface AnsweredMessage {
  text: string;
  recognized: { intent: string; score: number; alternatives?: unknown; bareValue?: unknown };
  /** What was said in the conversation so far (read only when needed), this message last. */
  said: () => Promise<Pick<NewEntry, 'from' | 'text' | 'intent'>[]>;
}

/**
 * Puts what the bot missed into the editors' inbox after each message turn: a message answered None,
 * with low confidence or with "which did you mean?", and, when a merchant asks for a person, the
 * question they asked before it (the one the bot did not settle). Never holds up the turn.
 */
export class MissedTurns {
  constructor(
    private readonly unanswered: UnansweredService,
    private readonly lowScore: number,
    private readonly logger: Logger,
  ) {}

  answered(message: AnsweredMessage): void {
    this.collect(message).catch((err: unknown) => this.logger.warn({ err }, 'unanswered message not recorded'));
  }

  private async collect({ text, recognized, said }: AnsweredMessage): Promise<void> {
    const outcome = outcomeOf(recognized, this.lowScore);
    if (outcome) {
      await this.unanswered.record({ language: textLanguage(text), text, outcome, intent: recognized.intent, score: recognized.score });
      return;
    }
    if (recognized.intent !== 'human_agent') return;
    const asked = (await said()).filter((e) => e.from === 'user' && e.text && e.intent && e.intent !== 'human_agent').at(-1);
    if (asked?.text) await this.unanswered.record({ language: textLanguage(asked.text), text: asked.text, outcome: 'handoff', intent: asked.intent! });
  }
}
