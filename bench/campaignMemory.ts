/**
 * Memory of the largest campaign check the policy accepts (campaign.max_rows rows), measured apart from the
 * other benchmarks so that nothing else moves the figure: the resident memory at rest (store open, the file on
 * disk, as the CLI and a Slack download have it) and the highest resident memory sampled while the check
 * runs and writes its details and cleaned files. The goal (issue 12) is at most ~200 MB over rest.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPolicy } from '../src/policy/load.ts';
import { runCampaignCheck } from '../src/services/campaign.ts';
import { FileStore } from '../src/store/fileStore.ts';
import { ROOT } from './root.ts';

const MiB = 2 ** 20;

export async function benchCampaignMemory(rows = 1_000_000) {
  const policy = loadPolicy(join(ROOT, 'policy.yaml'));
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-mem-'));
  const out = dir;
  const store = await FileStore.open(join(dir, 'db.json'), {
    env: { PROSPECT_GUARD_HASH_KEY: 'bench-key-bench-key-bench-key-bench-key' },
  });
  const now = new Date('2026-11-23T10:30:00+01:00');
  const ctx = { store, policy, clock: () => now };
  const parts: string[] = ['Nom;Société;E-mail;Commentaire\r\n'];
  for (let i = 0; i < rows; i++) {
    parts.push(
      `Personne ${i};Société ${i % 50};person${i}@company${i % 997}.fr;"reçu au salon; à rappeler"\r\n`,
    );
  }
  // On disk, as the command line reads it and as the app saves a Slack download before checking it.
  const file = join(dir, 'campaign.csv');
  writeFileSync(file, Buffer.from(parts.join(''), 'latin1'));
  parts.length = 0;
  const size = statSync(file).size;
  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const resting = process.memoryUsage().rss;
  let peak = resting;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const start = performance.now();
  const { campaign } = await runCampaignCheck(
    ctx,
    {
      name: 'Bench',
      channel: 'email',
      product: 'accounting-software',
      template: 'Bonjour',
      checkedBy: 'bench',
    },
    { kind: 'file', path: file, fileName: 'campaign.csv' },
    {
      outputs: {
        details: { path: join(out, 'details.csv'), format: 'csv' },
        cleaned: { path: join(out, 'cleaned.csv'), format: 'csv' },
      },
    },
  );
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    rows,
    fileMiB: size / MiB,
    recipients: campaign.counts.recipients,
    ms,
    restingMiB: resting / MiB,
    peakMiB: peak / MiB,
  };
}
