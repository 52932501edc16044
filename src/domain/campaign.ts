import type { Audience, Channel } from './contacts.ts';

import type { Verdict } from './verdict.ts';

export type { Verdict };

/**
 * An element the message lacks or gets wrong (unsubscribe link, sender, subject, call opening, a surcharged STOP
 * number): it blocks the campaign. One the check cannot decide from the text (a STOP number whose tariff the
 * number does not show) is `review`: shown to the approver, it does not stop the approval. Findings stored
 * without a severity block.
 */
export interface MessageFinding {
  rule: string;
  element: string;
  message: { fr: string; en: string };
  severity?: 'block' | 'review';
}

/** The message findings that stop every approval: all but those left to the approver's review. */
export function blockingFindings(c: { findings: MessageFinding[] }): MessageFinding[] {
  return c.findings.filter((f) => f.severity !== 'review');
}

export type CampaignEventKind =
  | 'checked'
  | 'approval-requested'
  | 'approved'
  | 'approved-cleaned'
  | 'group-reviewed'
  | 'approved-reviewed'
  | 'rejected'
  | 'superseded'
  | 'rechecked';

export interface CampaignEvent {
  at: string;
  by: string;
  event: CampaignEventKind;
  reason?: string;
  policyRevision: string;
  /** For `superseded`: the check that replaced this one. */
  supersededBy?: string;
  /** For `group-reviewed`: the rule whose recipients were reviewed. */
  rule?: string;
  /** For `rechecked`: how many approved recipients were dropped, and how many are still allowed. */
  dropped?: number;
  allowed?: number;
}

/**
 * Why an approved recipient may no longer be sent to, found by a recheck (the register or the policy changed
 * since the check the approval was given on), in the order a reason is looked for: an erasure (GDPR art. 17),
 * an objection (art. 21(3), L.34-5 CPCE), a consent withdrawn (art. 7(3)), a retention deadline passed
 * (art. 5(1)(e)), a policy whose answer changed, a contact no longer in the register (purged or deleted), or
 * anything else recorded since (a call refusal's cap, a consent that ended, an edit).
 */
export const DROP_REASONS = [
  'erased',
  'objected',
  'withdrawn',
  'retention',
  'policy',
  'removed',
  'changed',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** The latest recheck of an approved campaign: what it found, with masked examples (never the recipients). */
export interface CampaignRecheck {
  at: string;
  by: string;
  policyRevision: string;
  /** The moments the recipients were decided at (the rest of the planned period, from the recheck on). */
  decidedFor: string[];
  /** Recipients the approval covered, those still allowed, and those dropped by reason. */
  approved: number;
  allowed: number;
  dropped: Partial<Record<DropReason, number>>;
  sample: { line: number; masked: string; reason: DropReason }[];
  /** The hash of the still-allowed recipients (as `cleanedHash`): the list a sending tool may take now. */
  allowedHash: string;
}

export const CAMPAIGN_STATUSES = [
  'checked',
  'awaiting-approval',
  'approved',
  'approved-cleaned',
  'approved-reviewed',
  'rejected',
  'superseded',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * One checked campaign and what happened to it. It keeps what an approval covers (the list and template by
 * content hash, the policy revision, the planned dates) and counts, never the recipients themselves.
 */
export interface Campaign {
  id: string;
  name: string;
  channel: Channel;
  product?: string;
  audience: Audience;
  plannedStart: string;
  plannedEnd?: string;
  template: string;
  templateHash: string;
  listHash: string;
  /** The allowed recipients only: what "approve the cleaned list" covers. */
  cleanedHash: string;
  counts: { rows: number; recipients: number; duplicates: number; invalid: number } & Record<Verdict, number>;
  findings: MessageFinding[];
  /**
   * Recipients in review or blocked, per rule, blocks first, with the first few (masked) as examples, and
   * their line numbers in the file (numbers only): what rebuilds the "allowed + reviewed" list from the file.
   */
  groups: {
    verdict: Verdict;
    rule: string;
    count: number;
    sample: { line: number; masked: string }[];
    lines?: number[];
  }[];
  /** The groups in review that a reviewer looked at and let through: the "allowed + reviewed" list. */
  reviewed?: { rule: string; by: string; at: string }[];
  /**
   * The checked file itself, by hash (and where Slack keeps it), so its lists can be written again; `sheet`: for
   * an .xlsx workbook, the sheet checked (its name), read again whenever the list is.
   */
  input?: { sha256: string; pasted?: boolean; slackFile?: string; sheet?: string };
  /** The first invalid rows' line numbers (their values are not kept). */
  invalidLines: number[];
  /** Recipients the list itself says unsubscribed from the channel (an opt-out column): blocked. */
  listOptOuts?: number;
  campaignWide: string[];
  /** Recipients whose address says otherwise than the campaign's audience (judged by their address). */
  audienceMismatches: number;
  policyRevision: string;
  checkedAt: string;
  checkedBy: string;
  expiresAt: string;
  status: CampaignStatus;
  /**
   * Where the report is; `lists`: the Slack files of recipients to send to the bot shared in its thread (the
   * cleaned list, allowed + reviewed, a recheck's), withdrawn when a recheck drops someone.
   */
  slack?: { channel: string; ts: string; lists?: string[] };
  /**
   * The checked list, kept beside the register (`campaign-lists`, in parts; files mode 600) so the campaign can
   * be checked again at send time; discarded when the campaign is rejected, replaced or over
   * (campaign/recheck.ts keepListUntil). `erasedLines`: the lines of people erased since (GDPR art. 17), emptied
   * in the copy (numbers only), whose `sha256` is then its own.
   */
  kept?: { parts: number; size: number; fileName: string; erasedLines?: number[]; sha256?: string };
  /** The latest recheck: once it dropped someone, its list replaces the cleaned list. */
  recheck?: CampaignRecheck;
  history: CampaignEvent[];
}
