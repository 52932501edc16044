import type { Campaign, DropReason } from '../domain/campaign.ts';
import type { Channel, SubjectFacts, Suppression } from '../domain/contacts.ts';
import { CONSENT_PURPOSE_DEFAULT, objectionCovers, objectionDates } from '../domain/contacts.ts';
import { retentionDeadline } from '../domain/retention.ts';
import type { Policy } from '../policy/load.ts';
import { reviewedLines } from './approval.ts';
import type { RowOutcome } from './check.ts';

/**
 * Approvals hold at send time (GDPR art. 21(3): after an objection the data "shall no longer be processed" for
 * prospecting, whatever was approved before; L.34-5 CPCE). An approval covers the recipients of one check, on
 * the facts of that check; a recheck decides each of them again with the register and policy of now, and keeps
 * only those still allowed. It never adds anyone the approval did not cover. Pure: the caller gives `now`.
 */

export type RecheckProblem = 'not-approved' | 'campaign-over';

const APPROVED = new Set(['approved', 'approved-cleaned', 'approved-reviewed']);

export const isApproved = (c: Campaign) => APPROVED.has(c.status);

/**
 * The end of what the approval covers: the planned end, or, for a campaign with a start only, the check's
 * validity (an approval is not a licence for ever).
 */
export function sendUntil(c: Campaign): Date {
  return new Date(c.plannedEnd ?? c.expiresAt);
}

/**
 * How long the checked list is kept for a recheck: while the campaign may still be approved (its check's
 * validity), and once approved while it may be sent. A rejected or replaced campaign keeps nothing.
 */
export function keepListUntil(c: Campaign): Date | undefined {
  if (c.status === 'rejected' || c.status === 'superseded') return undefined;
  return isApproved(c) ? sendUntil(c) : new Date(c.expiresAt);
}

/** Why a campaign cannot be checked again for a send: not approved (nothing may be sent), or its period is over. */
export function recheckProblem(c: Campaign, now: Date): RecheckProblem | undefined {
  if (!isApproved(c)) return 'not-approved';
  if (now >= sendUntil(c)) return 'campaign-over';
  return undefined;
}

/**
 * When the recipients are decided again: from now (or the planned start, if it is still ahead) and at the
 * planned end, if that is later; what is over of the planned period no longer matters.
 */
export function recheckTimes(c: Campaign, now: Date): Date[] {
  const start = new Date(Math.max(now.getTime(), Date.parse(c.plannedStart)));
  const end = c.plannedEnd ? new Date(c.plannedEnd) : undefined;
  return [start, ...(end && end > start ? [end] : [])];
}

/**
 * What the approval covered, by line of the checked file: undefined for a line it did not cover (blocked, or
 * in review and not approved), else the rules in review it let through for that line (approved as checked:
 * every group in review; allowed + reviewed: the reviewed groups; the cleaned list: none).
 */
export function approvedLines(c: Campaign): (line: number) => ReadonlySet<string> | undefined {
  const held = new Map<number, Set<string>>();
  for (const g of c.groups) {
    for (const line of g.lines ?? []) held.set(line, (held.get(line) ?? new Set()).add(g.rule));
  }
  const reviewed = c.status === 'approved-reviewed' ? reviewedLines(c) : new Set<number>();
  const none: ReadonlySet<string> = new Set();
  return (line) => {
    const rules = held.get(line);
    if (!rules) return none;
    if (c.status === 'approved' || reviewed.has(line)) return rules;
    return undefined;
  };
}

/**
 * Whether an approved recipient may still be sent to: allowed now, or in review only for reasons the approval
 * let through. A block, or a review for a reason nobody looked at, drops her.
 */
export function stillAllowed(outcome: RowOutcome, covered: ReadonlySet<string>): boolean {
  if (outcome.verdict === 'allow') return true;
  return outcome.verdict === 'review' && outcome.rules.every((rule) => covered.has(rule));
}

/** What a dropped recipient's record says now: her facts and her objections as the suppression list keeps them. */
export interface DropFacts {
  subject: SubjectFacts;
  suppressions: Pick<Suppression, 'scope' | 'at' | 'renewed' | 'firstAt' | 'origin' | 'kind' | 'purpose'>[];
}

/** Why an approved recipient is dropped, in the order of DROP_REASONS (the first that holds). */
export function dropReason(c: Campaign, facts: DropFacts, policy: Policy, times: Date[]): DropReason {
  const since = Date.parse(c.checkedAt);
  const channel = c.channel as Channel;
  // A withdrawal of another purpose (a newsletter) ends that consent only: it is no reason to drop anyone here.
  const covering = facts.suppressions.filter(
    (s) =>
      objectionCovers(s.scope, channel) &&
      (s.kind !== 'withdrawal' || (s.purpose ?? CONSENT_PURPOSE_DEFAULT) === CONSENT_PURPOSE_DEFAULT),
  );
  const after = (s: DropFacts['suppressions'][number]) =>
    objectionDates(s).some((at) => Date.parse(at) > since);
  const recent = covering.filter(after);
  if (recent.some((s) => s.origin === 'erasure')) return 'erased';
  if (recent.some((s) => s.origin !== 'consent-withdrawal' && s.kind !== 'withdrawal')) return 'objected';
  const withdrawn = facts.subject.consents.some(
    (r) =>
      r.action === 'withdraw' &&
      r.channel === channel &&
      r.purpose === CONSENT_PURPOSE_DEFAULT &&
      Math.max(Date.parse(r.at), Date.parse(r.recordedAt)) > since,
  );
  if (recent.length > 0 || withdrawn) return 'withdrawn';
  const contact = facts.subject.contact;
  const last = times.at(-1) ?? new Date(since);
  if (contact) {
    const periods = {
      prospect: policy.doc.params.retention_prospect,
      customer: policy.doc.params.retention_customer,
    };
    const deadline = retentionDeadline(contact, facts.subject.interactions, periods, policy.timeZone, last);
    if (deadline && deadline <= last) return 'retention';
  }
  if (policy.revision !== c.policyRevision) return 'policy';
  if (!contact) return 'removed';
  // An objection dated before the check but recorded after it (a back-dated opt-out) is still an objection.
  if (covering.length > 0) return 'objected';
  return 'changed';
}
