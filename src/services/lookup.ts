import { type Interaction, PROSPECT_INITIATED, type SubjectFacts } from '../domain/contacts.ts';
import { type Identifier, parseTarget } from '../domain/identifiers.ts';
import { dataDeadline, scanRetention } from '../retention/deadlines.ts';
import type { AppContext } from './context.ts';

export interface ContactSheet extends SubjectFacts {
  lastInitiated?: Interaction;
  /** Undefined while a customer relationship goes on. */
  retentionDeadline?: Date;
}

const INITIATED: ReadonlySet<string> = new Set(PROSPECT_INITIATED);

/** Everything the store holds on one person, with the derived dates a reader needs (/prospect). */
export async function contactSheet(ctx: AppContext, input: string | Identifier): Promise<ContactSheet> {
  const target = typeof input === 'string' ? parseTarget(input) : input;
  const now = ctx.clock();
  const facts = await ctx.store.subjectFacts(target);
  if (!facts.contact) return facts;
  const lastInitiated = facts.interactions
    .filter((i) => INITIATED.has(i.type) && new Date(i.at) <= now)
    .reduce<Interaction | undefined>((latest, i) => (!latest || i.at > latest.at ? i : latest), undefined);
  return {
    ...facts,
    lastInitiated,
    retentionDeadline: dataDeadline(facts.contact, facts.interactions, ctx.policy, now),
  };
}

export interface DeadlineCounts {
  overdue: number;
  dueWithin: number;
}

/** How many deadlines (data, phone consents, proofs) have passed, and how many come within `days`. */
export async function deadlineCounts(ctx: AppContext, days: number): Promise<DeadlineCounts> {
  const scan = await scanRetention(await ctx.store.contactRecords(), ctx.policy, ctx.clock(), days);
  return { overdue: scan.overdue.length, dueWithin: scan.due.length };
}
