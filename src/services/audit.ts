import type { Actor } from '../policy/access.ts';
import type { AuditEntry } from '../store/index.ts';
import { type ChainCheck, verifyChain } from '../store/index.ts';
import type { AppContext } from './context.ts';
import * as parse from './parse.ts';
import { audited, requireRole } from './permissions.ts';

export interface AuditFilter {
  actor?: string;
  action?: string;
  since?: string;
}

/**
 * The trail says who looked at whom and who was refused what: it is read by those who answer privacy requests
 * (the DPO), and each read is itself written to it, so a look at the trail cannot go unseen.
 */
const ROLE = 'privacy_requests';

/** What was asked of the trail, as the read's own entry says it (actor ids and an action prefix, no person). */
function filterSummary(filter: AuditFilter, extra?: string): string {
  const parts = [
    filter.actor && `actor ${filter.actor}`,
    filter.action && `action ${filter.action}`,
    filter.since && `since ${filter.since}`,
    extra,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'all';
}

async function filtered(ctx: AppContext, filter: AuditFilter): Promise<AuditEntry[]> {
  const since = parse.optionalInstant(filter.since, ctx.policy, 'since')?.toISOString();
  return (await ctx.store.auditTrail({ actor: filter.actor })).filter(
    (entry) =>
      (!filter.action || entry.action === filter.action || entry.action.startsWith(`${filter.action}.`)) &&
      (!since || entry.at >= since),
  );
}

/** The audit trail, oldest first, narrowed by actor, action (a prefix: `contact` finds contact.add, contact.edit) and date. */
export async function auditEntries(
  ctx: AppContext,
  actor: Actor,
  filter: AuditFilter = {},
  /** What the reader does with it, for the read's own entry (an export, a page). */
  purpose?: string,
): Promise<AuditEntry[]> {
  await requireRole(ctx, actor, ROLE, 'audit.read');
  // The filter is parsed before the read is audited: a bad date is a 400, not a read.
  const entries = await filtered(ctx, filter);
  await audited(ctx, actor, 'audit.read', undefined, filterSummary(filter, purpose));
  return entries;
}

/** Proves the trail is whole: no entry removed from the middle, none altered (store/auditChain.ts). */
export async function verifyAudit(ctx: AppContext, actor: Actor): Promise<ChainCheck> {
  await requireRole(ctx, actor, ROLE, 'audit.verify');
  const check = verifyChain(await ctx.store.auditTrail());
  // Written after the check: the verdict is about the trail as it was before this look.
  await audited(
    ctx,
    actor,
    'audit.verify',
    undefined,
    check.ok ? 'whole' : `broken at ${check.problem?.position}`,
  );
  return check;
}

export const AUDIT_PAGE_SIZE = 100;

export interface AuditPage {
  /** This page's entries, newest first. */
  entries: AuditEntry[];
  /** How many entries the filter finds in all, and whether there is a page after this one. */
  total: number;
  more: boolean;
  /** The chain of the whole trail (a filter narrows what is shown, never what is proven). */
  check: ChainCheck;
  /** When the chain breaks: the time of the entry where it does (what people can look for). */
  brokenAt?: string;
  /** Everyone who appears in the trail, for the actor filter. */
  actors: string[];
}

/**
 * One page of the trail for a screen: the newest first, `AUDIT_PAGE_SIZE` at a time, with the chain's verdict.
 * One role check and one entry for the whole look (page, verdict and the list of actors come from one read).
 */
export async function auditPage(
  ctx: AppContext,
  actor: Actor,
  filter: AuditFilter,
  at: number,
): Promise<AuditPage> {
  await requireRole(ctx, actor, ROLE, 'audit.read');
  const matching = (await filtered(ctx, filter)).reverse();
  const whole = await ctx.store.auditTrail();
  const start = at * AUDIT_PAGE_SIZE;
  await audited(ctx, actor, 'audit.read', undefined, filterSummary(filter, `page ${at + 1}`));
  const check = verifyChain(whole);
  return {
    entries: matching.slice(start, start + AUDIT_PAGE_SIZE),
    total: matching.length,
    more: matching.length > start + AUDIT_PAGE_SIZE,
    check,
    brokenAt: check.problem && whole[check.problem.position - 1]?.at,
    actors: [...new Set(whole.map((entry) => entry.actor))].sort(),
  };
}
