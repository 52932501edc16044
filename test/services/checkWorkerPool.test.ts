import { afterEach, expect, it } from 'vitest';
import { release, takeWorker } from '../../src/services/checkWorkerPool.ts';

// Each check used to start its own worker thread (a few hundred milliseconds each); one is kept between checks.
afterEach(async () => {
  const left = takeWorker();
  if (left) await release(left, false);
});

it('hands the same worker to the next check once one answered, and a new one after a failure', async () => {
  const first = takeWorker();
  expect(first).toBeDefined();
  if (!first) return;
  await release(first, true);
  const again = takeWorker();
  expect(again).toBe(first);
  if (!again) return;
  // Out of memory, a store that failed mid-check: that worker is ended, never handed out again.
  await release(again, false);
  const fresh = takeWorker();
  expect(fresh).toBeDefined();
  expect(fresh).not.toBe(first);
  if (fresh) await release(fresh, true);
});

it('never hands out a worker that stopped while it waited', async () => {
  const kept = takeWorker();
  if (!kept) throw new Error('no worker');
  await release(kept, true);
  await kept.terminate();
  const next = takeWorker();
  expect(next).not.toBe(kept);
  if (next) await release(next, true);
});
