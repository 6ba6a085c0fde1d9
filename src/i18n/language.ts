/** The languages the bot speaks. The first is the project's primary language. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Maps a BCP-47 tag (zh, zh-Hans-CN, zh-TW, en-US, ...) onto a supported language, if any. */
export function normalizeLocale(locale: string | undefined | null): Language | undefined {
  if (!locale) return undefined;
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return undefined;
}

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** Guesses the language from the script the text is written in; undefined when it has neither. */
export function languageOfText(text: string | undefined): Language | undefined {
  if (!text) return undefined;
  if (HAN.test(text)) return 'zh-CN';
  if (LATIN.test(text)) return 'en';
  return undefined;
}

const SWITCH_WORDS: Record<Language, string[]> = {
  'zh-CN': ['中文', '汉语', '简体中文', '说中文', '讲中文', '用中文', 'chinese', '中文服务'],
  en: ['english', 'in english', 'speak english', 'english please', '英文', '英语', '说英文', '用英文', '说英语', '用英语'],
};

/** Recognises a request to change language ("English", "中文", "用英文"); the whole message must be that request. */
export function parseLanguageSwitch(text: string | undefined): Language | undefined {
  if (!text) return undefined;
  const said = text.normalize('NFKC').trim().toLowerCase().replace(/[\s!.。！?？,，]+$/u, '').replace(/^(请|please)\s*/u, '');
  for (const lang of LANGUAGES) {
    if (SWITCH_WORDS[lang].includes(said)) return lang;
  }
  return undefined;
}

export interface LanguageInputs {
  /** What the user chose explicitly earlier (by saying "English" or with the page's switch). */
  chosen?: Language;
  activityLocale?: string;
  text?: string;
  defaultLocale: Language;
}

/** The reply language: an explicit choice, then the channel's locale, then the text's script, then the default. */
export function resolveLanguage({ chosen, activityLocale, text, defaultLocale }: LanguageInputs): Language {
  return chosen ?? normalizeLocale(activityLocale) ?? languageOfText(text) ?? defaultLocale;
}
