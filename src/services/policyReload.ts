import { statSync } from 'node:fs';
import type { Actor } from '../policy/access.ts';
import { diffScenarios } from '../policy/diff.ts';
import { formatIssue, loadPolicy, PolicyError, type PolicyIssue } from '../policy/load.ts';
import { scenarioProblems } from '../policy/scenarios.ts';
import type { AppContext } from './context.ts';
import { audited, requireRole } from './permissions.ts';
import { diffRegister, type PolicyDiffReport } from './policyDiff.ts';

export type ReloadOutcome =
  | { status: 'unchanged'; revision: string }
  | { status: 'refused'; revision: string; issues: PolicyIssue[] }
  | { status: 'reloaded'; report: PolicyDiffReport; rules: number };

/**
 * Reads the policy file again while the app runs (the file changed, or `/policy reload`). An invalid policy is
 * refused with its problems and the one in force stays; a valid one replaces it at once, with what the change
 * does to the scenarios and to the register today. Campaign checks made under the old revision can no longer
 * be approved (campaign/approval.ts compares revisions). Audited either way, with who asked.
 */
export async function reloadPolicy(
  ctx: AppContext,
  actor: Actor,
  /** Told once the reload is allowed, before it runs (Slack answers its command there, within its 3 s). */
  started?: () => Promise<unknown>,
): Promise<ReloadOutcome> {
  // The reload is the compliance role's that purges: it changes every answer from now on.
  await requireRole(ctx, actor, 'purge', 'policy.reload');
  await started?.();
  const before = ctx.policy;
  let after: typeof before;
  try {
    after = loadPolicy(before.file, { scenarios: true });
    // A policy whose own scenarios fail (or that has none, or a rule none names) does not go live either.
    const problems = scenarioProblems(after);
    if (after.revision !== before.revision && problems.length > 0) throw new PolicyError(problems);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const issues = error.issues.slice(0, 5).map(formatIssue).join('\n');
    await audited(ctx, actor, 'policy.reload', undefined, issues, 'refused');
    return { status: 'refused', revision: before.revision, issues: error.issues };
  }
  if (after.revision === before.revision) return { status: 'unchanged', revision: before.revision };
  // The policy in force was loaded without scenarios: the new file's are run on both.
  const scenarios = diffScenarios(before, after);
  if (!ctx.policies) throw new Error('this context cannot reload its policy');
  ctx.policies.swap(after);
  const register = await diffRegister(ctx.store, before, after, { at: ctx.clock() });
  await audited(
    ctx,
    actor,
    'policy.reload',
    undefined,
    `revision ${before.revision} → ${after.revision}; answers changed: ${scenarios.changed} of ${scenarios.asked} scenarios, ${register.changed} of ${register.asked} in the register`,
  );
  return {
    status: 'reloaded',
    rules: after.rules.length,
    report: { before: before.revision, after: after.revision, scenarios, register },
  };
}

/**
 * At start: the policy in force, audited when it is not the one last audited (changed while the app was down),
 * so that the trail says which revision answered from when.
 */
export async function auditPolicyAtStart(ctx: AppContext, actor = 'start'): Promise<void> {
  // Only the policy's own entries: on PostgreSQL an indexed lookup, not the whole trail at every start.
  const reloads = (await ctx.store.auditTrail({ action: 'policy.reload' })).filter(
    (e) => e.outcome === 'done',
  );
  const starts = await ctx.store.auditTrail({ action: 'policy.start' });
  // The later of the two (a reload at the same instant as a start came after it).
  const [reload, start] = [reloads.at(-1), starts.at(-1)];
  const last = !start || (reload && reload.at >= start.at) ? reload : start;
  const revision = /→ (\w+)/.exec(last?.detail ?? '')?.[1];
  if (revision === ctx.policy.revision) return;
  await ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor,
    action: 'policy.start',
    outcome: 'done',
    detail: `revision ${revision ?? 'none'} → ${ctx.policy.revision} (${ctx.policy.file})`,
  });
}

/**
 * Calls `onChange` when the policy file changes on disk. Polling (every second) rather than fs.watch: editors
 * save by writing a new file and renaming it over the old one, which an inotify watch on the old file misses.
 * The first look is taken now, synchronously: a save made just after start is a change, not the baseline (Node's
 * watchFile takes its baseline later, and missed such saves). Several saves in a row make one call.
 */
export function watchPolicyFile(file: string, onChange: () => void, intervalMs = 1000): () => void {
  const look = () => {
    try {
      const s = statSync(file);
      return `${s.ino}:${s.mtimeMs}:${s.size}`;
    } catch {
      return 'missing';
    }
  };
  let last = look();
  let debounce: NodeJS.Timeout | undefined;
  const poll = setInterval(() => {
    const now = look();
    if (now === last) return;
    last = now;
    clearTimeout(debounce);
    debounce = setTimeout(onChange, intervalMs / 2);
  }, intervalMs);
  poll.unref();
  return () => {
    clearInterval(poll);
    clearTimeout(debounce);
  };
}
