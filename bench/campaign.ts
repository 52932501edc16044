import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LogLevel } from '@slack/bolt';
import { runCampaignCheck } from '../src/services/campaign.ts';
import type { AppContext } from '../src/services/context.ts';
import { reportBlocks } from '../src/slack/blocks/campaign.ts';
import { startEmulatedApp } from '../src/slack/emulator/harness.ts';

export interface CampaignFigures {
  rows: number;
  recipients: number;
  checkMs: number;
  reportMs: number;
  totalMs: number;
  /** /can-i-email answered while the check ran. */
  meanwhile: { count: number; p50: number; p99: number; max: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * A 100,000-row campaign as French Excel writes it (`;`, Windows-1252, extra columns), checked against the
 * store, while a salesperson keeps asking /can-i-email through the real receiver one question at a time.
 */
export async function benchCampaign(
  ctx: AppContext,
  emailOf: (i: number) => string,
  rows = 100_000,
): Promise<CampaignFigures> {
  const lines = ['Nom;Société;E-mail;Commentaire'];
  for (let i = 0; i < rows; i++) {
    // Every tenth recipient is not in the store (a bought list), a few are duplicates.
    const email = i % 10 === 9 ? `new${i}@gmail.com` : emailOf(i % 97 === 0 ? i - 1 : i);
    lines.push(`Personne ${i};Société ${i % 50};${email};"reçu au salon; à rappeler"`);
  }
  const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
  const template =
    'Objet : Votre comptabilité simplifiée\nExemple SAS vous présente…\nSe désinscrire : {{unsubscribe}}';

  const out = mkdtempSync(join(tmpdir(), 'pg-bench-files-'));
  const emulated = await startEmulatedApp(ctx, { logLevel: LogLevel.ERROR });
  const times: number[] = [];
  let running = true;
  const asker = (async () => {
    let i = 0;
    while (running) {
      const start = performance.now();
      await emulated.user.command(`/can-i-email ${emailOf(i++ * 7919)} accounting-software`);
      times.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    const t1 = performance.now();
    // The whole check as the app runs it: in its turn, in a worker thread, reading the list again there and
    // writing the details and cleaned files.
    const check = await runCampaignCheck(
      ctx,
      { name: 'Bench', channel: 'email', product: 'accounting-software', template, checkedBy: 'bench' },
      { kind: 'file', bytes, fileName: 'campaign.csv' },
      {
        outputs: {
          details: { path: join(out, 'details.csv'), format: 'csv' },
          cleaned: { path: join(out, 'cleaned.csv'), format: 'csv' },
        },
      },
    );
    const t2 = performance.now();
    reportBlocks(check.campaign, ctx.policy, 'fr');
    const t3 = performance.now();
    running = false;
    await asker;
    times.sort((a, b) => a - b);
    return {
      rows,
      recipients: check.campaign.counts.recipients,
      checkMs: t2 - t1,
      reportMs: t3 - t2,
      totalMs: t3 - t1,
      meanwhile: {
        count: times.length,
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        max: times.at(-1) ?? 0,
      },
    };
  } finally {
    running = false;
    await asker;
    await emulated.stop();
    rmSync(out, { recursive: true, force: true });
  }
}
