import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { oneRegister } from '../src/api/app.ts';
import { startApi } from '../src/api/server.ts';
import type { Policy } from '../src/policy/load.ts';
import { createApiKey } from '../src/services/apiKeys.ts';
import { FileStore } from '../src/store/fileStore.ts';
import { contacts } from './contacts.ts';
import { type LoadFigures, runLoad } from './load.ts';

export interface ApiFigures {
  single: Omit<LoadFigures, 'longestStallMs'>;
  oneAtATime: Omit<LoadFigures, 'longestStallMs'>;
  batchTargetsPerSecond: number;
  batchMs: number[];
}

/**
 * The HTTP API (issue 16) over a file register of `size` contacts: POST /api/v1/decisions under load from another
 * process (autocannon: 50 at a time, then one at a time), and POST /api/v1/decisions/batch of 10,000 targets,
 * five times, each answer fully read.
 */
export async function benchApi(
  size: number,
  policy: Policy,
  env: Record<string, string>,
  now: Date,
): Promise<ApiFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-api-'));
  const store = await FileStore.open(join(dir, 'db.json'), { env });
  try {
    for (let i = 0; i < size; i += 10_000)
      await store.saveContacts(contacts(Math.min(10_000, size - i), i), now);
    const ctx = { store, policy, clock: () => now };
    const { token } = await createApiKey(ctx, { name: 'bench', scopes: 'decide', by: 'bench' });
    const api = await startApi(oneRegister(ctx), { port: 0, host: '127.0.0.1', rateLimit: 100_000_000 });
    try {
      const email = (i: number) => `person${i % size}@company${(i % size) % 997}.fr`;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const requests = Array.from({ length: 1000 }, (_, i) => ({
        method: 'POST',
        body: JSON.stringify({ channel: 'email', target: email(i * 7919), product: 'accounting-software' }),
        headers,
      }));
      const url = `${api.url}/decisions`;
      const single = await runLoad(url, requests, 50, 10, undefined);
      const oneAtATime = await runLoad(url, requests, 1, 5, undefined);
      const batchMs: number[] = [];
      for (let round = 0; round < 5; round++) {
        const targets = Array.from({ length: 10_000 }, (_, i) => email(round * 10_000 + i));
        const start = performance.now();
        const response = await fetch(`${api.url}/decisions/batch`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ channel: 'email', targets }),
        });
        await response.json();
        batchMs.push(performance.now() - start);
      }
      const median = [...batchMs].sort((a, b) => a - b)[2] ?? 0;
      return { single, oneAtATime, batchMs, batchTargetsPerSecond: 10_000 / (median / 1000) };
    } finally {
      await api.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
