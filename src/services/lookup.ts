import { type Contact, type Interaction, PROSPECT_INITIATED, type SubjectFacts } from '../domain/contacts.ts';
import { type Identifier, parseTarget } from '../domain/identifiers.ts';
import type { Actor } from '../policy/access.ts';
import { dataDeadline } from '../retention/deadlines.ts';
import type { AppContext } from './context.ts';
import { type DeadlineCounts, deadlineIndex } from './deadlineIndex.ts';
import { audited, requireRole } from './permissions.ts';

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

/** /prospect, a contact page: the sheet, for the roles that see contacts only; every look is audited. */
export async function viewContact(ctx: AppContext, actor: Actor, target: Identifier): Promise<ContactSheet> {
  await requireRole(ctx, actor, 'see_contacts', 'contact.view', target);
  const sheet = await contactSheet(ctx, target);
  await audited(ctx, actor, 'contact.view', target);
  return sheet;
}

/** How many deadlines (data, phone consents, proofs) have passed, and how many come within `days`. */
export function deadlineCounts(ctx: AppContext, days: number): Promise<DeadlineCounts> {
  return deadlineIndex(ctx.store, ctx.policy).counts(ctx.clock(), days);
}

export interface ContactListing {
  contact: Contact;
  /** When the contact's data must be gone; undefined while a customer relationship lasts. */
  deadline?: Date;
  overdue: boolean;
}

/**
 * The register, one line per contact, the most urgent first (overdue, then the nearest deadline); only one
 * owner's contacts, or only the overdue ones, when asked.
 */
export async function listContacts(
  ctx: AppContext,
  filter: { owner?: string; overdue?: boolean } = {},
): Promise<ContactListing[]> {
  const now = ctx.clock();
  const owner = filter.owner?.trim();
  const rows: ContactListing[] = [];
  for (const record of await ctx.store.contactRecords()) {
    if (owner && record.contact.owner !== owner) continue;
    const deadline = dataDeadline(record.contact, record.interactions, ctx.policy, now);
    const overdue = deadline !== undefined && deadline <= now;
    if (filter.overdue && !overdue) continue;
    rows.push({ contact: record.contact, deadline, overdue });
  }
  const key = (row: ContactListing) => row.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
  return rows.sort((a, b) => key(a) - key(b) || a.contact.id.localeCompare(b.contact.id));
}
