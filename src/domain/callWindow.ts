import Holidays from 'date-holidays';
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

/** Public holidays of a country and year as YYYY-MM-DD; observances (e.g. Pentecost Sunday) are not days off. */
function publicHolidays(country: string, year: number): Set<string> {
  const key = `${country}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    const calendar = new Holidays(country);
    days = new Set(
      (calendar.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(key, days);
  }
  return days;
}

export function isPublicHoliday(day: DateTime, country: string): boolean {
  return publicHolidays(country, day.year).has(day.toISODate() ?? '');
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
