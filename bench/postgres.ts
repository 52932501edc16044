import { cpus } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { startPostgres } from '../demo/postgres.ts';
import type { Policy } from '../src/policy/load.ts';
import { optOut } from '../src/services/record.ts';
import { PgStore } from '../src/store/pg/pgStore.ts';
import { benchCampaign } from './campaign.ts';
import { contacts } from './contacts.ts';
import { benchLoad } from './load.ts';
import { copyContacts } from './pgSeed.ts';
import { benchReplicas } from './replicas.ts';
import { benchRetention } from './retention.ts';
import { type Figure, ms, percentile, seconds } from './table.ts';

/**
 * The PostgreSQL register (`npm run bench -- --postgres [--contacts N]`): a durable server from npm on this
 * machine, seeded with `size` contacts by COPY, then the figures of issue 15: answers, opt-outs, a campaign check
 * of up to 1M rows, a retention run over the whole register, and one replica against two.
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
    await copyContacts(url.toString(), size, now);
    const seedMs = performance.now() - seedStart;
    // The write path at that size: 10,000 more contacts through the store, as an import writes them.
    const saveStart = performance.now();
    await store.saveContacts(contacts(10_000, size), now);
    const saveMs = performance.now() - saveStart;
    const ctx = { store, policy, clock: () => now };
    const email = (i: number) => `person${i % size}@company${(i % size) % 997}.fr`;
    const load = await benchLoad(ctx, email, 50);
    const optTimes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const start = performance.now();
      await optOut(ctx, { email: email(i * 13), origin: 'bench' });
      optTimes.push(performance.now() - start);
    }
    const campaign = await benchCampaign(ctx, email, Math.min(size, 1_000_000));
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const retention = await benchRetention({ ...ctx, clock: () => new Date('2029-01-10T09:00:00+01:00') });
    loop.disable();
    await store.close();
    const replicas = await benchReplicas(url.toString(), env, email);
    const ratio = replicas[2].requestsPerSecond / replicas[1].requestsPerSecond;
    return [
      {
        figure: `seeding ${size.toLocaleString('en')} contacts with COPY`,
        goal: '',
        measured: seconds(seedMs),
      },
      {
        figure: '10,000 more contacts through saveContacts (the import path)',
        goal: '',
        measured: seconds(saveMs),
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
        goal: campaign.rows >= 1_000_000 ? '≤ 30 s' : '',
        measured: `${seconds(campaign.totalMs)}; meanwhile p99 ${ms(campaign.meanwhile.p99)}`,
        met: campaign.rows >= 1_000_000 ? campaign.totalMs <= 30_000 : undefined,
      },
      {
        figure: `retention run over ${size.toLocaleString('en')} contacts on PostgreSQL (scan, digest, DMs), longest stall`,
        goal: '≤ 60 s without stalling answers',
        measured: `${seconds(retention.ms)}, stall ${ms(Math.max(retention.longestStallMs, loop.max / 1e6))}`,
        met: retention.ms <= 60_000,
      },
      {
        figure: `\`/can-i-email\`, 50 concurrent through the proxy: two replicas against one (${cpus().length} cores shared by all)`,
        goal: '≥ 1.8×',
        measured: `${Math.round(replicas[1].requestsPerSecond)} → ${Math.round(replicas[2].requestsPerSecond)} req/s (${ratio.toFixed(2)}×; p99 ${ms(replicas[1].p99)} → ${ms(replicas[2].p99)})`,
        met: ratio >= 1.8,
      },
    ];
  } finally {
    await server.stop();
  }
}
