import { MessageFactory, type TurnContext } from 'botbuilder';
import { normalizeLocale, languageOfText, type Language } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import type { Logger } from '../log/logger';

/**
 * The adapters' onTurnError: log without the user's text and apologise in the user's language.
 * State is not saved for a failed turn, so the dialog stays at the last completed step.
 */
export function createTurnErrorHandler(logger: Logger, localizer: Localizer, defaultLocale: Language) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const activity = context.activity;
    logger.error({ err: error, conversationId: activity.conversation?.id, activityType: activity.type }, 'turn failed');
    if (activity.type !== 'message' && activity.type !== 'conversationUpdate') return;
    const lang = normalizeLocale(activity.locale) ?? languageOfText(activity.text) ?? defaultLocale;
    try {
      await context.sendActivity(MessageFactory.text(localizer.t(lang, 'errors.generic')));
    } catch (sendError) {
      logger.error({ err: sendError, conversationId: activity.conversation?.id }, 'could not send the apology');
    }
  };
}
