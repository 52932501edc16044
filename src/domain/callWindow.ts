import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { DateTime } from 'luxon';
import { zoneFor } from './time.ts';

/** When consumers may be called (C. consom. D.223-9): days, time slots, and a public-holiday calendar. */
export interface CallWindowRules {
  days: string[]; // mon..sun
  slots: Array<{ start: string; end: string }>; // "10:00"–"13:00", end excluded
  holidays: string; // a date-holidays country code, e.g. FR (the L.3133-1 list is its "public" type)
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const holidayCache = new Map<string, Set<string>>();

let holidaysModule: typeof HolidaysClass | undefined;
/**
 * The holiday calendars, loaded on first use: they take a tenth of a second to load, which an email question
 * or a campaign of emails never needs.
 */
function Holidays(country: string, region?: string): HolidaysClass {
  holidaysModule ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;
  return region ? new holidaysModule(country, region) : new holidaysModule(country);
}

/**
 * Public holidays of a country (or one of its regions: FR-67, FR-RE…) and year as YYYY-MM-DD; observances
 * (e.g. Pentecost Sunday) are not days off.
 */
function publicHolidays(calendarId: string, year: number): Set<string> {
  const key = `${calendarId}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    const [country = '', region] = calendarId.split('-');
    const calendar = region ? Holidays(country, region) : Holidays(country);
    days = new Set(
      (calendar.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(key, days);
  }
  return days;
}

export function isPublicHoliday(day: DateTime, calendarId: string): boolean {
  return publicHolidays(calendarId, day.year).has(day.toISODate() ?? '');
}

/**
 * Regions of France whose own public holidays are not in the national list of Code du travail L.3133-1, which
 * D.223-9 refers to: Alsace-Moselle (Good Friday, 26 December: L.3134-13) and the overseas departments and
 * collectivities (the abolition of slavery).
 */
export const LOCAL_HOLIDAY_REGIONS = ['57', '67', '68', 'GP', 'MQ', 'GF', 'RE', 'YT', 'MF', 'BL'] as const;

/** Local public holidays of `region` (see LOCAL_HOLIDAY_REGIONS) on `day` that the national list lacks. */
export function isLocalOnlyHoliday(day: DateTime, country: string, region: string): boolean {
  if (isPublicHoliday(day, country)) return false;
  // Saint-Martin's abolition day: 27 May in the holiday data, 28 May in the prefecture's notices since 2018;
  // unsettled, so both days count (a local holiday only ever leads to review).
  if (country === 'FR' && region === 'MF' && day.month === 5 && day.day === 28) return true;
  return isPublicHoliday(day, `${country}-${region}`);
}

/** A country's main time zone (for calls abroad), from the holiday calendars' data. */
export function countryZone(country: string): string | undefined {
  try {
    return Holidays(country).getTimezones()?.[0];
  } catch {
    return undefined;
  }
}

/**
 * The end of the `count`-th working day (Monday to Friday, not a public holiday) after the day of `at`, in a zone:
 * "within 5 working days" of a request made on a Friday ends when the next Friday ends.
 */
export function workingDaysEnd(at: Date, count: number, zone: string, calendarId: string): Date {
  let day = DateTime.fromJSDate(at, { zone: zoneFor(zone) }).startOf('day');
  let left = count;
  while (left > 0) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5 && !isPublicHoliday(day, calendarId)) left--;
  }
  return day.plus({ days: 1 }).toJSDate();
}

function minutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function isCallingDay(day: DateTime, rules: CallWindowRules): boolean {
  return rules.days.includes(WEEKDAYS[day.weekday - 1] ?? '') && !isPublicHoliday(day, rules.holidays);
}

export interface CallWindowStatus {
  inside: boolean;
  /** The next instant the status flips: the end of the current slot, or the start of the next one. */
  changesAt?: Date;
  /** The start of the next slot when outside one (now when inside). */
  nextOpening?: Date;
}

/** Where `now` stands against the call window in the recipient's zone; looks up to 40 days ahead. */
export function callWindowStatus(now: Date, zone: string, rules: CallWindowRules): CallWindowStatus {
  const local = DateTime.fromJSDate(now, { zone: zoneFor(zone) });
  const nowMinutes = local.hour * 60 + local.minute + local.second / 60;
  if (isCallingDay(local, rules)) {
    for (const slot of rules.slots) {
      if (nowMinutes >= minutes(slot.start) && nowMinutes < minutes(slot.end)) {
        const end = local.startOf('day').plus({ minutes: minutes(slot.end) });
        return { inside: true, changesAt: end.toJSDate(), nextOpening: now };
      }
    }
  }
  for (let offset = 0; offset <= 40; offset++) {
    const day = local.startOf('day').plus({ days: offset });
    if (!isCallingDay(day, rules)) continue;
    for (const slot of rules.slots) {
      const start = day.plus({ minutes: minutes(slot.start) });
      if (start > local) return { inside: false, changesAt: start.toJSDate(), nextOpening: start.toJSDate() };
    }
  }
  return { inside: false };
}
