import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The memory a check may take. A check holds only fingerprints and line numbers (about 40 MB for a million
 * rows); the cap makes the worker collect its garbage early instead of growing the app's memory by gigabytes,
 * and a list beyond it stops that check alone, with a message, never the app.
 */
export const HEAP_MB = 256;
const LIMITS = { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 32 } };

/** How long a worker is kept after a check, for the next one: starting one costs a few hundred milliseconds. */
const IDLE_MS = 60_000;

/** The worker's script: compiled beside this file in dist/, or the TypeScript source run through tsx. */
function startWorker(): Worker | undefined {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // tsx's ESM entry (its "import" export), found from the CommonJS one next to it.
    const cjs = createRequire(here).resolve('tsx/esm/api');
    const tsx = pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href;
    const script = new URL('./checkWorker.ts', here).href;
    const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(script)});`;
    return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), LIMITS);
  }
  const compiled = new URL('./checkWorker.js', here);
  return existsSync(fileURLToPath(compiled)) ? new Worker(compiled, LIMITS) : undefined;
}

let warm: { worker: Worker; idle?: NodeJS.Timeout } | undefined;

/**
 * A worker for one check (checks run one at a time: checkQueue.ts): the one kept from the last check, else a new
 * one; undefined if none can start. Give it back with `release`.
 */
export function takeWorker(): Worker | undefined {
  if (warm) {
    clearTimeout(warm.idle);
    warm.worker.ref();
    return warm.worker;
  }
  const worker = startWorker();
  if (!worker) return undefined;
  const kept = { worker };
  warm = kept;
  // A worker that stopped (out of memory, an error) is never handed out again.
  worker.once('exit', () => {
    if (warm === kept) warm = undefined;
  });
  return worker;
}

/**
 * After a check: a worker that answered is kept a minute for the next one, without holding the process open;
 * one that failed (out of memory, crashed) is ended.
 */
export async function release(worker: Worker, healthy: boolean): Promise<void> {
  if (!healthy || warm?.worker !== worker) {
    if (warm?.worker === worker) warm = undefined;
    await worker.terminate();
    return;
  }
  worker.unref();
  warm.idle = setTimeout(() => {
    if (warm?.worker === worker) warm = undefined;
    void worker.terminate();
  }, IDLE_MS);
  warm.idle.unref();
}
