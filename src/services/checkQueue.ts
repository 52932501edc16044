import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Campaign } from '../domain/campaign.ts';
import { InputError } from '../domain/errors.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { type CheckJob, runCheckJob } from './checkJob.ts';
import type { FromWorker, ToWorker } from './checkWorker.ts';
import type { AppContext } from './context.ts';

/**
 * Campaign checks run one at a time, each in a worker thread: a million-row list is read and decided there,
 * so /can-i and buttons keep their answers in milliseconds, and two large lists never fight for memory. Who
 * waits is told their place ("position N"); past MAX_WAITING the check is refused at once.
 */
const MAX_WAITING = 10;

const waiting: { start: () => void; position: (n: number) => void }[] = [];
let busy = false;

/** Runs `work` when the checks before it are done; `onQueued` hears the place in the queue while it waits. */
async function inTurn<T>(work: () => Promise<T>, onQueued?: (position: number) => void): Promise<T> {
  if (busy) {
    if (waiting.length >= MAX_WAITING) throw new InputError('campaign_queue_full', { limit: MAX_WAITING });
    await new Promise<void>((start) => {
      waiting.push({ start, position: (n) => onQueued?.(n) });
      onQueued?.(waiting.length);
    });
  }
  busy = true;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    busy = next !== undefined;
    waiting.forEach((w, i) => {
      w.position(i + 1);
    });
    next?.start();
  }
}

/** The facts of a slice of recipients, from the store, in the app's thread. */
export async function subjectsOf(ctx: AppContext, targets: Identifier[]) {
  // A store over the network reads a whole slice at once.
  if (ctx.store.subjectFactsMany) return ctx.store.subjectFactsMany(targets);
  const subjects = [];
  for (const target of targets) subjects.push(await ctx.store.subjectFacts(target));
  return subjects;
}

/**
 * The memory a check may take. A check holds only fingerprints and line numbers (about 40 MB for a million
 * rows); the cap makes the worker collect its garbage early instead of growing the app's memory by gigabytes,
 * and a list beyond it stops that check alone, with a message, never the app.
 */
const HEAP_MB = 256;
const LIMITS = { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 32 } };

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

function inWorker(
  ctx: AppContext,
  worker: Worker,
  job: CheckJob,
  onProgress?: (done: number, total: number) => void,
): Promise<Campaign> {
  return new Promise<Campaign>((resolve, reject) => {
    const send = (message: ToWorker) => worker.postMessage(message);
    // The worker takes answers in the order it asked: a store that answers out of order (PostgreSQL) must not
    // give one slice's facts to another.
    let answered = Promise.resolve();
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'facts') {
        const facts = subjectsOf(ctx, message.targets);
        answered = answered.then(() =>
          facts.then(
            (subjects) => send({ type: 'facts', subjects }),
            (error) => reject(error),
          ),
        );
      } else if (message.type === 'progress') onProgress?.(message.done, message.total);
      else if (message.type === 'done') resolve(message.campaign);
      else if (message.type === 'input-error') reject(new InputError(message.problem, message.params));
      else reject(new Error(message.message));
    });
    worker.on('error', (error: Error & { code?: string }) =>
      reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new InputError('campaign_too_large', { limit: HEAP_MB })
          : error,
      ),
    );
    worker.on('exit', (code) => reject(new Error(`campaign check worker stopped (exit ${code})`)));
    const { doc, file, revision } = ctx.policy;
    send({ type: 'job', job, policy: { doc, file, revision } });
  });
}

/** Runs a check in its turn, in a worker thread (in this thread if none can start). */
export function runQueued(
  ctx: AppContext,
  job: CheckJob,
  onProgress?: (done: number, total: number) => void,
  onQueued?: (position: number) => void,
): Promise<Campaign> {
  return inTurn(async () => {
    const worker = startWorker();
    if (!worker) return runCheckJob(job, ctx.policy, (targets) => subjectsOf(ctx, targets), onProgress);
    try {
      return await inWorker(ctx, worker, job, onProgress);
    } finally {
      await worker.terminate();
    }
  }, onQueued);
}
