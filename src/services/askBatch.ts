import { InputError } from '../domain/errors.ts';
import type { Verdict } from '../domain/verdict.ts';
import type { Actor } from '../policy/access.ts';
import { type Answer, type AskInput, askMany } from './ask.ts';
import type { AppContext } from './context.ts';
import { audited } from './permissions.ts';

/** Fields every target of a batch shares: a problem with one of them is the batch's, not a target's. */
const SHARED_FIELDS = new Set(['channel', 'product', 'purpose', 'at']);

export type BatchCounts = Record<Verdict | 'invalid', number>;

/**
 * One question asked about many people at once (an API batch): each answer, or what was wrong with its target;
 * how many of each verdict; one audit entry for the batch, with those counts. A problem with a shared field
 * (an unknown product, a bad date) refuses the whole batch.
 */
export async function askBatch(
  ctx: AppContext,
  actor: Actor,
  question: Omit<AskInput, 'target' | 'askedBy'>,
  targets: string[],
): Promise<{ answers: Array<Answer | InputError>; counts: BatchCounts }> {
  const answers = await askMany(
    ctx,
    targets.map((target) => ({ ...question, target, askedBy: actor.id })),
  );
  const counts: BatchCounts = { allow: 0, review: 0, block: 0, invalid: 0 };
  for (const answer of answers) {
    if (!(answer instanceof InputError)) counts[answer.decision.verdict]++;
    else if (SHARED_FIELDS.has(String(answer.params.field))) throw answer;
    else counts.invalid++;
  }
  const tally = `${counts.allow} allow, ${counts.review} review, ${counts.block} block, ${counts.invalid} invalid`;
  await audited(
    ctx,
    actor,
    'api.decisions.batch',
    undefined,
    `${targets.length} targets on ${question.channel}: ${tally}`,
  );
  return { answers, counts };
}
