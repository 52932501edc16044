import type { AuditEntry } from '../store/index.ts';
import { type ChainCheck, verifyChain } from '../store/index.ts';
import type { AppContext } from './context.ts';
import * as parse from './parse.ts';

export interface AuditFilter {
  actor?: string;
  action?: string;
  since?: string;
}

/** The audit trail, oldest first, narrowed by actor, action (a prefix: `contact` finds contact.add, contact.edit) and date. */
export async function auditEntries(ctx: AppContext, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const since = parse.optionalInstant(filter.since, ctx.policy, 'since')?.toISOString();
  return (await ctx.store.auditTrail({ actor: filter.actor })).filter(
    (entry) =>
      (!filter.action || entry.action === filter.action || entry.action.startsWith(`${filter.action}.`)) &&
      (!since || entry.at >= since),
  );
}

/** Proves the trail is whole: no entry removed from the middle, none altered (store/auditChain.ts). */
export async function verifyAudit(ctx: AppContext): Promise<ChainCheck> {
  return verifyChain(await ctx.store.auditTrail());
}
