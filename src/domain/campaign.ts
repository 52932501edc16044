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
  | 'superseded';

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
  /** The checked file itself, by hash (and where Slack keeps it), so its lists can be written again. */
  input?: { sha256: string; pasted?: boolean; slackFile?: string };
  /** The first invalid rows' line numbers (their values are not kept). */
  invalidLines: number[];
  campaignWide: string[];
  /** Recipients whose address says otherwise than the campaign's audience (judged by their address). */
  audienceMismatches: number;
  policyRevision: string;
  checkedAt: string;
  checkedBy: string;
  expiresAt: string;
  status: CampaignStatus;
  slack?: { channel: string; ts: string };
  history: CampaignEvent[];
}
