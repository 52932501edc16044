import { parentPort } from 'node:worker_threads';
import type { Campaign } from '../domain/campaign.ts';
import type { SubjectFacts } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { policyFromDoc } from '../policy/load.ts';
import type { PolicyDocument } from '../policy/schema.ts';
import { type CheckJob, runCheckJob } from './checkJob.ts';

/**
 * The worker thread of a campaign check: it reads the list, runs the engine and writes the files, so the app's
 * own thread keeps answering Slack. It asks the app for the facts of each slice of recipients (the store lives
 * there) and tells progress. Messages: see checkQueue.ts.
 */
export type ToWorker =
  | { type: 'job'; job: CheckJob; policy: { doc: PolicyDocument; file: string; revision: string } }
  | { type: 'facts'; subjects: SubjectFacts[] };

export type FromWorker =
  | { type: 'facts'; targets: Identifier[] }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; campaign: Campaign }
  | { type: 'input-error'; problem: InputError['problem']; params: InputError['params'] }
  | { type: 'failed'; message: string };

const port = parentPort;
if (port) {
  const send = (message: FromWorker) => port.postMessage(message);
  // One slice is asked for at a time (the next while the current is decided), answered in order.
  const answers: ((subjects: SubjectFacts[]) => void)[] = [];
  port.on('message', async (message: ToWorker) => {
    if (message.type === 'facts') return answers.shift()?.(message.subjects);
    const { job, policy } = message;
    try {
      const campaign = await runCheckJob(
        job,
        policyFromDoc(policy.doc, policy.file, policy.revision),
        (targets) =>
          new Promise<SubjectFacts[]>((resolve) => {
            answers.push(resolve);
            send({ type: 'facts', targets });
          }),
        (done, total) => send({ type: 'progress', done, total }),
      );
      send({ type: 'done', campaign });
    } catch (error) {
      send(
        error instanceof InputError
          ? { type: 'input-error', problem: error.problem, params: error.params }
          : { type: 'failed', message: (error as Error).message },
      );
    }
  });
}
