import type { App } from '@slack/bolt';
import { startOfMonth } from '../../domain/time.ts';
import { isCompliance } from '../../policy/access.ts';
import { deadlineCounts } from '../../services/lookup.ts';
import { type HomeFacts, homeView } from '../blocks/home.ts';
import { actor, type SlackDeps } from './kit.ts';

const RECENT = 10;
const AUDIT_LINES = 8;

type Counts = NonNullable<HomeFacts['counts']>;
const COUNTS_TTL_MS = 5 * 60_000;
const countsCache = new WeakMap<SlackDeps, { until: number; value: Promise<Counts> }>();

/**
 * The compliance numbers scan every contact (seconds at 100,000), so they are computed in the background of
 * other requests and shared for five minutes by everyone who opens App Home.
 */
function complianceCounts(deps: SlackDeps): Promise<Counts> {
  const cached = countsCache.get(deps);
  if (cached && cached.until > Date.now()) return cached.value;
  const { ctx } = deps;
  const value = (async () => {
    const now = ctx.clock();
    const [stored, objections, deadlines] = await Promise.all([
      ctx.store.counts(),
      ctx.store.objectionsSince(startOfMonth(now, ctx.policy.timeZone)),
      deadlineCounts(ctx, 30),
    ]);
    return {
      contacts: stored.contacts,
      objections,
      due: deadlines.dueWithin,
      toPurge: deadlines.toPurge,
    };
  })();
  countsCache.set(deps, { until: Date.now() + COUNTS_TTL_MS, value });
  value.catch(() => countsCache.delete(deps));
  return value;
}

/** Builds one user's App Home; the counts are computed only for compliance roles. */
export async function buildHome(deps: SlackDeps, userId: string) {
  const { ctx, people } = deps;
  const lang = await people.lang(userId);
  const roles = await people.rolesOf(userId);
  const recent = await ctx.store.recentDecisions(actor(userId), RECENT);
  let counts: Counts | undefined;
  if (isCompliance(roles)) counts = await complianceCounts(deps);
  // The DPO's view of what was done and refused lately; salespeople do not see others' actions.
  const audit = isCompliance(roles)
    ? (await ctx.store.auditTrail()).slice(-AUDIT_LINES).reverse()
    : undefined;
  return homeView({ roles, recent, counts, audit }, ctx.policy, lang);
}

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab && event.tab !== 'home') return;
    try {
      await client.views.publish({ user_id: event.user, view: await buildHome(deps, event.user) });
    } catch (error) {
      deps.logger.warn(`App Home not published: ${(error as Error).message}`);
    }
  });
}
