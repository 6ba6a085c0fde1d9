import type { Parsed } from './inputs';

/** Calendar days in the business's time zone (Asia/Shanghai), as YYYY-MM-DD strings. */
export const TIME_ZONE = 'Asia/Shanghai';

/** The business clock, `days` ahead of the real one (for trying a case across days by hand). */
export function clockAhead(days: number): () => Date {
  return days ? () => new Date(Date.now() + days * 86_400_000) : () => new Date();
}

/** China keeps UTC+8 all year (no daylight saving since 1991). */
const OFFSET_MS = 8 * 3600_000;

/** The calendar day of an instant in the business's time zone: arithmetic, as Intl's formatting cost a tenth of a millisecond (every turn counts its day). */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a calendar day begins in the business's time zone. */
export function startOfLocalDay(date: string): Date {
  return new Date(toUtc(date).getTime() - OFFSET_MS);
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

export function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return fromUtc(d);
}

export function isWeekend(date: string): boolean {
  const day = toUtc(date).getUTCDay();
  return day === 0 || day === 6;
}

/** The date `days` business days after `date`: weekends and the configured holidays are skipped. */
export function addBusinessDays(date: string, days: number, holidays: ReadonlySet<string>): string {
  let current = date;
  let left = days;
  while (left > 0) {
    current = addDays(current, 1);
    if (!isWeekend(current) && !holidays.has(current)) left--;
  }
  return current;
}

const CN_NUMBERS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5 };

function amount(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  if (word.length === 2 && word[0] === '十') return 10 + (CN_NUMBERS[word[1]] ?? 0);
  return CN_NUMBERS[word] ?? NaN;
}

const EN_NUMBERS: Record<string, number> = { 'a few': 3, few: 3, several: 3, 'a couple of': 2, 'a couple': 2, 'couple of': 2, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };

/**
 * When the terminal was received, in the forms people type: "2026-09-01", "2026/9/1", "9月1日",
 * "2026年9月1日", "昨天", "上个月", "三周前", "两个多月前", "上个月中旬", "去年底", "前几天",
 * "yesterday", "last month", "3 weeks ago", "a couple of weeks ago", "mid last month", "end of last year",
 * a day of the week ("上周三", "周五", "上周末", "last Wednesday", "on Friday", "Monday last week",
 * "the Friday before last"),
 * and hedged ("大概两个月前吧", "around 4 months ago"). Relative to `today` (Asia/Shanghai).
 * "last month" means about a month ago; a part of a month or year its usual day (early 5th, mid 15th,
 * late 25th; early year mid-January, late year 20 December).
 */
export function parseReceiptDate(input: string, today: string): Parsed<string, 'date_format' | 'date_future'> {
  const text = unhedged(input.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' '));
  const result = absolute(text, today) ?? relative(text, today) ?? partOf(text, today) ?? weekday(text, today);
  if (!result || Number.isNaN(toUtc(result).getTime())) return { ok: false, error: 'date_format' };
  if (result > today) return { ok: false, error: 'date_future' };
  return { ok: true, value: result };
}

/** Words people wrap a date in when they are not sure, and filler around it. */
const HEDGES_ZH = /大概|大约|差不多|估计|好像|应该是|应该|可能是|可能|我记得是|我记得|记得是|约|左右|上下|的样子|的时候|那会儿|那时候|是在|收到的|收到|到的|吧|啊|呀|呢|哦|噢|嘛|了/g;
const HEDGES_EN = /\b(?:about|around|roughly|approximately|approx|maybe|perhaps|probably|i think|i guess|i believe|it was|we got it|got it|received it|i received it|i got it|or so|ish|just over|over|more than|almost|nearly|like)\b/g;

function unhedged(text: string): string {
  return text
    .replace(HEDGES_ZH, '')
    .replace(HEDGES_EN, ' ')
    .replace(/[。.!！?？~～,，]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // What a hedge leaves in front ("大概是十月底", "差不多在上个月"): no date starts with either.
    .replace(/^[是在]\s*/, '');
}
function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function valid(y: number, m: number, d: number): string | undefined {
  const date = `${y}-${pad(m)}-${pad(d)}`;
  const check = toUtc(date);
  return !Number.isNaN(check.getTime()) && check.getUTCMonth() + 1 === m && check.getUTCDate() === d ? date : undefined;
}

function absolute(text: string, today: string): string | undefined {
  const full = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/.exec(text);
  if (full) return valid(Number(full[1]), Number(full[2]), Number(full[3]));
  const monthDay = /^(\d{1,2})\s*[月/]\s*(\d{1,2})\s*[日号]?$/.exec(text);
  if (monthDay) {
    const year = Number(today.slice(0, 4));
    const date = valid(year, Number(monthDay[1]), Number(monthDay[2]));
    // "12月20日" typed in January means last December.
    return date && date > today ? valid(year - 1, Number(monthDay[1]), Number(monthDay[2])) : date;
  }
  return undefined;
}

function relative(text: string, today: string): string | undefined {
  const fixed: Record<string, string> = {
    今天: today,
    today: today,
    昨天: addDays(today, -1),
    yesterday: addDays(today, -1),
    前天: addDays(today, -2),
    上周: addDays(today, -7),
    上星期: addDays(today, -7),
    'last week': addDays(today, -7),
    上个月: addMonths(today, -1),
    上月: addMonths(today, -1),
    'last month': addMonths(today, -1),
    半年前: addMonths(today, -6),
    去年: addMonths(today, -12),
    'last year': addMonths(today, -12),
  };
  const key = text;
  if (fixed[key]) return fixed[key];
  // "两个多月前", "几天前", "前几天": "more than" counts as the number, "a few" as three.
  const cn = /^(\d+|[一两二三四五六七八九十半几]{1,2})\s*(?:个)?\s*多?\s*(?:个)?\s*(天|日|周|星期|礼拜|月)多?(?:前|之前|以前)$/.exec(key) ?? /^前(几)(天)$/.exec(key);
  if (cn) return shift(today, cn[1] === '几' ? 3 : amount(cn[1]), cn[2]);
  const en = /^(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|a couple of|a couple|couple of|several) (day|week|month)s? ago$/.exec(key);
  if (en) return shift(today, /^\d+$/.test(en[1]) ? Number(en[1]) : EN_NUMBERS[en[1]], en[2]);
  return undefined;
}

const PART_DAY: Record<string, number> = { 初: 5, 上旬: 5, 中: 15, 中旬: 15, 底: 25, 末: 25, 下旬: 25, early: 5, beginning: 5, start: 5, mid: 15, middle: 15, late: 25, end: 25 };
const PART_OF_YEAR: Record<string, string> = { 初: '01-15', 中: '06-15', 底: '12-20', 末: '12-20', early: '01-15', beginning: '01-15', start: '01-15', mid: '06-15', middle: '06-15', late: '12-20', end: '12-20' };
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Part or day of a month, or part of a year: "上个月中旬", "上个月15号", "9月底", "去年底", "mid last month", "end of last year", "early september". */
function partOf(text: string, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  const cn = /^(上上个?月|上个?月|这个?月|本月|(?:(去|今)年)?(\d{1,2}|[一二三四五六七八九十]{1,3})月份?)(?:(初|上旬|中旬|中|底|末|下旬)|(\d{1,2})[日号])?$/.exec(text);
  if (cn) {
    const base = cn[1].startsWith('上上') ? addMonths(today, -2) : cn[1].startsWith('上') ? addMonths(today, -1) : /^(这|本)/.test(cn[1]) ? today : monthOf(year, cn[2], cnMonth(cn[3] ?? ''), today);
    if (!base) return undefined;
    // A day named outright ("上个月15号") must exist and may be in the future (refused as such).
    if (cn[5]) return valid(Number(base.slice(0, 4)), Number(base.slice(5, 7)), Number(cn[5])) ?? 'invalid';
    return atDay(base, PART_DAY[cn[4] ?? '中'], today);
  }
  const cnYear = /^(去|今)年年?(初|中|底|末)$/.exec(text);
  if (cnYear) return `${cnYear[1] === '去' ? year - 1 : year}-${PART_OF_YEAR[cnYear[2]]}`;
  const en = /^(early|beginning of|start of|mid|middle of|late|end of) ?(last month|this month|last year|this year|[a-z]+)$/.exec(text);
  if (!en) return undefined;
  const part = en[1].split(' ')[0];
  if (en[2] === 'last year' || en[2] === 'this year') return `${en[2] === 'last year' ? year - 1 : year}-${PART_OF_YEAR[part]}`;
  const month = EN_MONTHS.indexOf(en[2]) + 1;
  const base = en[2] === 'last month' ? addMonths(today, -1) : en[2] === 'this month' ? today : month ? monthOf(year, undefined, month, today) : undefined;
  return base && atDay(base, PART_DAY[part], today);
}

const CN_WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * A day of the week (Monday first, as a Chinese week): "上周三" and "Wednesday last week" are in the
 * week before this one, "这周一" and "this Monday" in this one (a day still to come is refused as
 * such), "last Wednesday" the latest one before today ("the Wednesday before last" the one before
 * it), "周三" and "on Wednesday" the latest one up to today. "上周末" and "last weekend" are the
 * Saturday of last week.
 */
function weekday(text: string, today: string): string | undefined {
  const dow = toUtc(today).getUTCDay() || 7;
  const monday = addDays(today, 1 - dow);
  const inWeek = (weeksBack: number, day: number) => addDays(monday, day - 1 - 7 * weeksBack);
  const latest = (day: number, beforeToday: boolean) => {
    const date = inWeek(0, day);
    return date > today || (beforeToday && date === today) ? addDays(date, -7) : date;
  };
  if (text === '上周末' || text === '上个周末' || text === 'last weekend') return inWeek(1, 6);
  const cn = /^(上上|上|这|本)?个?(?:周|星期|礼拜)([一二三四五六日天1-7])$/.exec(text);
  if (cn) {
    const day = CN_WEEKDAYS[cn[2]] ?? Number(cn[2]);
    if (!cn[1]) return latest(day, false);
    return inWeek(cn[1] === '上上' ? 2 : cn[1] === '上' ? 1 : 0, day);
  }
  const en = /^(?:on )?(?:the )?(?:(last|this|past) )?([a-z]+)(?: (last|this) week| (before last))?$/.exec(text);
  const day = en ? EN_WEEKDAYS.findIndex((name) => en[2] === name || en[2] === name.slice(0, 3)) + 1 : 0;
  if (!en || !day) return undefined;
  if (en[4]) return addDays(latest(day, true), -7);
  if (en[3]) return inWeek(en[3] === 'last' ? 1 : 0, day);
  if (en[1] === 'this') return inWeek(0, day);
  return latest(day, en[1] === 'last' || en[1] === 'past');
}

function cnMonth(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  if (word.length === 1) return amount(word);
  return word[0] === '十' ? 10 + (amount(word[1]) || 0) : NaN;
}

/** The month `month` of this year, or of last year when it has not come yet (or when "去年" says so). */
function monthOf(year: number, which: string | undefined, month: number, today: string): string | undefined {
  if (!(month >= 1 && month <= 12)) return undefined;
  const thisYear = `${which === '去' ? year - 1 : year}-${pad(month)}-01`;
  return which === undefined && thisYear > today ? `${year - 1}-${pad(month)}-01` : thisYear;
}

/** That day of the month of `base`, but never after today (the end of this month has not come yet). */
function atDay(base: string, day: number, today: string): string {
  const date = `${base.slice(0, 8)}${pad(day)}`;
  return date > today ? today : date;
}

function shift(today: string, n: number, unit: string): string | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (unit === '天' || unit === '日' || unit === 'day') return Number.isInteger(n) ? addDays(today, -n) : undefined;
  if (unit === '周' || unit === '星期' || unit === '礼拜' || unit === 'week') return Number.isInteger(n) ? addDays(today, -7 * n) : undefined;
  return n === 0.5 ? addDays(today, -15) : Number.isInteger(n) ? addMonths(today, -n) : undefined;
}

/** The timing rule: applying more than 3 months after receipt is allowed but less likely to succeed. */
export function isLate(receivedOn: string, today: string): boolean {
  return addMonths(receivedOn, 3) < today;
}
