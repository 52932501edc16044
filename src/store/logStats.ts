import type { Channel } from '../domain/contacts.ts';
import type { DecisionStats, HourCount } from './statTypes.ts';
import type { DecisionLogEntry } from './types.ts';

const HOUR_MS = 3_600_000;

/** The UTC hour an ISO instant falls in, as its start (2026-11-23T09:00:00.000Z); '' for no date. */
export function hourOf(iso: string | undefined): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? '' : new Date(ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS)).toISOString();
}

/** The whole UTC hour an instant falls in (the stores count by hour: `since` and `until` are taken at it). */
export function floorHour(at: Date): Date {
  return new Date(hourOf(at.toISOString()));
}

type Counts = Map<string, Map<string, number>>;

function bump(counts: Counts, hour: string, key: string, by: number): void {
  const inHour = counts.get(hour) ?? new Map<string, number>();
  counts.set(hour, inHour);
  const n = (inHour.get(key) ?? 0) + by;
  if (n > 0) inHour.set(key, n);
  else inHour.delete(key);
  if (inHour.size === 0) counts.delete(hour);
}

/** The hours of `counts` from `since` to `until`: stepped hour by hour, or the kept hours read if fewer. */
function* hoursWithin(counts: Counts, since: Date, until: Date): Iterable<[string, Map<string, number>]> {
  const from = floorHour(since).getTime();
  const to = floorHour(until).getTime();
  if ((to - from) / HOUR_MS > counts.size) {
    for (const [hour, inHour] of counts) {
      const ms = Date.parse(hour);
      if (ms >= from && ms < to) yield [hour, inHour];
    }
    return;
  }
  for (let ms = from; ms < to; ms += HOUR_MS) {
    const hour = new Date(ms).toISOString();
    const inHour = counts.get(hour);
    if (inHour) yield [hour, inHour];
  }
}

/**
 * The memory and file stores' counts of their decision log and objections, per UTC hour: kept up to date by each
 * change the register applies (and built once when it is opened), so the console's overview reads a few thousand
 * numbers, never the log. Counts of the log as it stands (store/statTypes.ts): a purged decision is taken off.
 */
export class LogStats {
  private readonly asked: Counts = new Map();
  private readonly rules: Counts = new Map();
  private readonly objections: Counts = new Map();

  decision(entry: DecisionLogEntry, by: 1 | -1 = 1): void {
    const hour = hourOf(entry.askedAt);
    bump(this.asked, hour, JSON.stringify([entry.channel, entry.verdict, entry.askedBy]), by);
    for (const rule of new Set(entry.rules))
      bump(this.rules, hour, JSON.stringify([entry.verdict, rule]), by);
  }

  /** An objection counted at its latest date, or moved from one date to a later one (told again). */
  objection(latest: string | undefined, by: 1 | -1 = 1): void {
    if (latest) bump(this.objections, hourOf(latest), '', by);
  }

  decisionStats(since: Date, until: Date): DecisionStats {
    const stats: DecisionStats = { asked: [], rules: [] };
    for (const [hour, inHour] of hoursWithin(this.asked, since, until))
      for (const [key, count] of inHour) {
        const [channel, verdict, askedBy] = JSON.parse(key) as [Channel, string, string];
        stats.asked.push({ hour, channel, verdict, askedBy, count });
      }
    for (const [hour, inHour] of hoursWithin(this.rules, since, until))
      for (const [key, count] of inHour) {
        const [verdict, rule] = JSON.parse(key) as [string, string];
        stats.rules.push({ hour, verdict, rule, count });
      }
    return stats;
  }

  objectionStats(since: Date, until: Date): HourCount[] {
    return [...hoursWithin(this.objections, since, until)].map(([hour, inHour]) => ({
      hour,
      count: inHour.get('') ?? 0,
    }));
  }
}
