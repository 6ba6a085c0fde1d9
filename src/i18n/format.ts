import { TIME_ZONE } from '../cases/dates';
import type { Language } from './language';

/** Dates and times as the merchant reads them: their language, the business's time zone (Asia/Shanghai). */
const dateFormats = new Map<Language, Intl.DateTimeFormat>();
const timeFormats = new Map<Language, Intl.DateTimeFormat>();

/**
 * Days written out, by language and day: the same few days come back turn after turn (a draft's date in
 * every summary) and Intl's format is one of a turn's dearer calls. Emptied when full.
 */
const writtenDays = new Map<string, string>();
const WRITTEN_DAYS_MAX = 1024;

/** A calendar day (YYYY-MM-DD) in words: "2026年10月29日", "29 Oct 2026". */
export function formatDate(date: string, lang: Language): string {
  const id = `${lang}\u0000${date}`;
  let written = writtenDays.get(id);
  if (written !== undefined) return written;
  let format = dateFormats.get(lang);
  if (!format) dateFormats.set(lang, (format = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' })));
  const instant = new Date(`${date}T00:00:00Z`);
  written = Number.isNaN(instant.getTime()) ? date : format.format(instant);
  if (writtenDays.size >= WRITTEN_DAYS_MAX) writtenDays.clear();
  writtenDays.set(id, written);
  return written;
}

/** An instant in Asia/Shanghai time: "2026年11月29日 19:29", "29 Nov 2026, 19:29". */
export function formatTime(instant: Date | string, lang: Language): string {
  let format = timeFormats.get(lang);
  if (!format) timeFormats.set(lang, (format = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: TIME_ZONE })));
  return format.format(typeof instant === 'string' ? new Date(instant) : instant);
}

function locale(lang: Language): string {
  return lang === 'en' ? 'en-GB' : lang;
}

/**
 * A user's own words as they are, in a message that is Markdown: "[点这里](http://…)" or "**立即处理**"
 * typed as a reason is echoed as typed, never as a link or formatting in the bot's voice. (WeChat's
 * rendering reads the escapes back.)
 */
export function markdownEscaped(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}
