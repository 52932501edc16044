import { DateTime, Duration } from 'luxon';
import { InputError } from './errors.ts';

/**
 * Reads an ISO 8601 date or date-time. Without an offset it is read in `zone` (the policy's time zone), so
 * "2026-08-11" means midnight in Paris, not in UTC.
 */
export function parseInstant(input: string, zone: string, what = 'date'): Date {
  const text = input.trim();
  const dt = DateTime.fromISO(text, { zone, setZone: false });
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new InputError(`${what}: "${input}" is not an ISO 8601 date (e.g. 2026-03-01 or 2026-03-01T10:30)`);
  }
  return dt.toJSDate();
}

export function parseDuration(iso: string): Duration {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) throw new InputError(`"${iso}" is not an ISO 8601 duration (e.g. P3Y, P30D, PT2H)`);
  return duration;
}

/** Calendar arithmetic in the given zone: 2024-02-29 + P3Y is 2027-02-28, a month is a calendar month. */
export function addDuration(at: Date, iso: string, zone: string): Date {
  return DateTime.fromJSDate(at, { zone }).plus(parseDuration(iso)).toJSDate();
}

export function subtractDuration(at: Date, iso: string, zone: string): Date {
  return DateTime.fromJSDate(at, { zone }).minus(parseDuration(iso)).toJSDate();
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? '';
}

/** Start of a calendar day (YYYY-MM-DD) in a zone. */
export function startOfDay(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).startOf('day').toJSDate();
}

export function formatLocal(at: Date, zone: string, locale: 'fr' | 'en'): string {
  return DateTime.fromJSDate(at, { zone })
    .setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB')
    .toFormat(locale === 'fr' ? "cccc d LLLL yyyy 'à' HH:mm" : "cccc d LLLL yyyy 'at' HH:mm");
}

/** Start of the calendar month that contains `at`, in a zone. */
export function startOfMonth(at: Date, zone: string): Date {
  return DateTime.fromJSDate(at, { zone }).startOf('month').toJSDate();
}
