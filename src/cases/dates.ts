import type { Parsed } from './inputs';

/** Calendar days in the business's time zone (Asia/Shanghai), as YYYY-MM-DD strings. */
export const TIME_ZONE = 'Asia/Shanghai';

/** Building a DateTimeFormat costs far more than formatting with one: one per time zone. */
const formats = new Map<string, Intl.DateTimeFormat>();

export function localDate(instant: Date, timeZone = TIME_ZONE): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(instant);
}

/** The instant a calendar day begins in the business's time zone (China keeps UTC+8 all year). */
export function startOfLocalDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
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

const EN_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };

/**
 * When the terminal was received, in the forms people type: "2026-09-01", "2026/9/1", "9月1日",
 * "2026年9月1日", "昨天", "上个月", "三周前", "两个月前", "yesterday", "last month", "3 weeks ago".
 * Relative to `today` (Asia/Shanghai). "last month" means about a month ago.
 */
export function parseReceiptDate(input: string, today: string): Parsed<string, 'date_format' | 'date_future'> {
  const text = input.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  const result = absolute(text, today) ?? relative(text, today);
  if (!result || Number.isNaN(toUtc(result).getTime())) return { ok: false, error: 'date_format' };
  if (result > today) return { ok: false, error: 'date_future' };
  return { ok: true, value: result };
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
  const key = text.replace(/[。.!！]$/, '');
  if (fixed[key]) return fixed[key];
  const cn = /^(\d+|[一两二三四五六七八九十半]{1,2})\s*(?:个)?\s*(天|日|周|星期|礼拜|月)(?:前|之前|以前)$/.exec(key);
  if (cn) return shift(today, amount(cn[1]), cn[2]);
  const en = /^(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (day|week|month)s? ago$/.exec(key);
  if (en) return shift(today, /^\d+$/.test(en[1]) ? Number(en[1]) : EN_NUMBERS[en[1]], en[2]);
  return undefined;
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
