import { isWeekend, localDate, TIME_ZONE } from '../cases/dates';

export interface BusinessHours {
  /** "09:00" */
  open: string;
  /** "18:00" */
  close: string;
  holidays: ReadonlySet<string>;
}

/** Whether people staff the service at this instant (Asia/Shanghai; weekdays that are not holidays). */
export function isOpen(instant: Date, hours: BusinessHours): boolean {
  const day = localDate(instant);
  if (isWeekend(day) || hours.holidays.has(day)) return false;
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  return time >= hours.open && time < hours.close;
}
