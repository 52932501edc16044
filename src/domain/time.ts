import { DateTime, Duration, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import { isoText } from './dates.ts';
import { InputError } from './errors.ts';

const QUARTER_HOUR = 15 * 60_000;
const CACHE_FROM = Date.UTC(1980, 0, 1);

/**
 * An IANA zone that remembers its offsets. Luxon asks Intl for the offset at every step (about 10 µs), which
 * was most of a campaign check's time. Since 1980 the tz database changes offsets only on quarter hours, so
 * one answer per quarter hour is exact; earlier instants are always asked.
 */
class CachedZone extends Zone {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly inner: IANAZone) {
    super();
  }

  override get type() {
    return 'iana';
  }

  override get name() {
    return this.inner.name;
  }

  override get isUniversal() {
    return false;
  }

  override get isValid() {
    return this.inner.isValid;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions) {
    return this.inner.offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat) {
    return this.inner.formatOffset(ts, format);
  }

  override offset(ts: number): number {
    if (ts < CACHE_FROM) return this.inner.offset(ts);
    const key = Math.floor(ts / QUARTER_HOUR);
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      offset = this.inner.offset(ts);
      if (this.offsets.size >= 200_000) this.offsets.clear();
      this.offsets.set(key, offset);
    }
    return offset;
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}

const zones = new Map<string, Zone>();

/** The zone object to give luxon for a zone name (one per name, with its offsets cached). */
export function zoneFor(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    const iana = IANAZone.create(name);
    zone = iana.isValid ? new CachedZone(iana) : iana;
    zones.set(name, zone);
  }
  return zone;
}

/**
 * Reads a date or date-time as people write it (domain/dates.ts: ISO 8601, the day first as in France, an
 * Excel serial from a file's date column with `excelSerial`). Without an offset it is read in `zone` (the
 * policy's time zone), so "2026-08-11" and "11/08/2026" mean midnight in Paris, not in UTC. A local time the
 * clocks skip (29/03/2026 02:30 in Paris) is read with the offset before the jump, so as 03:30; one they show
 * twice (25/10/2026 02:30) is its first occurrence, in summer time: RFC 5545 § 3.3.5, as calendars do. An
 * offset written with the time (2026-10-25T02:30+01:00) chooses the other.
 */
export function parseInstant(
  input: string,
  zone: string,
  what = 'date',
  options: { excelSerial?: boolean } = {},
): Date {
  const text = isoText(input, what, options);
  const dt = DateTime.fromISO(text, { zone: zoneFor(zone), setZone: false });
  if (!dt.isValid) throw new InputError('invalid_date', { field: what, value: input });
  return OFFSET.test(text) ? dt.toJSDate() : firstOccurrence(dt).toJSDate();
}

const OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** The earlier of the two instants a wall-clock time names when the clocks go back (luxon picks the later). */
function firstOccurrence(dt: DateTime): DateTime {
  const before = dt.minus({ hours: 3 });
  if (before.offset <= dt.offset) return dt;
  const earlier = dt.minus({ minutes: before.offset - dt.offset });
  const wall = (d: DateTime) => d.toFormat('yyyy-LL-dd HH:mm:ss.SSS');
  return wall(earlier) === wall(dt) ? earlier : dt;
}

const durations = new Map<string, Duration>();

export function parseDuration(iso: string): Duration {
  const known = durations.get(iso);
  if (known) return known;
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) throw new InputError('invalid_duration', { value: iso });
  durations.set(iso, duration);
  return duration;
}

/**
 * Calendar arithmetic in the given zone: 2024-02-29 + P3Y is 2027-02-28, a month is a calendar month.
 * It gives the same answer for the same instant, duration and zone, and a decision asks for
 * the same sums again and again (a contact's retention deadline, a consent's validity): the answers are kept,
 * up to a bound, as millisecond numbers. Luxon's arithmetic was a quarter of a decision's time.
 */
const sums = new Map<string, number>();
const MAX_SUMS = 100_000;

function calendarSum(at: Date, iso: string, zone: string, sign: 1 | -1): Date {
  const key = `${at.getTime()}${sign}${iso}${zone}`;
  let ms = sums.get(key);
  if (ms === undefined) {
    const start = DateTime.fromJSDate(at, { zone: zoneFor(zone) });
    const duration = parseDuration(iso);
    ms = (sign === 1 ? start.plus(duration) : start.minus(duration)).toMillis();
    if (sums.size >= MAX_SUMS) sums.clear();
    sums.set(key, ms);
  }
  return new Date(ms);
}

export function addDuration(at: Date, iso: string, zone: string): Date {
  return calendarSum(at, iso, zone, 1);
}

export function subtractDuration(at: Date, iso: string, zone: string): Date {
  return calendarSum(at, iso, zone, -1);
}

const days = new Map<string, string>();

/** The calendar day (YYYY-MM-DD) of an ISO text in a zone (a date alone is that very day); kept like the sums. */
export function dayOfIso(iso: string, zone: string): string {
  const key = `${iso}${zone}`;
  let day = days.get(key);
  if (day === undefined) {
    day = DateTime.fromISO(iso, { zone: zoneFor(zone) }).toISODate() ?? '';
    if (days.size >= MAX_SUMS) days.clear();
    days.set(key, day);
  }
  return day;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone: zoneFor(zone) }).toISODate() ?? '';
}

/** Start of a calendar day (YYYY-MM-DD) in a zone. */
export function startOfDay(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone: zoneFor(zone) })
    .startOf('day')
    .toJSDate();
}

export function formatLocal(at: Date, zone: string, locale: 'fr' | 'en'): string {
  const local = DateTime.fromJSDate(at, { zone: zoneFor(zone) }).setLocale(
    locale === 'fr' ? 'fr-FR' : 'en-GB',
  );
  // A date typed alone is read as the start of that local day, and a deadline falls on one: it prints as that
  // date ("dimanche 1 novembre 2026"), not as a time nobody gave ("à 00:00").
  if (local.toMillis() === local.startOf('day').toMillis()) return local.toFormat('cccc d LLLL yyyy');
  return local.toFormat(locale === 'fr' ? "cccc d LLLL yyyy 'à' HH:mm" : "cccc d LLLL yyyy 'at' HH:mm");
}

/** A short local date for a chart's axis: "7 déc.", "7 Dec". */
export function shortDate(at: Date, zone: string, locale: 'fr' | 'en'): string {
  return DateTime.fromJSDate(at, { zone: zoneFor(zone) })
    .setLocale(locale === 'fr' ? 'fr-FR' : 'en-GB')
    .toFormat('d LLL');
}

/** A compact local time for tables (the audit trail): `2026-12-07 10:11:02 +01:00`, the offset saying the zone's. */
export function localStamp(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone: zoneFor(zone) }).toFormat('yyyy-LL-dd HH:mm:ss ZZ');
}

/** Start of the calendar month that contains `at`, in a zone. */
export function startOfMonth(at: Date, zone: string): Date {
  return DateTime.fromJSDate(at, { zone: zoneFor(zone) })
    .startOf('month')
    .toJSDate();
}

/** The start of the calendar day of an instant, in a zone. */
function dayOf(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone: zoneFor(zone) }).startOf('day');
}

/**
 * The end of a legal period that starts with an event (Reg. 1182/71 art. 3): the day of the event does not count,
 * and the period ends when the last day ends. "One month" from 22 October ends at the end of 22 November; from
 * 31 January, at the end of 28 (or 29) February; "60 calendar days" from 1 May ends at the end of 30 June.
 */
export function periodEnd(event: Date, iso: string, zone: string): Date {
  return dayOf(event, zone).plus(parseDuration(iso)).plus({ days: 1 }).toJSDate();
}

/**
 * The first instant of "any period of N calendar days" that ends today (D.223-9's 30 days): today counts, so an
 * attempt on day D is counted until day D + N − 1 ends.
 */
export function rollingWindowStart(now: Date, iso: string, zone: string): Date {
  return dayOf(now, zone).minus(parseDuration(iso)).plus({ days: 1 }).toJSDate();
}

/** When an event of `at` stops counting in a rolling window of calendar days (see rollingWindowStart). */
export function rollingWindowExit(at: Date, iso: string, zone: string): Date {
  return dayOf(at, zone).plus(parseDuration(iso)).toJSDate();
}

/** An instant in ISO 8601 as the zone's clock reads it, with its offset (2026-11-23T10:30:00.000+01:00). */
export function localIso(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone: zoneFor(zone) }).toISO() ?? at.toISOString();
}
