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

const CN_NUMBERS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** A whole number in digits or Chinese up to 99: "9", "九", "十五", "二十一". */
function cnInt(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  const parts = word ? /^(?:([二三四五六七八九]?)十)?([一两二三四五六七八九]?)$/.exec(word) : null;
  if (!parts) return NaN;
  const tens = parts[1] === undefined ? 0 : parts[1] ? CN_NUMBERS[parts[1]] : 1;
  return tens * 10 + (parts[2] ? CN_NUMBERS[parts[2]] : 0);
}

/**
 * A count of days, weeks, months or years: "3", "十", "半" ("大半", most of one, as its nearer end), "几"
 * and "好几" (a few is three), "两三" (a range counts as its nearer end).
 */
function amount(word: string): number {
  if (word === '几' || word === '好几') return 3;
  if (word === '半' || word === '大半') return 0.5;
  const range = /^([一两二三四五六七八九])([两二三四五六七八九])$/.exec(word);
  if (range) return Math.min(CN_NUMBERS[range[1]], CN_NUMBERS[range[2]]);
  // "十几天前" counts as ten, like "十多天前".
  return cnInt(word.replace(/(?<=.)几$/, ''));
}

const EN_NUMBERS: Record<string, number> = { 'a few': 3, few: 3, several: 3, 'a couple of': 2, 'a couple': 2, 'couple of': 2, 'half a': 0.5, half: 0.5, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
/** Longer phrases first, so "a few" is not read as "a". */
const EN_NUMBER = `\\d+|${Object.keys(EN_NUMBERS).join('|')}`;

function enAmount(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : EN_NUMBERS[word];
}

const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1-12 for a month's name or its abbreviation ("sep", "sept"), 0 for any other word. */
function enMonth(word: string): number {
  return EN_MONTHS.findIndex((name) => word === name || word === name.slice(0, 3) || (word === 'sept' && name === 'september')) + 1;
}

/**
 * When the terminal was received, in the forms people type: "2026-09-01", "2026/9/1", "2026.9.1", "20260901",
 * "9月1日", "九月一号", "2026年9月1日", "昨天", "上个月", "上礼拜", "三周前", "两三个月前", "一年前", "上个月中旬",
 * "去年底", "前几天", "国庆前后", "中秋节那会", "夏天", "yesterday", "last month", "3 weeks ago", "a month or two ago", "half a year ago",
 * "mid last month", "end of last year", "in the summer", "after the mid-autumn festival", "September 1", "1st Sep 2026", "in October", "Oct 2026", "09/01/2026", "15.10.2026",
 * a day of the week ("上周三", "周五", "上周末", "last Wednesday", "on Friday", "Monday last week",
 * "the Friday before last"),
 * hedged ("大概两个月前吧", "大概一个月左右", "around 4 months ago") and misspelt ("2 mounths ago"). Relative to `today` (Asia/Shanghai).
 * "last month" means about a month ago; a month named without a day its 15th; a part of a month or year its
 * usual day (early 5th, mid 15th, late 25th; early year mid-January, late year 20 December). A day or month
 * without a year is the latest one not after today; a range ("两三个月前") its nearer end.
 */
export function parseReceiptDate(input: string, today: string): Parsed<string, 'date_format' | 'date_future'> {
  // "俩月前", "仨礼拜前": the colloquial two and three.
  const text = unhedged(input.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ').replace(/俩(?!个)/gu, '两个').replace(/俩/gu, '两').replace(/仨(?!个)/gu, '三个').replace(/仨/gu, '三'));
  const result = absolute(text, today) ?? relative(text, today) ?? partOf(text, today) ?? weekday(text, today) ?? holiday(text, today);
  // "下个月", "next week": a time still to come, said so rather than taken for a date not understood.
  if (!result && FUTURE.test(text)) return { ok: false, error: 'date_future' };
  if (!result || Number.isNaN(toUtc(result).getTime())) return { ok: false, error: 'date_format' };
  if (result > today) return { ok: false, error: 'date_future' };
  return { ok: true, value: result };
}

/** Words of doubt around a date ("大概", "about"): whatever the day, it is a rough one. */
const UNSURE = /大概|大约|差不多|估计|好像|应该|可能|约|左右|上下|记不清|不记得|\b(?:about|around|roughly|approx(?:imately)?|maybe|perhaps|probably|i think|i guess|or so|ish|almost|nearly|over|more than|sometime)\b/;

/**
 * Whether a date the merchant gave names a day ("9月1日", "2026-09-01", "上周三", "3 days ago"), rather
 * than a rough time ("上个月", "两个月前", "国庆前后", "about 3 weeks ago"), which is read as one day
 * only to be counted with.
 */
export function namesADay(input: string, today: string): boolean {
  const said = input.normalize('NFKC').trim().toLowerCase();
  if (UNSURE.test(said)) return false;
  const text = unhedged(said);
  return absolute(text, today) !== undefined || weekday(text, today) !== undefined || /[日号天]|\bdays?\b|yesterday|today/.test(text);
}

/** The whole of a time to come, in words. */
const FUTURE = /^(?:下个?月|下(?:个)?(?:周|星期|礼拜)|明天|后天|明年(?:[\d一二三四五六七八九十]{1,2}月份?(?:[\d一二三四五六七八九十]{1,3}[日号])?)?|(?:next|the coming) (?:week|month|year)|tomorrow|in (?:a|\d+) (?:days?|weeks?|months?))(?:初|中|底|末|中旬|月底)?$/u;

/** Words people wrap a date in when they are not sure, and filler around it. */
const HEDGES_ZH = /刚刚|刚|记不太清|记不清|不太记得|不记得|忘了具体哪天|我们是|我是|那个|这台机器|机器|机子|pos机|快有|快|已经有|有|嗯|呃|额|好的|大概|大约|差不多|估计|好像|应该是|应该|可能是|可能|我记得是|我记得|记得是|约|左右|前后|上下|的样子|的时候|那会儿|那会|那时候|是在|收到的|收到|到的|吧|啊|呀|呢|哦|噢|嘛|了/g;
const HEDGES_EN = /\b(?:ok|okay|yeah|yea|yes|yep|well|um|uh|hmm|so|lol|haha|abt|sometime|some time|about|around|roughly|approximately|approx|maybe|perhaps|probably|i think|i guess|i believe|it was|we got it|got it|received it|i received it|i got it|or so|ish|just over|over|more than|almost|nearly|like|it came|came|it arrived|arrived|received)\b/g;

/**
 * The month a season is counted at: for last year's its middle ("去年夏天" is July; its winter the
 * December it began), for this year's its first, which may not be over ("今年春天" in March is not a day
 * to come; its winter the January it began in).
 */
const SEASON_MONTH: Record<'去' | '今', Record<string, number>> = { 去: { 春: 4, 夏: 7, 秋: 10, 冬: 12 }, 今: { 春: 3, 夏: 6, 秋: 9, 冬: 1 } };
const SEASON_ZH: Record<string, string> = { spring: '春', summer: '夏', autumn: '秋', fall: '秋', winter: '冬' };

function unhedged(text: string): string {
  return text
    .replace(/\p{Extended_Pictographic}/gu, ' ')
    // How people shorten and run together units ("2 wks", "3 mos", "2weeks"), and "a couple".
    .replace(/(\d+)\s*(?:wks?|weeks?)\b/g, '$1 weeks')
    // and misspell them ("2 mounths", "three monthes").
    .replace(/(?<![a-z])(?:mounths?|monthes|monts|mnths?)\b/g, 'months')
    .replace(/(?<![a-z])(?:weks?|wekks?)\b/g, 'weeks')
    .replace(/(?<![a-z])(?:yeras|yaers|yrs?)\b/g, 'years')
    .replace(/(\d+)\s*(?:mos|mths?|months?)\b/g, '$1 months')
    .replace(/(\d+)\s*(?:days?)\b/g, '$1 days')
    .replace(/\b(?:a )?couple(?: of)? (days|weeks|months)\b/g, 'a couple of $1')
    .replace(/\bearlier this month\b/g, 'early this month')
    .replace(/^(?:sometime |some time )?this month$/g, 'mid this month')
    .replace(/(去|今)年(春|夏|秋|冬)[天季]/g, (_, year: '去' | '今', season: string) => `${year}年${SEASON_MONTH[year][season]}月`)
    .replace(/\bthis (spring|summer|autumn|fall|winter)\b/g, (_, season: string) => `今年${SEASON_MONTH.今[SEASON_ZH[season]]}月`)
    // A season alone ("夏天的时候", "in the summer", "last summer": the one before now, unlike 去年夏天): its
    // middle month, the latest one not after today. Not the mid-autumn festival.
    .replace(/(?<![去今]年)(春|夏|秋|冬)[天季]|\b(?:in |last )?(?:the )?(?<!mid[- ])(spring|summer|autumn|fall|winter)\b/g, (_, zh?: string, en?: string) => `${SEASON_MONTH.去[zh ?? SEASON_ZH[en!]]}月`)
    // "two months back" is "two months ago".
    .replace(/\b(days?|weeks?|months?|years?)\s+back\b/g, '$1 ago')
    // The time of day said with the day ("昨天晚上", "yesterday evening", "last night"): the day.
    .replace(/(?<=[天日号])的?(?:早上|上午|中午|下午|傍晚|晚上|夜里|半夜)/g, '')
    .replace(/\b(yesterday|today) (?:morning|afternoon|evening|night)\b/g, '$1')
    .replace(/\blast night\b/g, 'yesterday')
    // "双十一", "双12": the shopping festivals' days.
    .replace(/双(?:十一|11)/g, '11月11日')
    .replace(/双(?:十二|12)/g, '12月12日')
    .replace(HEDGES_ZH, '')
    .replace(HEDGES_EN, ' ')
    // A dot between digits is a date's ("2026.9.1"); any other ends a sentence or an abbreviation ("Sept.").
    .replace(/[。!！?？~～,，]+|(?<!\d)\.|\.(?!\d)/g, ' ')
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

/** A day of a month in `year`, or without one the latest such day not after today ("12月20日" typed in January is last December's). */
function dayOf(month: number, day: number, year: string | undefined, today: string): string | undefined {
  if (year) return valid(Number(year), month, day);
  const thisYear = Number(today.slice(0, 4));
  const date = valid(thisYear, month, day);
  return date && date > today ? valid(thisYear - 1, month, day) : date;
}

const CN_INT = '\\d{1,2}|[一二三四五六七八九十]{1,3}';
// The patterns made of the parts above, made once (the form reads every message for a date).
const CN_MONTH_DAY = new RegExp(`^(去年|今年)?(${CN_INT})\\s*月\\s*(${CN_INT})\\s*[日号]?$`);
const DAY_ONLY = new RegExp(`^(?:(${CN_INT})\\s*[日号]|(?:on )?the (\\d{1,2})(?:st|nd|rd|th))$`);
const EN_AGO = new RegExp(`^(${EN_NUMBER})(?:(?: or | to |-)(${EN_NUMBER}))? (day|week|month|year)s?(?: or (${EN_NUMBER}))?(?: ago)?$`);

function absolute(text: string, today: string): string | undefined {
  const full = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/.exec(text) ?? /^(20\d\d)(\d\d)(\d\d)$/.exec(text);
  if (full) return valid(Number(full[1]), Number(full[2]), Number(full[3]));
  const cn = CN_MONTH_DAY.exec(text);
  if (cn) return dayOf(cnInt(cn[2]), cnInt(cn[3]), cn[1] && String(Number(today.slice(0, 4)) - (cn[1] === '去年' ? 1 : 0)), today);
  // "15.10.2026", "15-10-2026": with the year last, day first (as written in Europe) unless the second part cannot be a month.
  const yearLast = /^(\d{1,2})\s*[.-]\s*(\d{1,2})\s*[.-]\s*(\d{4})$/.exec(text);
  if (yearLast) {
    const [first, second] = [Number(yearLast[1]), Number(yearLast[2])];
    return second > 12 ? valid(Number(yearLast[3]), first, second) : valid(Number(yearLast[3]), second, first);
  }
  // "11.20", "10.8号": month and day, as a date is often written here.
  const dotted = /^(\d{1,2})\s*\.\s*(\d{1,2})\s*[日号]?$/.exec(text);
  if (dotted) return dayOf(Number(dotted[1]), Number(dotted[2]), undefined, today);
  // Month first ("9/1", "09/01/2026", as English speakers here write it) unless the first part cannot be a month ("15/09/2026").
  const slashed = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*(?:[日号]|\/\s*(\d{4}))?$/.exec(text);
  if (slashed) {
    const [first, second] = [Number(slashed[1]), Number(slashed[2])];
    return first > 12 ? dayOf(second, first, slashed[3], today) : dayOf(first, second, slashed[3], today);
  }
  // "3号", "十五号", "on the 15th": a day of this month, or of the last one when it is still to come.
  const dayOnly = DAY_ONLY.exec(text);
  if (dayOnly) {
    const day = dayOnly[1] !== undefined ? cnInt(dayOnly[1]) : Number(dayOnly[2]);
    const [year, month] = today.split('-').map(Number);
    const thisMonth = valid(year, month, day);
    if (thisMonth && thisMonth <= today) return thisMonth;
    // The latest month before that has the day ("31号" in December is 31 October).
    for (let back = 1; back <= 2; back++) {
      const earlier = addMonths(`${year}-${pad(month)}-01`, -back);
      const date = valid(Number(earlier.slice(0, 4)), Number(earlier.slice(5, 7)), day);
      if (date) return date;
    }
    return undefined;
  }
  // "September 1", "Sept 1st", "Sep 1 2026" (its comma is gone), "1st Sep", "the 1st of September 2026".
  const en = /^(?:on )?(?:the )?(?:([a-z]+) (\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+))(?: (\d{4}))?$/.exec(text);
  const month = en ? enMonth(en[1] ?? en[4]) : 0;
  return en && month ? dayOf(month, Number(en[2] ?? en[3]), en[5], today) : undefined;
}

/**
 * Words that name a day by its distance from today, in days or (`m`) months: looked up, and only the one
 * said worked out (the whole table of dates, made on every message the form reads, was a few per cent
 * of a dialog turn).
 */
const NAMED_DAYS: Record<string, number | { m: number }> = {
  今天: 0,
  today: 0,
  昨天: -1,
  yesterday: -1,
  前天: -2,
  大前天: -3,
  // Said of a day to come: refused as such ("这个日期还没到"), not as unreadable.
  明天: 1,
  tomorrow: 1,
  前几天: -3,
  // "刚收到没几天": a few days, after its hedges are gone.
  没几天: -3,
  这几天: -3,
  'last week': -7,
  'the week before last': -14,
  上个月: { m: -1 },
  上月: { m: -1 },
  'last month': { m: -1 },
  去年: { m: -12 },
  'last year': { m: -12 },
};

function relative(text: string, today: string): string | undefined {
  const named = Object.hasOwn(NAMED_DAYS, text) ? NAMED_DAYS[text] : undefined;
  if (named !== undefined) return typeof named === 'number' ? addDays(today, named) : addMonths(today, named.m);
  const lastWeek = /^(上上?)个?(?:周|星期|礼拜)$/.exec(text);
  if (lastWeek) return addDays(today, -7 * lastWeek[1].length);
  // "两个多月前", "一年多以前", and without "前" ("大概一个月左右" is left as "一个月"): "more than" counts as the number.
  const cn = /^(\d+|大半|好几|[一两二三四五六七八九十半几]{1,3})\s*(个)?\s*多?\s*(个)?\s*(天|日|周|星期|礼拜|月|年)多?(前|之前|以前)?$/.exec(text);
  if (cn && (cn[5] || countAlone(cn[1], Boolean(cn[2] || cn[3]), cn[4]))) return shift(today, amount(cn[1]), cn[4]);
  // "a month or two ago", "2-3 weeks ago": a range counts as its nearer end. Without "ago" ("2 months"), as
  // "两个月" is: the question asks when, so a span is how long ago.
  const en = EN_AGO.exec(text);
  if (en) return shift(today, Math.min(...[en[1], en[2] ?? en[1], en[4] ?? en[1]].map(enAmount)), en[3]);
  return undefined;
}

/** Whether a count without "前" still means that long ago: "3月" is March, "10日" the 10th, "2026年" a year, but "一个月", "三天", "半年" are spans. */
function countAlone(count: string, withGe: boolean, unit: string): boolean {
  if (unit === '月') return withGe;
  if (unit === '年') return !/\d/.test(count);
  return unit !== '日';
}

const PART_DAY: Record<string, number> = { 初: 5, 上旬: 5, 中: 15, 中旬: 15, 底: 25, 末: 25, 下旬: 25, early: 5, beginning: 5, start: 5, mid: 15, middle: 15, late: 25, end: 25 };
const PART_OF_YEAR: Record<string, string> = { 初: '01-15', 中: '06-15', 底: '12-20', 末: '12-20', early: '01-15', beginning: '01-15', start: '01-15', mid: '06-15', middle: '06-15', late: '12-20', end: '12-20' };
const EN_PART = '(early|beginning of|start of|mid|middle of|late|end of)';
const CN_MONTH_PART = new RegExp(`^(上上个?月|上个?月|这个?月|本月|(?:(去|今|\\d{4})年)?(${CN_INT})月份?)(?:(初|上旬|中旬|中|底|末|下旬)|(${CN_INT})[日号])?$`);
const EN_PART_OF_NOW = new RegExp(`^(?:(?:in|at) )?(?:the )?${EN_PART}[- ]?(last month|this month|last year|this year)$`);
const EN_MONTH_PART = new RegExp(`^(?:(?:in|at) )?(?:the )?(?:${EN_PART}[- ]?)?([a-z]+)(?: (?:of )?(\\d{4}))?$`);

/**
 * Part or day of a month, or part of a year: "上个月中旬", "上个月15号", "9月底", "2026年10月", "去年底",
 * "mid last month", "end of last year", "early september", "mid-October", "in October", "Oct 2026".
 */
function partOf(text: string, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  const cn = CN_MONTH_PART.exec(text);
  if (cn) {
    const base = cn[1].startsWith('上上') ? addMonths(today, -2) : cn[1].startsWith('上') ? addMonths(today, -1) : /^(这|本)/.test(cn[1]) ? today : monthOf(cn[2], cnInt(cn[3]), today);
    if (!base) return undefined;
    // A day named outright ("上个月15号") must exist and may be in the future (refused as such).
    if (cn[5]) return valid(Number(base.slice(0, 4)), Number(base.slice(5, 7)), cnInt(cn[5])) ?? 'invalid';
    return atDay(base, PART_DAY[cn[4] ?? '中'], today);
  }
  const cnYear = /^(去|今)年年?(初|中|底|末)$/.exec(text);
  if (cnYear) return `${cnYear[1] === '去' ? year - 1 : year}-${PART_OF_YEAR[cnYear[2]]}`;
  // "年初", "年中" alone: of this year (the year's end alone may be last year's, and is asked again).
  const thisYear = /^年(初|中)$/.exec(text);
  if (thisYear) return `${year}-${PART_OF_YEAR[thisYear[1]]}`;
  const enYear = EN_PART_OF_NOW.exec(text);
  if (enYear) {
    const part = enYear[1].split(' ')[0];
    if (enYear[2].endsWith('year')) return `${enYear[2] === 'last year' ? year - 1 : year}-${PART_OF_YEAR[part]}`;
    return atDay(enYear[2] === 'last month' ? addMonths(today, -1) : today, PART_DAY[part], today);
  }
  const en = EN_MONTH_PART.exec(text);
  const base = en && monthOf(en[3], enMonth(en[2]), today);
  return base ? atDay(base, PART_DAY[en[1]?.split(' ')[0] ?? 'mid'], today) : undefined;
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

/** The month `month` of the year named ("去", "今", "2026"), or unnamed the latest one that has begun. */
function monthOf(which: string | undefined, month: number, today: string): string | undefined {
  if (!(month >= 1 && month <= 12)) return undefined;
  const thisYear = Number(today.slice(0, 4));
  const year = which === '去' ? thisYear - 1 : which === '今' || which === undefined ? thisYear : Number(which);
  const start = `${year}-${pad(month)}-01`;
  return which === undefined && start > today ? `${year - 1}-${pad(month)}-01` : start;
}

/** That day of the month of `base`, but never after today in this month (its end has not come yet); a later month stays in the future. */
function atDay(base: string, day: number, today: string): string {
  const date = `${base.slice(0, 8)}${pad(day)}`;
  return date > today && date.slice(0, 7) === today.slice(0, 7) ? today : date;
}

function shift(today: string, n: number, unit: string): string | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (unit === '天' || unit === '日' || unit === 'day') return Number.isInteger(n) ? addDays(today, -n) : undefined;
  if (unit === '周' || unit === '星期' || unit === '礼拜' || unit === 'week') return Number.isInteger(n) ? addDays(today, -7 * n) : undefined;
  const months = unit === '年' || unit === 'year' ? 12 * n : n;
  return months === 0.5 ? addDays(today, -15) : Number.isInteger(months) ? addMonths(today, -months) : undefined;
}

/** Spring Festival is lunar, so its day is looked up (add a year as the table runs out). */
const SPRING_FESTIVAL: Record<number, string> = { 2024: '02-10', 2025: '01-29', 2026: '02-17', 2027: '02-06', 2028: '01-26', 2029: '02-13', 2030: '02-03' };
const MID_AUTUMN: Record<number, string> = { 2024: '09-17', 2025: '10-06', 2026: '09-25', 2027: '09-15', 2028: '10-03', 2029: '09-22', 2030: '09-12' };
const DRAGON_BOAT: Record<number, string> = { 2024: '06-10', 2025: '05-31', 2026: '06-19', 2027: '06-09', 2028: '05-28', 2029: '06-16', 2030: '06-05' };
const QINGMING: Record<number, string> = { 2024: '04-04', 2025: '04-04', 2026: '04-05', 2027: '04-05', 2028: '04-04', 2029: '04-04', 2030: '04-05' };

/** Each holiday's first day in a year (the lunar ones from a table) and how many days "after it" counts from. */
const HOLIDAYS: { names: RegExp; day: (year: number) => string | undefined; days: number }[] = [
  { names: /^(?:国庆|national day|golden week)$/, day: () => '10-01', days: 7 },
  { names: /^(?:春节|过年|chinese new year|spring festival)$/, day: (year) => SPRING_FESTIVAL[year], days: 7 },
  { names: /^(?:中秋|mid-autumn festival|mid autumn festival|moon festival)$/, day: (year) => MID_AUTUMN[year], days: 3 },
  { names: /^(?:端午|dragon boat festival)$/, day: (year) => DRAGON_BOAT[year], days: 3 },
  { names: /^(?:清明|qingming|tomb-sweeping day|tomb sweeping day)$/, day: (year) => QINGMING[year], days: 3 },
  { names: /^(?:五一|劳动|may day|labou?r day)$/, day: () => '05-01', days: 5 },
  { names: /^(?:元旦|new year's day)$/, day: () => '01-01', days: 3 },
];

/**
 * A public holiday, as people here date things by them: "国庆前后", "国庆节的时候" (left as "国庆节"), "春节前",
 * "过年后", "中秋节那会", "五一之后", "during national day". Its first day, the day before it ("前") or the day after
 * it is over ("后"), in the latest year that day has come (or the year named).
 */
function holiday(text: string, today: string): string | undefined {
  const cn = /^(去年|今年)?(国庆|春节|过年|中秋|端午|清明|五一|劳动|元旦)节?(?:小长假|假期|长假)?(前后|期间|之前|以前|前|之后|以后|后)?$/.exec(text);
  const en = /^(?:(before|after|during|on) )?(?:the )?([a-z' -]+?)(?: holidays?)?$/.exec(text);
  const name = cn?.[2] ?? en?.[2];
  const found = name === undefined ? undefined : HOLIDAYS.find((h) => h.names.test(name));
  if (!found) return undefined;
  const when = cn?.[3] ?? en?.[1] ?? '';
  const offset = /^(之?前|以前|before)$/.test(when) ? -1 : /^(之?后|以后|after)$/.test(when) ? found.days : 0;
  const on = (year: number) => {
    const day = found.day(year);
    return day && addDays(`${year}-${day}`, offset);
  };
  const year = Number(today.slice(0, 4));
  if (cn?.[1]) return on(cn[1] === '去年' ? year - 1 : year);
  const date = on(year);
  return date && date <= today ? date : on(year - 1);
}

/** The timing rule: applying more than 3 months after receipt is allowed but less likely to succeed. */
export function isLate(receivedOn: string, today: string): boolean {
  return addMonths(receivedOn, 3) < today;
}
