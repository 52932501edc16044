import type { Channel } from '../domain/contacts.ts';

/**
 * The decision log counted per UTC hour (the console's overview groups hours into local weeks): anonymous counts,
 * no person in them. They count the log as it stands: a purge that deletes a person's decisions (erasure,
 * retention) lowers them in every store, since the file store rebuilds them from the log it reopens and
 * PostgreSQL counts the rows themselves. Keeping them would be lawful too (they name nobody), but then the stores
 * would disagree after a restart.
 */
export interface DecisionStats {
  /** How many questions each asker (`slack:U…`, `api:crm`) asked on a channel that got a verdict, per hour. */
  asked: Array<HourCount & { channel: Channel; verdict: string; askedBy: string }>;
  /** The rules behind the answers, per hour and verdict: an answer with two rules counts once for each. */
  rules: Array<HourCount & { verdict: string; rule: string }>;
}

/** A count in one UTC hour (its start, ISO: 2026-11-23T09:00:00.000Z). */
export interface HourCount {
  hour: string;
  count: number;
}
