import type { Worker } from 'node:worker_threads';
import type { Campaign } from '../domain/campaign.ts';
import { InputError } from '../domain/errors.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { type CheckJob, runCheckJob } from './checkJob.ts';
import type { FromWorker, ToWorker } from './checkWorker.ts';
import { HEAP_MB, release, takeWorker } from './checkWorkerPool.ts';
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
 * One check in a worker. `healthy` says whether the worker is idle again and may take the next check: it answered
 * the job itself (done, or a problem it caught); a store that failed mid-check or a worker that stopped is not.
 */
function inWorker(
  ctx: AppContext,
  worker: Worker,
  job: CheckJob,
  onProgress?: (done: number, total: number) => void,
): Promise<{ campaign?: Campaign; error?: unknown; healthy: boolean }> {
  return new Promise((settle) => {
    const send = (message: ToWorker) => worker.postMessage(message);
    const done = (outcome: { campaign?: Campaign; error?: unknown; healthy: boolean }) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      settle(outcome);
    };
    // The worker takes answers in the order it asked: a store that answers out of order (PostgreSQL) must not
    // give one slice's facts to another.
    let answered = Promise.resolve();
    const onMessage = (message: FromWorker) => {
      if (message.type === 'facts') {
        const facts = subjectsOf(ctx, message.targets);
        answered = answered.then(() =>
          facts.then(
            (subjects) => send({ type: 'facts', subjects }),
            (error) => done({ error, healthy: false }),
          ),
        );
      } else if (message.type === 'progress') onProgress?.(message.done, message.total);
      else if (message.type === 'done') done({ campaign: message.campaign, healthy: true });
      else if (message.type === 'input-error')
        done({ error: new InputError(message.problem, message.params), healthy: true });
      else done({ error: new Error(message.message), healthy: true });
    };
    const onError = (error: Error & { code?: string }) =>
      done({
        error:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new InputError('campaign_too_large', { limit: HEAP_MB })
            : error,
        healthy: false,
      });
    const onExit = (code: number) =>
      done({ error: new Error(`campaign check worker stopped (exit ${code})`), healthy: false });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
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
    const worker = takeWorker();
    if (!worker) return runCheckJob(job, ctx.policy, (targets) => subjectsOf(ctx, targets), onProgress);
    const outcome = await inWorker(ctx, worker, job, onProgress);
    await release(worker, outcome.healthy);
    if (outcome.campaign) return outcome.campaign;
    throw outcome.error;
  }, onQueued);
}
