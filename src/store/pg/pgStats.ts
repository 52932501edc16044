import type pg from 'pg';
import type { Channel } from '../../domain/contacts.ts';
import { floorHour } from '../logStats.ts';
import type { DecisionStats, HourCount } from '../statTypes.ts';

/**
 * The overview's counts in PostgreSQL: a GROUP BY over the weeks asked, on the index of when each question was
 * asked (migration 8) and of each objection's latest date, never the whole log. Rows are counted as they stand,
 * so a purge lowers the counts as it does in the other stores (store/statTypes.ts).
 */

const HOUR = (column: string) => `substr(${column}, 1, 13)`;
const ASKED_WITHIN = "data->>'askedAt' >= $1 and data->>'askedAt' < $2";

/** `since` and `until` taken at their whole UTC hour, as the memory store counts them. */
const within = (since: Date, until: Date) => [floorHour(since).toISOString(), floorHour(until).toISOString()];
const hourOf = (prefix: string) => `${prefix}:00:00.000Z`;

export async function decisionStats(db: pg.Pool, since: Date, until: Date): Promise<DecisionStats> {
  const range = within(since, until);
  const [asked, rules] = await Promise.all([
    db.query<{ hour: string; channel: Channel; verdict: string; asked_by: string; n: string }>(
      `select ${HOUR("data->>'askedAt'")} as hour, data->>'channel' as channel, data->>'verdict' as verdict,
        asked_by, count(*) as n
       from decisions where ${ASKED_WITHIN} group by 1, 2, 3, 4`,
      range,
    ),
    db.query<{ hour: string; verdict: string; rule: string; n: string }>(
      `select ${HOUR("data->>'askedAt'")} as hour, data->>'verdict' as verdict, r.rule, count(*) as n
       from decisions cross join lateral
         (select distinct rule from jsonb_array_elements_text(data->'rules') as x(rule)) as r
       where ${ASKED_WITHIN} group by 1, 2, 3`,
      range,
    ),
  ]);
  return {
    asked: asked.rows.map((r) => ({
      hour: hourOf(r.hour),
      channel: r.channel,
      verdict: r.verdict,
      askedBy: r.asked_by,
      count: Number(r.n),
    })),
    rules: rules.rows.map((r) => ({
      hour: hourOf(r.hour),
      verdict: r.verdict,
      rule: r.rule,
      count: Number(r.n),
    })),
  };
}

/** Objections (withdrawals apart) by the hour of their latest date: the column `objectionsSince` counts by. */
export async function objectionStats(db: pg.Pool, since: Date, until: Date): Promise<HourCount[]> {
  const { rows } = await db.query<{ hour: string; n: string }>(
    `select ${HOUR('at')} as hour, count(*) as n from suppressions
     where at >= $1 and at < $2 and kind = 'objection' group by 1 order by 1`,
    within(since, until),
  );
  return rows.map((r) => ({ hour: hourOf(r.hour), count: Number(r.n) }));
}
