import { startOfMonth } from '../domain/time.ts';
import { type Actor, isCompliance } from '../policy/access.ts';
import type { Role } from '../policy/schema.ts';
import type { AuditEntry, DecisionLogEntry } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { deadlineCounts } from './lookup.ts';

const RECENT = 10;
const AUDIT_LINES = 8;

/** What one person's home page shows (Slack's App Home, a console's first page). */
export interface HomeFacts {
  roles: readonly Role[];
  recent: DecisionLogEntry[];
  /** Only for compliance roles. `toPurge`: what a purge deletes now, counted as the digest and the purge count it. */
  counts?: {
    contacts: number;
    objections: number;
    due: number;
    toPurge: { contacts: number; proofs: number };
  };
  /** Only for compliance roles: the latest audit entries, newest first. */
  audit?: AuditEntry[];
}

type Counts = NonNullable<HomeFacts['counts']>;
const COUNTS_TTL_MS = 5 * 60_000;
/** One cache per register (a workspace's store): the figures of one team are never shown to another. */
const countsCache = new WeakMap<object, { until: number; value: Promise<Counts> }>();

/**
 * The compliance numbers scan every contact (seconds at 100,000), so they are computed in the background of
 * other requests and shared for five minutes by everyone who opens their home page.
 */
function complianceCounts(ctx: AppContext): Promise<Counts> {
  const cached = countsCache.get(ctx.store);
  if (cached && cached.until > Date.now()) return cached.value;
  const value = (async () => {
    const now = ctx.clock();
    const [stored, objections, deadlines] = await Promise.all([
      ctx.store.counts(),
      ctx.store.objectionsSince(startOfMonth(now, ctx.policy.timeZone)),
      deadlineCounts(ctx, 30),
    ]);
    return { contacts: stored.contacts, objections, due: deadlines.dueWithin, toPurge: deadlines.toPurge };
  })();
  countsCache.set(ctx.store, { until: Date.now() + COUNTS_TTL_MS, value });
  value.catch(() => countsCache.delete(ctx.store));
  return value;
}

/**
 * One person's home: the roles they hold, their latest questions, and for compliance roles the figures and what
 * was done and refused lately (salespeople do not see others' actions).
 */
export async function homeFacts(ctx: AppContext, actor: Actor): Promise<HomeFacts> {
  const recent = await ctx.store.recentDecisions(actor.id, RECENT);
  if (!isCompliance(actor.roles)) return { roles: actor.roles, recent };
  const counts = await complianceCounts(ctx);
  const audit = await ctx.store.auditTail(AUDIT_LINES);
  return { roles: actor.roles, recent, counts, audit };
}
