import { localDate, TIME_ZONE } from '../cases/dates';

export interface BusinessHours {
  /** "09:00" */
  open: string;
  /** "18:00"; "24:00" for up to midnight */
  close: string;
  /** ISO weekdays staffed: 1 = Monday … 7 = Sunday. */
  days: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
}

/** "1-5" or "1-3,6": the ISO weekdays in a BUSINESS_DAYS setting. */
export function parseDays(spec: string): Set<number> {
  const days = new Set<number>();
  for (const part of spec.split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    for (let d = from; d <= to; d++) days.add(d);
  }
  return days;
}

/** The staffed weekdays as runs of consecutive days, Monday first: {1,2,3,4,5,7} is [[1, 5], [7, 7]]. */
export function dayRuns(days: ReadonlySet<number>): [number, number][] {
  const runs: [number, number][] = [];
  for (const day of [...days].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/** Made on first use: the first formatter with a time zone loads ICU's zone data (about 15 ms of CPU at start-up). */
let clock: Intl.DateTimeFormat | undefined;

/** Whether people staff the service at this instant (Asia/Shanghai; staffed weekdays that are not holidays). */
export function isOpen(instant: Date, hours: BusinessHours): boolean {
  const day = localDate(instant);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
  if (!hours.days.has(weekday) || hours.holidays.has(day)) return false;
  clock ??= new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const time = clock.format(instant);
  return time >= hours.open && time < hours.close;
}
