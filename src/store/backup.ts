import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { continuityProblem } from './continuity.ts';
import { documentFiles } from './documents.ts';
import { StoreError } from './errors.ts';
import { Journal } from './journal.ts';
import { SnapshotFile } from './snapshot.ts';
import type { Op } from './state.ts';
import { StoreState } from './state.ts';

/**
 * A consistent copy of a store, taken while the app may be running (no lock needed): the snapshot and every
 * journal entry after it are folded into one snapshot that records its last change. A compaction running at the
 * same moment can make the two files disagree: the continuity check sees it and the copy is taken again.
 */
export async function backupStore(path: string, folder: string): Promise<{ file: string; seq: number }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const snapshot = await new SnapshotFile(path).read();
    const journal = await new Journal(`${path}.journal`).read();
    if (!snapshot && journal.entries.length === 0) throw new StoreError(`no store at ${path}`);
    const seqs = journal.entries.map((e) => e.seq);
    if (!snapshot || continuityProblem(snapshot.seq, seqs, { snapshot: path, journal: `${path}.journal` }))
      continue;
    const state = new StoreState(snapshot);
    for (const entry of journal.entries) {
      if (entry.seq <= snapshot.seq) continue;
      state.apply(entry as unknown as Op);
      state.data.seq = entry.seq;
    }
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const file = join(folder, 'prospect-guard.json');
    if (existsSync(file)) throw new StoreError(`${file} already exists: back up into an empty folder`);
    await new SnapshotFile(file).write(state.data);
    const key = `${path.replace(/\.json$/, '')}.key`;
    if (existsSync(key)) copyFileSync(key, join(folder, 'prospect-guard.key'));
    // The settings beside the register (API keys, webhooks and their deliveries) go with it, 700 and 600.
    for (const { collection, path: settings } of documentFiles(path)) {
      const copy = join(folder, `prospect-guard.${collection}`);
      cpSync(settings, copy, { recursive: true });
      chmodSync(copy, 0o700);
      for (const name of readdirSync(copy)) chmodSync(join(copy, name), 0o600);
    }
    return { file, seq: state.data.seq };
  }
  throw new StoreError(
    `the store ${path} kept changing its files during the backup (or lacks its snapshot): try again`,
  );
}
