import type { TurnContext } from 'botbuilder';
import { LANGUAGES } from '../../src/i18n/language';
import type { Localizer } from '../../src/i18n/localizer';
import type { BareValue } from '../../src/nlu/bareValue';
import { INTENTS, isFaqIntent, NONE, type Intent, type Label } from '../../src/nlu/intents';
import type { Understanding, Understood } from '../../src/nlu/understanding';
import { isGreeting, isThanks } from './answers';
import { questionsIn } from './questions';
import { asksSomething, clausesOf, normalize, yesNoOnly } from './words';

export interface Recognized {
  intent: Label;
  score: number;
  /** Two intents too close to call: the bot asks which one was meant. */
  alternatives?: [Label, Label];
  /** The message was only a phone, ID or card number (the kind, never the value). */
  bareValue?: BareValue;
  /** The classifier never learned some of the message's words (see `Understood`). */
  unknownWords?: true;
}

/** Where the turn's recognition result is kept, for the trace and the turn log. */
export const RECOGNIZED = Symbol('recognized');

/** How sure the classifier must be of each question of a message that asks several. */
const SURE_QUESTION = 0.6;
/** How sure the question said beside a request must be, read alone, to stand for the message (a few words lose their context). */
const SURE_REST = 0.8;
/** More answers in a row than this would bury each other: a longer list of questions is left to the usual reading. */
const MAX_QUESTIONS = 3;

const MENU_INTENTS: Record<string, Intent> = {
  'actions.cancel': 'cancel_pos',
  'actions.status': 'check_status',
  'actions.faq': 'help',
  'actions.human': 'human_agent',
};


/**
 * The bot's buttons send their label as text; a label is recognized exactly, in either language.
 * Everything else goes through the classifier (retrained with what editors assigned) and its
 * out-of-scope gate.
 */
export class IntentRecognizer {
  private readonly buttons = new Map<string, Intent>();

  constructor(
    private readonly understanding: Pick<Understanding, 'classify' | 'statedRequest' | 'besidesRequest' | 'refusesCancelling'>,
    private readonly localizer: Localizer,
  ) {
    for (const lang of LANGUAGES) {
      for (const [key, intent] of Object.entries(MENU_INTENTS)) this.buttons.set(normalize(localizer.t(lang, key)), intent);
      for (const intent of INTENTS) {
        const label = localizer.t(lang, `faq:labels.${intent}`, { defaultValue: '' });
        if (label) this.buttons.set(normalize(label), intent);
      }
    }
  }

  /** What the message means; `text`, when given, is the part of it that asks (the message after a yes that began it). */
  recognize(context: TurnContext, text = context.activity.text ?? ''): Recognized {
    const known = this.buttons.get(normalize(text));
    const { intent, score, alternatives, bareValue, unknownWords } = known ? { intent: known, score: 1 } : this.byOwnWords(text, this.understanding.classify(text));
    const recognized: Recognized = { intent, score, ...(alternatives && { alternatives }), ...(bareValue && { bareValue }), ...(unknownWords && { unknownWords }) };
    context.turnState.set(RECOGNIZED, recognized);
    return recognized;
  }

  /** "我不想注销了", "i dont want to cancel anymore": a cancellation said no to. */
  refusesCancelling(text: string): boolean {
    return this.understanding.refusesCancelling(text);
  }

  /** Whether the message says outright that the terminal is to be cancelled ("我要注销pos", whatever else it asks). */
  requestsCancel(text: string): boolean {
    return this.understanding.statedRequest(text) === 'cancel_pos';
  }

  /**
   * The FAQ questions of a message that asks several one after another ("审核要多久？需要准备什么材料？"),
   * each recognized surely on its own and different from the others; none (the message's usual reading
   * stands) when it asks one, when any is unsure or no FAQ, or when it asks more than can be answered together.
   */
  faqsAsked(text: string): Label[] {
    const questions = questionsIn(text, this.localizer);
    if (questions.length < 2 || questions.length > MAX_QUESTIONS) return [];
    const intents = questions.map((question) => this.byOwnWords(question, this.understanding.classify(question)));
    if (!intents.every(({ intent, score, alternatives }) => isFaqIntent(intent) && score >= SURE_QUESTION && !alternatives)) return [];
    const distinct = [...new Set(intents.map(({ intent }) => intent))];
    return distinct.length > 1 ? distinct : [];
  }

  /**
   * The classifier's reading, where the message's own words say otherwise: a greeting alone, a yes or no
   * alone, and a request said outright. "hi i want to cancel my pos, got it 2 weeks ago": the classifier
   * reads the deadline FAQ in the date, but a request in a message that asks nothing is the request (the
   * rest is its story).
   */
  private byOwnWords(text: string, understood: Understood): Understood {
    // "hi again", "im back": a greeting in its words alone, whatever the classifier reads in "again".
    if (understood.intent !== 'greeting' && isGreeting(text, this.localizer)) return { ...understood, intent: 'greeting', score: 1, alternatives: undefined };
    // "thanks! how long now?", "great thanks. what happens next?": a thank-you said in passing; what follows it asks.
    const [first, ...rest] = clausesOf(text);
    const asked = rest.join(' ');
    if (rest.length && isThanks(first, this.localizer) && asksSomething(asked, this.localizer)) {
      return this.byOwnWords(asked, this.understanding.classify(asked));
    }
    if (!isFaqIntent(understood.intent)) return understood;
    // "correct", "yes correct": a yes or a no alone asks nothing, whatever topic the classifier reads in it.
    if (yesNoOnly(text, this.localizer) !== undefined) return { ...understood, intent: NONE, alternatives: undefined };
    if (this.understanding.statedRequest(text) !== 'cancel_pos') return understood;
    // "need to cancel the pos and whats the fee?": the question answered (the application follows), not two to
    // choose from. Read unsure with the request, the question alone, when that is surely an FAQ ("i want to
    // cancel my terminal, and how long does the refund take?"); else as a whole (the fee is cancelling's).
    if (asksSomething(text, this.localizer)) {
      const rest = understood.score < SURE_QUESTION ? this.understanding.besidesRequest(text) : undefined;
      const asked = rest ? this.understanding.classify(rest) : undefined;
      const sure = asked && isFaqIntent(asked.intent) && asked.score >= SURE_REST && !asked.alternatives;
      return sure ? { ...understood, intent: asked.intent, score: asked.score, alternatives: undefined } : { ...understood, alternatives: undefined };
    }
    return { ...understood, intent: 'cancel_pos', score: 1, alternatives: undefined };
  }
}
