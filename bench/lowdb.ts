import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ContactInput } from '../src/store/types.ts';

/**
 * The same durable opt-out written the stock lowdb way, on the same contacts: `JSONFile` writes the whole
 * database for every change. Its median, to print the ratio to our journal in the same run.
 */
export async function stockLowdbWriteMs(dir: string, contacts: ContactInput[], writes = 5): Promise<number> {
  const path = join(dir, 'stock-lowdb.json');
  const db = new Low<{ contacts: ContactInput[]; objections: { email: string; at: string }[] }>(
    new JSONFile(path),
    { contacts, objections: [] },
  );
  await db.write();
  const times: number[] = [];
  for (let i = 0; i < writes; i++) {
    const start = performance.now();
    db.data.objections.push({ email: contacts[i]?.email ?? '', at: new Date().toISOString() });
    await db.write();
    times.push(performance.now() - start);
  }
  rmSync(path, { force: true });
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}
