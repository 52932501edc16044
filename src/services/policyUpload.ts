import type { Actor } from '../policy/access.ts';
import { diffScenarios } from '../policy/diff.ts';
import type { PolicyIssue } from '../policy/load.ts';
import {
  type CompiledRule,
  formatIssue,
  loadPolicy,
  type Policy,
  PolicyError,
  parsePolicy,
} from '../policy/load.ts';
import type { AppContext } from './context.ts';
import { audited, requireRole } from './permissions.ts';
import { diffRegister, type PolicyDiffReport } from './policyDiff.ts';

/** The largest policy file one may upload to compare: the shipped one is under 100 KB. */
export const POLICY_UPLOAD_BYTES = 512 * 1024;

export interface RuleInForce {
  rule: CompiledRule;
  /** Whether the rule answers now, will from its `from` date, or no longer does after its `until` date. */
  state: 'now' | 'later' | 'ended';
}

export interface PolicyInForce {
  name: string;
  revision: string;
  zone: string;
  rules: RuleInForce[];
}

/**
 * The policy that answers now: its name, revision and rules with their legal basis and dates. Every signed-in
 * user may read it (it holds no person, and it is what salespeople must follow); who holds which role is left out.
 */
export function policyInForce(ctx: AppContext): PolicyInForce {
  const { policy } = ctx;
  const now = ctx.clock();
  const state = (rule: CompiledRule): RuleInForce['state'] =>
    rule.validFrom && now < rule.validFrom
      ? 'later'
      : rule.validUntil && now >= rule.validUntil
        ? 'ended'
        : 'now';
  return {
    name: policy.doc.policy.name,
    revision: policy.revision,
    zone: policy.timeZone,
    rules: policy.rules.map((rule) => ({ rule, state: state(rule) })),
  };
}

export type UploadOutcome =
  | { status: 'invalid'; file: string; issues: PolicyIssue[] }
  | { status: 'compared'; file: string; running: string; report: PolicyDiffReport };

/**
 * What an uploaded policy file would change, before anyone reloads: its scenarios and the running policy's run
 * on both, and every contact of the register asked of both now. Nothing is put in force. Asking the whole
 * register is seeing every contact's answers, so it takes the role that sees contacts; audited either way.
 */
export async function diffUploadedPolicy(
  ctx: AppContext,
  actor: Actor,
  upload: { file: string; text: string },
): Promise<UploadOutcome> {
  await requireRole(ctx, actor, 'see_contacts', 'policy.diff');
  const file = upload.file.replace(/[^\w.-]/g, '_').slice(0, 80) || 'policy.yaml';
  const before = ctx.policy;
  let after: Policy;
  try {
    after = parsePolicy(upload.text, file);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const issues = error.issues.slice(0, 5).map(formatIssue).join('\n');
    await audited(ctx, actor, 'policy.diff', undefined, `uploaded ${file} invalid: ${issues}`, 'refused');
    return { status: 'invalid', file, issues: error.issues };
  }
  const scenarios = diffScenarios(withScenarios(before), after);
  const register = await diffRegister(ctx.store, before, after, { at: ctx.clock() });
  await audited(
    ctx,
    actor,
    'policy.diff',
    undefined,
    `revision ${before.revision} → uploaded ${file} (${after.revision}), not reloaded; answers changed: ${scenarios.changed} of ${scenarios.asked} scenarios, ${register.changed} of ${register.asked} in the register`,
  );
  return {
    status: 'compared',
    file,
    running: before.revision,
    report: { before: before.revision, after: `${file} (${after.revision})`, scenarios, register },
  };
}

/**
 * The running policy with its scenarios (its sibling `.test.yaml`): it was loaded without them. Only while its
 * file on disk is still the revision in force; otherwise its scenarios could be another policy's.
 */
function withScenarios(running: Policy): Policy {
  if (running.scenarios.length > 0) return running;
  try {
    const disk = loadPolicy(running.file, { scenarios: true });
    return disk.revision === running.revision ? disk : running;
  } catch (error) {
    if (error instanceof PolicyError) return running;
    throw error;
  }
}
