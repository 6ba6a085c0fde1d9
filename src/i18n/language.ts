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

/**
 * Guesses the language from the script the text is written in; undefined when it has neither. Latin
 * letters count only in words: a serial ("LKL12345678"), an email address or "ok" says nothing of
 * the language a Chinese merchant writes in.
 */
export function languageOfText(text: string | undefined): Language | undefined {
  if (!text) return undefined;
  if (HAN.test(text)) return 'zh-CN';
  if (LATIN.test(text) && LATIN.test(text.replace(NO_LANGUAGE, ' '))) return 'en';
  return undefined;
}

/**
 * The language a message is plainly written in: three Chinese characters or three Latin words at
 * least. A name ("Li Na", "王芳"), "yes" or "hi" says too little to answer the next messages in.
 */
export function plainlyWrittenIn(text: string | undefined): Language | undefined {
  const lang = languageOfText(text);
  if (!lang) return undefined;
  const han = (text!.match(/\p{Script=Han}/gu) ?? []).length;
  const latinWords = (text!.replace(NO_LANGUAGE, ' ').match(/\p{Script=Latin}+/gu) ?? []).length;
  // "how to find 机身号", "我的 serial number 在哪里找": mixed, plainly neither.
  if (han >= 3 && latinWords >= 3) return undefined;
  if (lang === 'zh-CN') return han >= 3 ? lang : undefined;
  return latinWords >= 3 ? lang : undefined;
}

/** Email addresses, web addresses, words with digits, and the Latin words Chinese is written with too. */
const NO_LANGUAGE = /\S+@\S+|https?:\/\/\S+|[\p{L}\d-]*\d[\p{L}\d-]*|(?<![\p{L}])(?:ok|okay|pos|sn|id|app|qq|wifi|vip|diy|[a-z])(?![\p{L}])/giu;

/** The language's name alone, once the verb around it ("切换到…", "switch to …") is taken off. */
const LANGUAGE_NAMES: Record<Language, string[]> = {
  'zh-CN': ['中文', '汉语', '简体中文', '普通话', 'chinese'],
  en: ['english', '英文', '英语'],
};
const SWITCH_VERB =
  /^(?:(?:可以|能)?(?:切换|换|改)(?:到|成|为|用)?|(?:我|你|你们|您)?(?:想|要|可以|能|能不能|会|会不会)?(?:用|说|讲)|(?:(?:how do|how can|can|could) (?:i|we) )?(?:switch|change)(?: back)? (?:to|into)|(?:can|could|do) (?:you|u) (?:speak|use|talk in|reply in|answer in|write in)|(?:can|could|may) (?:i|we) (?:do this|talk|continue|chat|answer|reply|write|type|speak)(?: in)?|(?:i|i'd|i would) (?:prefer|rather (?:use|speak|have))|(?:reply|answer|talk|write) in|(?:go |come )?back (?:to|in)|speak|use|in)\s*/u;
const SWITCH_TAIL = /(?:\s*(?:回复|回答|交流|沟通|服务|聊天|吧|好吗|可以吗|行吗|吗|please|pls|plz|instead))+$/u;

/** "我看不懂英文", "I can't read Chinese": the other language is wanted. */
const CANNOT_READ = /^(?:我)?(?:看不懂|不懂|不会|不认识)|^i (?:can'?t|cannot|can not|don'?t|do not) (?:read|understand|speak)\s+/u;

/**
 * Recognises a request to change language ("English", "中文", "用英文", "切换到中文", "还是用中文吧",
 * "我看不懂英文"); the whole message must be that request.
 */
export function parseLanguageSwitch(text: string | undefined): Language | undefined {
  if (!text) return undefined;
  const said = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s!.。！?？,，]+$/u, '')
    .replace(/^(?:请问|请|please|还是|那就|那)\s*/u, '')
    .replace(/[‘’]/g, "'");
  const cannotRead = CANNOT_READ.test(said);
  const name = said.replace(cannotRead ? CANNOT_READ : SWITCH_VERB, '').replace(SWITCH_TAIL, '');
  const named = LANGUAGES.find((lang) => LANGUAGE_NAMES[lang].includes(name));
  return named && cannotRead ? LANGUAGES.find((lang) => lang !== named) : named;
}

export interface LanguageInputs {
  /** What the user chose explicitly earlier (by saying "English" or with the page's switch). */
  chosen?: Language;
  activityLocale?: string;
  text?: string;
  /** The language of the user's last message plainly written in one. */
  wrote?: Language;
  defaultLocale: Language;
}

/**
 * The reply language: an explicit choice, then the channel's locale, then the text's script (or, for
 * digits alone, the language of the last message plainly written in one), then the default.
 */
export function resolveLanguage({ chosen, activityLocale, text, wrote, defaultLocale }: LanguageInputs): Language {
  return chosen ?? normalizeLocale(activityLocale) ?? languageOfText(text) ?? wrote ?? defaultLocale;
}
