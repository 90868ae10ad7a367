import { currentLanguage } from '../../i18n/i18n.ts';

/** Today on this device as `YYYY-MM-DD` (people mean their own calendar day). */
export function todayIso(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `2026-12-01` → "1 dec. 2026" / "1 Dec 2026". */
export function formatDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  if (!year || !month || !day) return isoDate;
  return new Intl.DateTimeFormat(currentLanguage(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** An ISO time as a short local date and time. */
export function formatMoment(isoTime: string): string {
  const time = new Date(isoTime);
  if (Number.isNaN(time.getTime())) return '';
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** The local calendar day of an ISO time, as `YYYY-MM-DD` ('' for a bad time). */
export function localDayOf(isoTime: string): string {
  const time = new Date(isoTime);
  return Number.isNaN(time.getTime()) ? '' : todayIso(time);
}
