import { currentLanguage } from './i18n';

/** Every date and time the console shows is in China Standard Time, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

const localDate = /^\d{4}-\d{2}-\d{2}$/;

/** Instants are ISO strings; calendar dates 'YYYY-MM-DD' are already Asia/Shanghai days. */
function toDate(value: string): Date {
  return new Date(localDate.test(value) ? `${value}T12:00:00+08:00` : value);
}

export function formatDate(value: string | undefined): string {
  if (!value) return '—';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(currentLanguage(), { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(date);
}

export function formatDateTime(value: string | undefined): string {
  if (!value) return '—';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(currentLanguage(), {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function formatMonth(month: string): string {
  const date = new Date(`${month}-15T12:00:00+08:00`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(currentLanguage(), { timeZone: TIME_ZONE, year: 'numeric', month: 'short' }).format(
    date,
  );
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: fractionDigits }).format(value);
}

export function formatPercent(value: number): string {
  return new Intl.NumberFormat(currentLanguage(), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** Whole days from today (Asia/Shanghai) to a calendar date: negative when it has passed. */
export function daysFromToday(date: string, now = new Date()): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The current month in Asia/Shanghai, shifted by `offset` months, as YYYY-MM. */
export function monthOf(offset = 0, now = new Date()): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now).split('-').map(Number);
  const index = year! * 12 + (month! - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
