import { blockingFindings, type Campaign, type CampaignEventKind } from '../domain/campaign.ts';
import type { Policy } from '../policy/load.ts';

export type ApprovalProblem =
  | 'four-eyes' // the person who checked or asked cannot approve
  | 'expired'
  | 'policy-changed'
  | 'blocking-findings' // approve the cleaned list instead, or fix the template
  | 'template-findings' // a message finding blocks even the cleaned list
  | 'nothing-allowed'
  | 'already-decided'
  | 'not-requested'
  | 'superseded' // a newer check of the same campaign replaced this one
  | 'not-in-review' // no group of recipients in review under this rule (or a check made before groups kept lines)
  | 'already-reviewed'
  | 'nothing-reviewed'; // "allowed + reviewed" asked before any group was reviewed

export type Outcome = { ok: true; campaign: Campaign } | { ok: false; problem: ApprovalProblem };

/** Whether the campaign, as checked, may be approved: nothing blocked and a compliant message. */
export function approvableAsChecked(c: Campaign): boolean {
  return blockingFindings(c).length === 0 && c.counts.block === 0 && c.counts.recipients > 0;
}

/** Whether its cleaned list (allowed recipients only) may be approved instead. */
export function approvableCleaned(c: Campaign): boolean {
  return blockingFindings(c).length === 0 && c.counts.allow > 0;
}

/** The rules whose group in review a reviewer already let through. */
const reviewedRules = (c: Campaign) => new Set((c.reviewed ?? []).map((r) => r.rule));

/**
 * The lines of the recipients a reviewer let through: in review only for reasons whose group was reviewed.
 * A recipient held for two reasons needs both groups reviewed.
 */
export function reviewedLines(c: Campaign): Set<number> {
  const done = reviewedRules(c);
  const held = new Map<number, boolean>();
  for (const g of c.groups) {
    if (g.verdict !== 'review') continue;
    for (const line of g.lines ?? []) held.set(line, (held.get(line) ?? true) && done.has(g.rule));
  }
  return new Set([...held].filter(([, ok]) => ok).map(([line]) => line));
}

/** Whether "allowed + reviewed" may be approved: a compliant message and at least one reviewed group. */
export function approvableReviewed(c: Campaign): boolean {
  return (
    blockingFindings(c).length === 0 &&
    (c.reviewed ?? []).length > 0 &&
    c.counts.allow + reviewedLines(c).size > 0
  );
}

/** The groups in review a reviewer may still look at (a check made before groups kept lines has none). */
export function reviewableGroups(c: Campaign): Campaign['groups'] {
  const done = reviewedRules(c);
  return c.groups.filter((g) => g.verdict === 'review' && g.lines && !done.has(g.rule));
}

const DECIDED = new Set(['approved', 'approved-cleaned', 'approved-reviewed', 'rejected']);
const decided = (c: Campaign) => DECIDED.has(c.status);

function add(
  c: Campaign,
  event: CampaignEventKind,
  by: string,
  now: Date,
  policy: Policy,
  reason?: string,
): Campaign {
  const next = structuredClone(c);
  next.history.push({
    at: now.toISOString(),
    by,
    event,
    policyRevision: policy.revision,
    ...(reason ? { reason } : {}),
  });
  return next;
}

/** Why a check cannot be decided on any more: it is old, or the rules changed since. */
function stale(c: Campaign, now: Date, policy: Policy): ApprovalProblem | undefined {
  if (now >= new Date(c.expiresAt)) return 'expired';
  if (policy.revision !== c.policyRevision) return 'policy-changed';
  return undefined;
}

export function requestApproval(c: Campaign, by: string, now: Date, policy: Policy): Outcome {
  if (c.status === 'superseded') return { ok: false, problem: 'superseded' };
  if (decided(c)) return { ok: false, problem: 'already-decided' };
  const problem = stale(c, now, policy);
  if (problem) return { ok: false, problem };
  if (blockingFindings(c).length > 0) return { ok: false, problem: 'template-findings' };
  if (!approvableAsChecked(c) && !approvableCleaned(c) && reviewableGroups(c).length === 0)
    return { ok: false, problem: 'nothing-allowed' };
  const next = add(c, 'approval-requested', by, now, policy);
  next.status = 'awaiting-approval';
  return { ok: true, campaign: next };
}

/** The people who may not approve: whoever checked the campaign and whoever asked for approval. */
export function interested(c: Campaign): Set<string> {
  return new Set([
    c.checkedBy,
    ...c.history.filter((e) => e.event === 'approval-requested').map((e) => e.by),
  ]);
}

/**
 * Approves exactly what was checked (list and template by hash, policy revision, planned dates), or its
 * cleaned list. The approver's role is checked by the caller; four eyes are checked here.
 */
export function approve(
  c: Campaign,
  by: string,
  what: 'as-checked' | 'cleaned' | 'reviewed',
  now: Date,
  policy: Policy,
): Outcome {
  if (c.status === 'superseded') return { ok: false, problem: 'superseded' };
  if (decided(c)) return { ok: false, problem: 'already-decided' };
  if (c.status !== 'awaiting-approval') return { ok: false, problem: 'not-requested' };
  if (interested(c).has(by)) return { ok: false, problem: 'four-eyes' };
  const problem = stale(c, now, policy);
  if (problem) return { ok: false, problem };
  if (blockingFindings(c).length > 0) return { ok: false, problem: 'template-findings' };
  if (what === 'as-checked' && !approvableAsChecked(c)) return { ok: false, problem: 'blocking-findings' };
  if (what === 'cleaned' && !approvableCleaned(c)) return { ok: false, problem: 'nothing-allowed' };
  if (what === 'reviewed' && !approvableReviewed(c)) return { ok: false, problem: 'nothing-reviewed' };
  const event = APPROVED[what];
  const next = add(c, event, by, now, policy);
  next.status = event;
  return { ok: true, campaign: next };
}

const APPROVED = {
  'as-checked': 'approved',
  cleaned: 'approved-cleaned',
  reviewed: 'approved-reviewed',
} as const;

/**
 * A reviewer lets through the recipients held for review by one rule, having looked at them: recorded with
 * who and when, in the history and in `reviewed`. Four eyes as for an approval: not whoever checked or asked.
 */
export function reviewGroup(c: Campaign, rule: string, by: string, now: Date, policy: Policy): Outcome {
  if (c.status === 'superseded') return { ok: false, problem: 'superseded' };
  if (decided(c)) return { ok: false, problem: 'already-decided' };
  if (interested(c).has(by)) return { ok: false, problem: 'four-eyes' };
  const problem = stale(c, now, policy);
  if (problem) return { ok: false, problem };
  if (blockingFindings(c).length > 0) return { ok: false, problem: 'template-findings' };
  if (reviewedRules(c).has(rule)) return { ok: false, problem: 'already-reviewed' };
  if (!reviewableGroups(c).some((g) => g.rule === rule)) return { ok: false, problem: 'not-in-review' };
  const next = add(c, 'group-reviewed', by, now, policy);
  const last = next.history.at(-1);
  if (last) last.rule = rule;
  next.reviewed = [...(next.reviewed ?? []), { rule, by, at: now.toISOString() }];
  return { ok: true, campaign: next };
}

export function reject(c: Campaign, by: string, reason: string, now: Date, policy: Policy): Outcome {
  if (c.status === 'superseded') return { ok: false, problem: 'superseded' };
  if (decided(c)) return { ok: false, problem: 'already-decided' };
  if (c.status !== 'awaiting-approval') return { ok: false, problem: 'not-requested' };
  if (interested(c).has(by)) return { ok: false, problem: 'four-eyes' };
  const next = add(c, 'rejected', by, now, policy, reason.trim());
  next.status = 'rejected';
  return { ok: true, campaign: next };
}

/** A new check of the same campaign (same name) replaces an undecided older one: its approval can no longer be given. */
export function supersede(c: Campaign, newer: Campaign, now: Date, policy: Policy): Campaign | undefined {
  if (c.id === newer.id || decided(c) || c.status === 'superseded') return undefined;
  if (c.name.trim().toLowerCase() !== newer.name.trim().toLowerCase()) return undefined;
  const next = add(c, 'superseded', newer.checkedBy, now, policy);
  next.status = 'superseded';
  const last = next.history.at(-1);
  if (last) last.supersededBy = newer.id;
  return next;
}
