import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { startPostgres } from '../demo/postgres.ts';
import type { Policy } from '../src/policy/load.ts';
import { optOut } from '../src/services/record.ts';
import { PgStore } from '../src/store/pg/pgStore.ts';
import { benchCampaign } from './campaign.ts';
import { contacts } from './contacts.ts';
import { benchLoad } from './load.ts';
import { benchRetention } from './retention.ts';
import { type Figure, ms, percentile, seconds } from './table.ts';

/**
 * The PostgreSQL register (`npm run bench -- --postgres`): a durable server from npm on this machine, seeded with
 * `size` contacts through saveContacts, then the figures of issue 15 (at the size this machine allows).
 */
export async function benchPostgres(
  size: number,
  policy: Policy,
  env: Record<string, string>,
  now: Date,
): Promise<Figure[]> {
  const server = await startPostgres({ durable: true });
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/bench';
    const store = await PgStore.open(url.toString(), { env });
    const seedStart = performance.now();
    for (let i = 0; i < size; i += 10_000)
      await store.saveContacts(contacts(Math.min(10_000, size - i), i), now);
    const seedMs = performance.now() - seedStart;
    const ctx = { store, policy, clock: () => now };
    const email = (i: number) => `person${i % size}@company${(i % size) % 997}.fr`;
    const load = await benchLoad(ctx, email, 50);
    const optTimes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const start = performance.now();
      await optOut(ctx, { email: email(i * 13), origin: 'bench' });
      optTimes.push(performance.now() - start);
    }
    const campaign = await benchCampaign(ctx, email, Math.min(size, 100_000));
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const retention = await benchRetention({ ...ctx, clock: () => new Date('2029-01-10T09:00:00+01:00') });
    loop.disable();
    await store.close();
    return [
      {
        figure: `seeding ${size.toLocaleString('en')} contacts through saveContacts`,
        goal: '',
        measured: seconds(seedMs),
      },
      {
        figure: '`/can-i-email` on PostgreSQL, real receiver, 50 concurrent (autocannon)',
        goal: 'p99 ≤ 20 ms',
        measured: `${Math.round(load.requestsPerSecond)} req/s, p50 ${ms(load.p50)}, p99 ${ms(load.p99)}${load.failed ? `, ${load.failed} failed` : ''}`,
        met: load.p99 <= 20 && load.failed === 0,
      },
      {
        figure: 'durable opt-out on PostgreSQL (fsync on)',
        goal: 'p99 ≤ 20 ms',
        measured: `p50 ${ms(percentile(optTimes, 50))}, p99 ${ms(percentile(optTimes, 99))}`,
        met: percentile(optTimes, 99) <= 20,
      },
      {
        figure: `campaign check of ${campaign.rows.toLocaleString('en')} rows on PostgreSQL, bot answering`,
        goal: '',
        measured: `${seconds(campaign.totalMs)}; meanwhile p99 ${ms(campaign.meanwhile.p99)}`,
      },
      {
        figure: 'retention run on PostgreSQL (scan, digest, DMs), longest stall',
        goal: '',
        measured: `${seconds(retention.ms)}, stall ${ms(Math.max(retention.longestStallMs, loop.max / 1e6))}`,
      },
    ];
  } finally {
    await server.stop();
  }
}
