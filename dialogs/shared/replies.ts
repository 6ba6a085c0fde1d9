import { ActivityTypes, MessageFactory, type Activity } from 'botbuilder';
import type { Stage } from '../../src/cases/pending';
import type { Language } from '../../src/i18n/language';
import type { Localizer } from '../../src/i18n/localizer';
import type { Label } from '../../src/nlu/intents';

const MENU = ['actions.cancel', 'actions.status', 'actions.faq', 'actions.human'] as const;

/** The locale key of the button label that asks for `intent`. */
export const labelKey = (intent: Label) => `faq:labels.${intent}`;

/** Builds the bot's localized messages; every word comes from locales/. */
export class Replies {
  constructor(private readonly localizer: Localizer) {}

  /** The main menu as suggested actions, the same everywhere the bot offers "what next". */
  menu(lang: Language): string[] {
    return MENU.map((key) => this.localizer.t(lang, key));
  }

  text(lang: Language, key: string, vars?: Record<string, unknown>): Partial<Activity> {
    return MessageFactory.text(this.localizer.t(lang, key, vars));
  }

  withMenu(lang: Language, key: string, vars?: Record<string, unknown>): Partial<Activity> {
    return MessageFactory.suggestedActions(this.menu(lang), this.localizer.t(lang, key, vars));
  }

  /** The button label that, tapped, asks for `intent`; undefined when there is none. */
  label(lang: Language, intent: Label): string | undefined {
    return this.localizer.t(lang, labelKey(intent), { defaultValue: '' }) || undefined;
  }

  /** What a case's status is called to the merchant ("审核中"). */
  stage(lang: Language, stage: Stage): string {
    return this.localizer.t(lang, `status:stages.${stage}`);
  }

  /** A message with follow-up suggestions given as intents (each shown as its label). */
  withSuggestions(lang: Language, key: string, intents: Label[], vars?: Record<string, unknown>): Partial<Activity> {
    return this.withFollowUps(lang, this.localizer.t(lang, key, vars), intents);
  }

  /** The same for a text already put together; `keys`: more buttons after those, as locale keys. */
  withFollowUps(lang: Language, text: string, intents: Label[], keys: string[] = []): Partial<Activity> {
    const labels = intents.map((i) => this.label(lang, i)).filter((l): l is string => Boolean(l));
    return MessageFactory.suggestedActions([...labels, ...keys.map((key) => this.localizer.t(lang, key))], text);
  }

  /** What an FAQ answer that ends by asking whether to do something offers: its first button. */
  offerOf(lang: Language, intent: Label): Label | undefined {
    const text = this.faqText(lang, intent, false).trim();
    const suggest = this.localizer.tree(lang, `faq:answers.${intent}.suggest`) as Label[] | undefined;
    return /[?？]$/.test(text) ? suggest?.[0] : undefined;
  }

  /**
   * The answer to the question an FAQ answer leaves open ("好的 怎么注销" after the one on closing bank
   * cards: how a card is closed), with that answer's buttons; undefined when it leaves none.
   */
  followUp(lang: Language, intent: Label): Partial<Activity> | undefined {
    const text = this.localizer.t(lang, `faq:answers.${intent}.followUp`, { defaultValue: '' });
    return text ? this.withFollowUps(lang, text, this.localizer.tree(lang, `faq:answers.${intent}.suggest`) as Label[]) : undefined;
  }

  /**
   * The knowledge-base answer of an FAQ intent with its follow-up suggestions. `inForm`: asked while the
   * application or a case's question waits, where neither its closing invitation to start a cancellation
   * ("找到以后，就可以开始办理注销了") nor the button that starts one fits: the question comes back instead.
   */
  faq(lang: Language, intent: Label, inForm = false): Partial<Activity> {
    const suggest = this.localizer.tree(lang, `faq:answers.${intent}.suggest`) as Label[];
    return this.withFollowUps(lang, this.faqText(lang, intent, inForm), inForm ? suggest.filter((s) => s !== 'cancel_pos') : suggest);
  }

  /** An FAQ answer's words, with its invitation to start (`invite`, when it has one) unless `inForm`. */
  private faqText(lang: Language, intent: Label, inForm: boolean): string {
    const text = this.localizer.t(lang, `faq:answers.${intent}.text`);
    const invite = inForm ? '' : this.localizer.t(lang, `faq:answers.${intent}.invite`, { defaultValue: '' });
    return invite ? `${text}\n\n${invite}` : text;
  }

  /** Analytics trace of the turn's understanding (never shown to the user). */
  trace(value: unknown): Partial<Activity> {
    return { type: ActivityTypes.Trace, name: 'IntentRecognition', label: 'nlu', valueType: 'https://pos-bot/nlu', value };
  }
}
