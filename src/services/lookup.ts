import { type Contact, type Interaction, PROSPECT_INITIATED, type SubjectFacts } from '../domain/contacts.ts';
import { type Identifier, parseTarget } from '../domain/identifiers.ts';
import { retentionDeadline } from '../domain/retention.ts';
import type { Policy } from '../policy/load.ts';
import type { ContactRecord } from '../store/types.ts';
import type { AppContext } from './context.ts';

export interface ContactSheet extends SubjectFacts {
  lastInitiated?: Interaction;
  /** Undefined while a customer relationship goes on. */
  retentionDeadline?: Date;
}

const INITIATED: ReadonlySet<string> = new Set(PROSPECT_INITIATED);

export function deadlineOf(contact: Contact, interactions: Interaction[], policy: Policy, now: Date) {
  const params = policy.doc.params;
  return retentionDeadline(
    contact,
    interactions,
    { prospect: params.retention_prospect, customer: params.retention_customer },
    policy.timeZone,
    now,
  );
}

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
    retentionDeadline: deadlineOf(facts.contact, facts.interactions, ctx.policy, now),
  };
}

export interface DeadlineCounts {
  overdue: number;
  dueWithin: number;
}

const CHUNK = 500;

/** How many contacts are past their retention deadline, and how many reach it within `days`. */
export async function deadlineCounts(ctx: AppContext, days: number): Promise<DeadlineCounts> {
  const now = ctx.clock();
  const horizon = now.getTime() + days * 86_400_000;
  const counts = { overdue: 0, dueWithin: 0 };
  const records: ContactRecord[] = await ctx.store.contactRecords();
  for (const [i, { contact, interactions }] of records.entries()) {
    // About 30 µs a contact (calendar arithmetic in the policy zone): let other requests in between chunks.
    if (i % CHUNK === CHUNK - 1) await new Promise((resolve) => setImmediate(resolve));
    const deadline = deadlineOf(contact, interactions, ctx.policy, now)?.getTime();
    if (deadline === undefined) continue;
    if (deadline <= now.getTime()) counts.overdue++;
    else if (deadline <= horizon) counts.dueWithin++;
  }
  return counts;
}
