import { MessageFactory, type Activity } from 'botbuilder';
import type { Language } from '../../src/i18n/language';
import type { Localizer } from '../../src/i18n/localizer';

const MENU = ['actions.cancel', 'actions.status', 'actions.faq', 'actions.human'] as const;

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
}
