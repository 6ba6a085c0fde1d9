import { ActivityTypes, MessageFactory, type Middleware, type TurnContext } from 'botbuilder';
import { languageOfText, normalizeLocale, type Language } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';

/**
 * Refuses a message longer than `maxChars` with a localized explanation before anything reads it (the
 * classifier, the dialogs, an agent): pasted documents and floods get an answer, not a slow turn.
 */
export class MessageLimits implements Middleware {
  constructor(private readonly localizer: Localizer, private readonly maxChars: number, private readonly defaultLocale: Language) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, text, locale } = context.activity;
    if (type !== ActivityTypes.Message || typeof text !== 'string' || !isLonger(text, this.maxChars)) return next();
    const lang = normalizeLocale(locale) ?? languageOfText(text.slice(0, 200)) ?? this.defaultLocale;
    await context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'errors.tooLong', { max: this.maxChars })));
  }
}

/** Length in characters (code points), not UTF-16 units; stops counting past the limit. */
function isLonger(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (const _ of text) if (++count > max) return true;
  return false;
}
