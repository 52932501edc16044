import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Policy } from '../src/policy/load.ts';
import { importContacts } from '../src/services/importCsv.ts';
import { FileStore } from '../src/store/fileStore.ts';

export interface ImportFigures {
  rows: number;
  ms: number;
  fileMiB: number;
  longestStallMs: number;
  peakRssMiB: number;
}

/** A CSV as a CRM export gives it: `;`, a header row, first and last names apart. */
function csv(rows: number): string {
  const lines = ['Prénom;Nom;Email;Société;Fonction;Propriétaire'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `Person;${i};person${i}@company${i % 997}.fr;Company ${i % 997};${['finance', 'hr', 'sales', 'it'][i % 4]};U0SELLER${i % 20}`,
    );
  return `${lines.join('\n')}\n`;
}

/** `prospect-guard import` of `rows` contacts into an empty store: wall time, longest stall, peak memory. */
export async function benchImport(
  rows: number,
  policy: Policy,
  env: Record<string, string>,
  now: Date,
): Promise<ImportFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-import-'));
  try {
    const file = join(dir, 'contacts.csv');
    writeFileSync(file, csv(rows));
    const store = await FileStore.open(join(dir, 'db.json'), { env });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const start = performance.now();
    const report = await importContacts({ store, policy, clock: () => now }, { path: file }, file, {
      by: 'cli:bench',
    });
    const ms = performance.now() - start;
    loop.disable();
    clearInterval(sampler);
    await store.close();
    if (report.errors.length > 0 || report.created !== rows)
      throw new Error('bench import: rows were refused');
    return {
      rows,
      ms,
      fileMiB: statSync(file).size / 2 ** 20,
      longestStallMs: loop.max / 1e6,
      peakRssMiB: peak / 2 ** 20,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
