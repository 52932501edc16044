import { recheckProblem } from '../campaign/recheck.ts';
import type { Identifier } from '../domain/identifiers.ts';
import type { Store } from '../store/index.ts';
import { keptListHolds } from './campaignLists.ts';
import { recheckCampaign } from './campaignRecheck.ts';
import type { AppContext } from './context.ts';

/**
 * GDPR art. 21(3): an objection, a withdrawal or an erasure recorded after a campaign's approval binds before it
 * is sent. The running app watches: for each such record, the approved campaigns still to be sent whose checked
 * list holds the person are checked again (`recheckCampaign`), so their thread is told and the old cleaned list
 * withdrawn without waiting for someone to press the button. Records come in bursts (an API batch, a CRM's
 * unsubscribes): they are gathered for a moment and each campaign is checked once per burst, after the record
 * is acknowledged, never in its way.
 */
interface Watch {
  ctx: AppContext;
  gatherMs: number;
  pending: Set<string>;
  /** Campaigns known to hold the person already (an erasure empties her rows before the recheck reads them). */
  campaigns: Set<string>;
  timer?: NodeJS.Timeout;
  running: Promise<void>;
  onError: (error: unknown) => void;
}

const watches = new WeakMap<Store, Watch>();

/** Who rechecks: the app itself, named so in the thread and the audit trail. */
export const APP_ACTOR = 'prospect-guard';

export function watchApprovedCampaigns(
  ctx: AppContext,
  options: { gatherMs?: number; onError?: (error: unknown) => void } = {},
): () => void {
  const watch: Watch = {
    ctx,
    gatherMs: options.gatherMs ?? 2_000,
    pending: new Set(),
    campaigns: new Set(),
    running: Promise.resolve(),
    onError: options.onError ?? (() => {}),
  };
  watches.set(ctx.store, watch);
  return () => {
    clearTimeout(watch.timer);
    if (watches.get(ctx.store) === watch) watches.delete(ctx.store);
  };
}

/** Told by the services that record an objection, a withdrawal or an erasure: whom it is about. */
export function recordedAgainst(ctx: AppContext, identifiers: Identifier[], campaigns: string[] = []): void {
  const watch = watches.get(ctx.store);
  if (!watch) return; // No app running here: the recheck at send time (button, CLI, API) still binds.
  for (const id of identifiers) watch.pending.add(ctx.store.hash(id));
  for (const id of campaigns) watch.campaigns.add(id);
  watch.timer ??= setTimeout(() => flush(watch), watch.gatherMs);
}

/** The same for people another tool's suppression list gave only hashed (`foreign:sha256:…`). */
export function recordedAgainstKeys(ctx: AppContext, keys: string[]): void {
  const watch = watches.get(ctx.store);
  if (!watch || keys.length === 0) return;
  for (const key of keys) watch.pending.add(key);
  watch.timer ??= setTimeout(() => flush(watch), watch.gatherMs);
}

/** Looks at what was gathered now, after any recheck still running: one burst at a time. */
function flush(watch: Watch): void {
  clearTimeout(watch.timer);
  watch.timer = undefined;
  watch.running = watch.running.then(() => recheckTouched(watch)).catch(watch.onError);
}

/** The gathered people's approved campaigns, each checked again once. */
async function recheckTouched(watch: Watch): Promise<void> {
  const hashes = [...watch.pending];
  const named = new Set(watch.campaigns);
  watch.pending.clear();
  watch.campaigns.clear();
  const { ctx } = watch;
  for (const c of await ctx.store.campaigns()) {
    if (recheckProblem(c, ctx.clock())) continue;
    if (!named.has(c.id) && !(await keptListHolds(ctx, c, hashes))) continue;
    await recheckCampaign(ctx, c.id, APP_ACTOR).catch(watch.onError);
  }
}

/** For tests and a clean stop: resolves once every gathered record has been looked at. */
export async function settled(store: Store): Promise<void> {
  const watch = watches.get(store);
  if (!watch) return;
  if (watch.timer) flush(watch);
  await watch.running;
}
