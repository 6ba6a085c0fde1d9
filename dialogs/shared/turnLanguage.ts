import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { normalizeLocale, plainlyWrittenIn, resolveLanguage, type Language } from '../../src/i18n/language';
import type { UserProfile } from '../../src/state/accessors';

const TURN_LANGUAGE = Symbol('turnLanguage');

/** The language of this turn's replies, worked out once per turn and changed when the user asks. */
export class TurnLanguage {
  constructor(private readonly profile: StatePropertyAccessor<UserProfile>, private readonly defaultLocale: Language) {}

  async of(context: TurnContext): Promise<Language> {
    const cached = context.turnState.get(TURN_LANGUAGE) as Language | undefined;
    if (cached) return cached;
    // Read without a default: a default would be saved, a user state for every visitor who never chose.
    const profile = (await this.profile.get(context)) ?? {};
    const { locale, text } = context.activity;
    const lang = resolveLanguage({ chosen: profile.language, activityLocale: locale, text, wrote: profile.wrote, defaultLocale: this.defaultLocale });
    context.turnState.set(TURN_LANGUAGE, lang);
    // Kept only where the channel says no locale, and only when it changes: most turns write nothing.
    const wrote = normalizeLocale(locale) === undefined ? plainlyWrittenIn(text) : undefined;
    if (wrote && wrote !== profile.wrote) await this.profile.set(context, { ...profile, wrote });
    return lang;
  }

  /** The language the user chose (by saying so, or the page's switch), if any: not one only followed. */
  async chosen(context: TurnContext): Promise<Language | undefined> {
    const profile = await this.profile.get(context);
    return profile?.followed ? undefined : profile?.language;
  }

  /** `followed`: taken from a message written in it, which the next one written in another changes again. */
  async choose(context: TurnContext, lang: Language, followed = false): Promise<void> {
    const profile: UserProfile = { ...(await this.profile.get(context, {})), language: lang, followed };
    if (!followed) delete profile.followed;
    await this.profile.set(context, profile);
    context.turnState.set(TURN_LANGUAGE, lang);
  }
}
