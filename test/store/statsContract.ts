import { expect, it } from 'vitest';
import type { Channel } from '../../src/domain/contacts.ts';
import type { DecisionStats, Store } from '../../src/store/types.ts';

/**
 * The decision log and objections counted per hour (the console's overview), as every store keeps them: read for
 * a span of hours, never the log's rows, lowered by a purge. Part of the store contract (contract.ts).
 */
export function statsContract(withStore: (test: (store: Store) => Promise<void>) => () => Promise<void>) {
  const since = new Date('2026-11-23T00:00:00.000Z');
  const until = new Date('2026-11-30T00:00:00.000Z');
  const decision = (
    askedAt: string,
    askedBy: string,
    channel: Channel,
    verdict: string,
    rules: string[],
  ) => ({
    askedAt,
    askedBy,
    channel,
    targetHash: `h-${askedBy}-${askedAt}`,
    verdict,
    rules,
    policyRevision: 'r',
    decidedFor: askedAt,
  });
  const sorted = (stats: DecisionStats) => ({
    asked: [...stats.asked].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    rules: [...stats.rules].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  });

  it(
    'counts the questions of a span of hours by hour, channel, verdict, asker and rule, and a purge lowers them',
    withStore(async (store) => {
      expect(await store.decisionStats(since, until)).toEqual({ asked: [], rules: [] });
      await store.logDecision(
        decision('2026-11-23T09:10:00.000Z', 'slack:U0A', 'email', 'block', ['r1', 'r2']),
      );
      await store.logDecisions([
        decision('2026-11-23T09:50:00.000Z', 'slack:U0A', 'email', 'block', ['r1', 'r1']),
        decision('2026-11-23T10:00:00.000Z', 'api:crm', 'phone', 'allow', []),
        // Outside the span: the hour before it, and its very end (exclusive).
        decision('2026-11-22T23:59:59.000Z', 'slack:U0A', 'email', 'block', ['r1']),
        decision('2026-11-30T00:00:00.000Z', 'slack:U0A', 'email', 'block', ['r1']),
      ]);
      const nine = '2026-11-23T09:00:00.000Z';
      expect(sorted(await store.decisionStats(since, until))).toEqual({
        asked: [
          { hour: nine, channel: 'email', verdict: 'block', askedBy: 'slack:U0A', count: 2 },
          {
            hour: '2026-11-23T10:00:00.000Z',
            channel: 'phone',
            verdict: 'allow',
            askedBy: 'api:crm',
            count: 1,
          },
        ],
        rules: [
          { hour: nine, verdict: 'block', rule: 'r1', count: 2 },
          { hour: nine, verdict: 'block', rule: 'r2', count: 1 },
        ],
      });
      // A span within an hour is taken at its whole hour.
      const within = await store.decisionStats(
        new Date('2026-11-23T09:30:00Z'),
        new Date('2026-11-23T10:00:00Z'),
      );
      expect(within.asked.map((a) => a.count)).toEqual([2]);
      await store.purge({ decisionHashes: ['h-slack:U0A-2026-11-23T09:10:00.000Z'] });
      const after = sorted(await store.decisionStats(since, until));
      expect(after.asked[0]).toMatchObject({ hour: nine, count: 1 });
      expect(after.rules).toEqual([{ hour: nine, verdict: 'block', rule: 'r1', count: 1 }]);
    }),
  );

  it(
    'counts objections by the hour of their latest date, withdrawals apart, one told again moving to its new date',
    withStore(async (store) => {
      const ana = { kind: 'email' as const, value: 'ana@acme.fr' };
      const bob = { kind: 'email' as const, value: 'bob@acme.fr' };
      await store.addObjection([ana], 'email', new Date('2026-11-23T09:15:00Z'), 'slack:U0A');
      await store.addObjection([bob], 'all', new Date('2026-11-23T09:45:00Z'), 'slack:U0A');
      await store.addObjection([bob], 'email', new Date('2026-11-01T09:45:00Z'), 'slack:U0A');
      const { contact } = await store.saveContact({ email: 'cleo@acme.fr' }, since);
      await store.recordConsent(
        contact,
        {
          channel: 'email',
          purpose: 'newsletter',
          action: 'withdraw',
          at: new Date('2026-11-23T09:20:00Z'),
          proof: { method: 'form' },
        },
        since,
      );
      expect(await store.objectionStats(since, until)).toEqual([
        { hour: '2026-11-23T09:00:00.000Z', count: 2 },
      ]);
      await store.addObjection([ana], 'email', new Date('2026-11-25T14:05:00Z'), 'cli:dpo');
      expect(await store.objectionStats(since, until)).toEqual([
        { hour: '2026-11-23T09:00:00.000Z', count: 1 },
        { hour: '2026-11-25T14:00:00.000Z', count: 1 },
      ]);
      expect(await store.objectionsSince(since)).toBe(2);
    }),
  );
}
