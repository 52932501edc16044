import type { Contact } from '../domain/contacts.ts';
import type { Actor } from '../policy/access.ts';
import { holdsRole } from '../policy/access.ts';
import type { DeadlineKind } from '../retention/deadlines.ts';
import type { AppContext } from './context.ts';
import { type DeadlineCounts, deadlineIndex, type WeekCounts } from './deadlineIndex.ts';
import { audited, requireRole } from './permissions.ts';

/** How far ahead the console's chart looks, and how many of the coming deadlines it lists by name. */
export const CHART_WEEKS = 12;
const LISTED = 100;
const DUE_DAYS = 30;

export interface ComingDeadline {
  contact: Contact;
  kind: DeadlineKind;
  at: Date;
}

export interface DeadlinesView {
  now: Date;
  /** What falls due in each week from now, by kind (week 0 starts now). */
  weeks: WeekCounts[];
  counts: DeadlineCounts;
  /** The soonest deadlines within 30 days, by name; `dueTotal` says how many there are in all. */
  due: ComingDeadline[];
  dueTotal: number;
  /** Whether this reader may purge (the purge page is offered). */
  mayPurge: boolean;
}

/**
 * The register's deadlines for the console, from the deadline index (numbers kept between requests, so a million
 * contacts cost a count, not a scan): the roles that see contacts only, since it names people; audited.
 */
export async function deadlinesView(ctx: AppContext, actor: Actor): Promise<DeadlinesView> {
  await requireRole(ctx, actor, 'see_contacts', 'retention.view');
  const now = ctx.clock();
  const {
    counts,
    weeks,
    due: soonest,
  } = await deadlineIndex(ctx.store, ctx.policy).overview(now, {
    weeks: CHART_WEEKS,
    days: DUE_DAYS,
    limit: LISTED,
  });
  const due: ComingDeadline[] = [];
  for (const d of soonest) {
    const contact = await ctx.store.contactById(d.id);
    if (contact) due.push({ contact, kind: d.kind, at: d.at });
  }
  await audited(ctx, actor, 'retention.view');
  return { now, weeks, counts, due, dueTotal: counts.dueWithin, mayPurge: await holdsRole(actor, 'purge') };
}
