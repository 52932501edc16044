import { InputError } from './errors.ts';

/**
 * Dates as people write them, read into ISO 8601 local text (`2026-01-13`, `2026-01-13T10:30:00`) that
 * time.ts parseInstant then reads in the policy's time zone. French teams write the day first (13/01/2026,
 * 13-01-2026, 13.01.2026, with a time: 13/01/2026 10:30); exports write ISO (2026-01-13, 2026-01-13 10:30);
 * a CSV saved by Excel from a column formatted "Standard" holds serial numbers (45678, or 45678,5 at noon).
 * The month is never read first: 01/13/2026 is refused, naming the format, never taken as 13 January.
 */

const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** ISO's date with a space before the time, as CRM exports write it (HubSpot's "2024-03-02 09:14"). */
const ISO_SPACED = /^(\d{4}-\d{2}-\d{2}) +(\d{1,2})(:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const SERIAL = /^\d{1,7}(?:[.,]\d+)?$/;

/** The first serial both Excel and other spreadsheets read as the same day: 1 March 1900. */
const FIRST_SHARED_SERIAL = 61;
/** 31 December 9999, Excel's last day. */
const LAST_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;
/** Excel's day 0 for serials from 61 on: 30 December 1899 (its fictitious 29 February 1900 absorbs a day). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Throws unless the day exists: 31/04 and 29/02/2027 are named as they were written. */
function assertCalendarDay(year: number, month: number, day: number, value: string, field: string): void {
  if (month < 1 || month > 12) throw new InputError('impossible_month', { field, value, limit: month });
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) throw new InputError('impossible_day', { field, value, limit: days });
}

function assertTime(hour: number, minute: number, second: number, value: string, field: string): void {
  if (hour > 23 || minute > 59 || second > 59) throw new InputError('invalid_date', { field, value });
}

/** A day-first date, checked against the calendar; 01/13/2026 says the day comes first. */
function dayFirst(match: RegExpExecArray, value: string, field: string): string {
  const [day, month, year] = [Number(match[1]), Number(match[3]), Number(match[4])];
  if (month > 12 && day >= 1 && day <= 12 && month <= daysInMonth(year, day)) {
    // Month first (American), most likely: the day-first spelling of the same date is suggested.
    const swapped = `${match[3]}${match[2]}${match[1]}${match[2]}${match[4]}`;
    throw new InputError('date_month_first', { field, value, limit: month, allowed: swapped });
  }
  assertCalendarDay(year, month, day, value, field);
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (match[5] === undefined) return date;
  const [hour, minute, second] = [Number(match[5]), Number(match[6]), Number(match[7] ?? 0)];
  assertTime(hour, minute, second, value, field);
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/**
 * An Excel serial (1900 date system, Windows' and today's Mac default) as local text: days since 30 December
 * 1899, the fraction the time of day, to the nearest second. Before serial 61 (1 March 1900) Excel counts a
 * 29 February 1900 that never was (serial 60) and other spreadsheets count a day less: refused, explained.
 */
export function excelSerialText(serial: number, value: string, field: string): string {
  if (serial >= LAST_SERIAL + 1) throw new InputError('invalid_date', { field, value });
  if (serial < FIRST_SHARED_SERIAL) throw new InputError('excel_serial_before_1900_03', { field, value });
  const at = new Date(EPOCH_1900 + Math.round(serial * 86_400) * 1000);
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const seconds = (at.getTime() - EPOCH_1900) % DAY_MS;
  if (seconds === 0) return date;
  return `${date}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
}

/**
 * The written date as ISO 8601 text, with its offset if it had one; throws `invalid_date` (with the formats
 * to use), `date_month_first`, `impossible_day` or `impossible_month`, each naming the value as written.
 * `excelSerial`: a bare number is an Excel serial (only in a file's date column, never a typed flag).
 */
export function isoText(input: string, field: string, options: { excelSerial?: boolean } = {}): string {
  const text = input.trim();
  const french = DAY_FIRST.exec(text);
  if (french) return dayFirst(french, input, field);
  if (options.excelSerial && SERIAL.test(text)) {
    return excelSerialText(Number(text.replace(',', '.')), input, field);
  }
  const spaced = ISO_SPACED.exec(text);
  const iso = spaced ? `${spaced[1]}T${pad(Number(spaced[2]))}${spaced[3]}` : text;
  const date = ISO_DATE.exec(iso);
  if (!date) throw new InputError('invalid_date', { field, value: input });
  assertCalendarDay(Number(date[1]), Number(date[2]), Number(date[3]), input, field);
  return iso;
}
