/**
 * Benchmarks of the decision core, printed as figures (`npm run bench`). Measures, at 10,000 and 100,000 stored
 * contacts: engine decisions per second; can-i latency answered by a running process (store lookup, decision,
 * durable decision-log write); opt-out latency until durably written; the longest event-loop stall while writing
 * (including a background compaction of the whole store); the ack latency of /can-i-email through the real
 * Slack receiver with 50 concurrent requests (bench/slackAck.ts); a campaign check as large as the store, with
 * the bot answering meanwhile (bench/campaign.ts); the memory of a 1,000,000-row check (bench/campaignMemory.ts);
 * a CLI command's wall time (bench/cliWall.ts); peak memory.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import { decide } from '../src/policy/engine.ts';
import { loadPolicy } from '../src/policy/load.ts';
import { ask } from '../src/services/ask.ts';
import { deadlineCounts } from '../src/services/lookup.ts';
import { optOut } from '../src/services/record.ts';
import { FileStore } from '../src/store/fileStore.ts';
import type { ContactInput } from '../src/store/types.ts';
import { benchCampaign } from './campaign.ts';
import { benchCampaignMemory } from './campaignMemory.ts';
import { benchCliWall } from './cliWall.ts';
import { benchRetention } from './retention.ts';
import { benchSlackAck } from './slackAck.ts';

const policy = loadPolicy(join(import.meta.dirname, '..', 'policy.yaml'));
const env = { PROSPECT_GUARD_HASH_KEY: 'bench-key-bench-key-bench-key-bench-key' };
const now = new Date('2026-11-23T10:30:00+01:00');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

function contacts(n: number): ContactInput[] {
  return Array.from({ length: n }, (_, i) => ({
    email: `person${i}@company${i % 997}.fr`,
    name: `Person ${i}`,
    company: `Company ${i % 997}`,
    jobFunction: ['finance', 'hr', 'sales', 'it'][i % 4],
    // Collected over a year by 20 salespeople, so deadlines spread out as in a real register.
    owner: `U0SELLER${i % 20}`,
    provenance: {
      source: i % 3 === 0 ? 'purchase' : 'form',
      collection: i % 3 === 0 ? 'indirect' : 'direct',
      collectedAt: new Date(Date.UTC(2026, 0, 1, 9) + (i % 365) * 86_400_000).toISOString(),
      informedAt: '2026-01-15T09:00:00.000Z',
    },
  }));
}

async function run(size: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-'));
  const path = join(dir, 'db.json');
  let store = await FileStore.open(path, { env });
  const seedStart = performance.now();
  const all = contacts(size);
  for (let i = 0; i < size; i += 10_000) await store.saveContacts(all.slice(i, i + 10_000), now);
  await store.compact();
  await store.close();
  const seedMs = performance.now() - seedStart;
  const openStart = performance.now();
  store = await FileStore.open(path, { env, compactAfterEntries: 500 });
  const openMs = performance.now() - openStart;
  const ctx = { store, policy, clock: () => now };

  // Engine alone.
  const subjects = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      store.subjectFacts({
        kind: 'email',
        value: `person${(i * 97) % size}@company${((i * 97) % size) % 997}.fr`,
      }),
    ),
  );
  const rounds = 50_000;
  const engineStart = performance.now();
  for (let i = 0; i < rounds; i++) {
    decide(
      { channel: 'email', purpose: 'prospecting', product: 'accounting-software' },
      subjects[i % subjects.length] as (typeof subjects)[number],
      policy,
      now,
    );
  }
  const perSecond = rounds / ((performance.now() - engineStart) / 1000);

  const askLoop = monitorEventLoopDelay({ resolution: 1 });
  askLoop.enable();
  // can-i answered by this running process, including the durable decision-log write.
  const askTimes: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const start = performance.now();
    await ask(ctx, {
      channel: 'email',
      target: `person${(i * 31) % size}@company${((i * 31) % size) % 997}.fr`,
      product: 'accounting-software',
      askedBy: 'bench',
    });
    askTimes.push(performance.now() - start);
  }
  askLoop.disable();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  // Opt-outs until durably written (fsync of the journal); compaction runs in the background every 500 entries.
  const optTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    const start = performance.now();
    await optOut(ctx, {
      email: `person${(i * 13) % size}@company${((i * 13) % size) % 997}.fr`,
      origin: 'bench',
    });
    optTimes.push(performance.now() - start);
  }
  await store.compact();
  loop.disable();

  const email = (i: number) => `person${i % size}@company${(i % size) % 997}.fr`;
  const ack = await benchSlackAck(ctx, email);
  const single = await benchSlackAck(ctx, email, 1000, 1);
  const campaign = await benchCampaign(ctx, email, size);
  // The largest list the policy accepts (campaign.max_rows), with the bot answering meanwhile.
  const million = size === 100_000 ? await benchCampaign(ctx, email, 1_000_000) : undefined;
  const retention = await benchRetention({ ...ctx, clock: () => new Date('2029-01-10T09:00:00+01:00') });

  // App Home's compliance counts: a retention deadline for every contact, in chunks between other requests.
  const homeLoop = monitorEventLoopDelay({ resolution: 1 });
  homeLoop.enable();
  const homeStart = performance.now();
  await deadlineCounts(ctx, 30);
  const homeMs = performance.now() - homeStart;
  homeLoop.disable();
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\n## ${size.toLocaleString('en')} stored contacts`);
  console.log(`seed ${ms(seedMs)}, open (load + index) ${ms(openMs)}`);
  console.log(
    `engine: ${Math.round(perSecond).toLocaleString('en')} decisions/s (${((1000 / perSecond) * 1000).toFixed(1)} µs each)`,
  );
  console.log(
    `can-i in a running process: p50 ${ms(percentile(askTimes, 50))}, p99 ${ms(percentile(askTimes, 99))}`,
  );
  console.log(
    `opt-out durably written: p50 ${ms(percentile(optTimes, 50))}, p99 ${ms(percentile(optTimes, 99))}`,
  );
  console.log(`longest event-loop stall during opt-outs and compactions: ${ms(loop.max / 1e6)}`);
  console.log(
    `longest event-loop stall during the can-i run (decision-log writes, GC included): ${ms(askLoop.max / 1e6)}`,
  );
  console.log(
    `/can-i-email ack through the real Bolt receiver, ${ack.concurrency} concurrent, ${ack.requests} requests: p50 ${ms(ack.p50)}, p99 ${ms(ack.p99)}, max ${ms(ack.max)} (${Math.round(ack.perSecond)} requests/s; Slack's limit is 3000 ms)`,
  );
  console.log(
    `campaign check of ${campaign.recipients.toLocaleString('en')} distinct recipients (${size.toLocaleString('en')} rows, French Excel CSV): ${ms(campaign.totalMs)} (in a worker thread: reading, decisions and files ${ms(campaign.checkMs)}; report ${ms(campaign.reportMs)}); meanwhile ${campaign.meanwhile.count} /can-i-email answered, p50 ${ms(campaign.meanwhile.p50)}, p99 ${ms(campaign.meanwhile.p99)}, max ${ms(campaign.meanwhile.max)}`,
  );
  if (million)
    console.log(
      `campaign check of 1,000,000 rows (${million.recipients.toLocaleString('en')} distinct recipients): ${ms(million.totalMs)}; meanwhile ${million.meanwhile.count} /can-i-email answered, p50 ${ms(million.meanwhile.p50)}, p99 ${ms(million.meanwhile.p99)} (goal ≤ 50 ms), max ${ms(million.meanwhile.max)}`,
    );
  console.log(
    `retention run (scan of every contact, digest, one DM per owner): ${ms(retention.ms)}, ${retention.messages} messages, longest event-loop stall ${ms(retention.longestStallMs)}`,
  );
  console.log(
    `App Home compliance counts (deadlines of every contact): ${ms(homeMs)}, longest event-loop stall ${ms(homeLoop.max / 1e6)}`,
  );
  console.log(
    `/can-i-email ack, one request at a time: p50 ${ms(single.p50)}, p99 ${ms(single.p99)}, max ${ms(single.max)}`,
  );
}

benchCliWall();
for (const size of [10_000, 100_000]) await run(size);
// Memory of the largest check, measured alone (bench/campaignMemory.ts).
const memory = await benchCampaignMemory();
console.log(
  `\ncampaign check of ${memory.rows.toLocaleString('en')} rows (${memory.fileMiB.toFixed(0)} MiB file) for its memory: ${(memory.ms / 1000).toFixed(1)} s; resident memory at rest ${memory.restingMiB.toFixed(0)} MiB, peak ${memory.peakMiB.toFixed(0)} MiB, ${(memory.peakMiB - memory.restingMiB).toFixed(0)} MiB over rest (goal ≤ 200 MB)`,
);
console.log(`\npeak memory (max RSS): ${(resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
