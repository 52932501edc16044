import { describe, expect, it } from 'vitest';
import {
  approvableReviewed,
  approve,
  requestApproval,
  reviewedLines,
  reviewGroup,
} from '../../src/campaign/approval.ts';
import type { Campaign } from '../../src/domain/campaign.ts';
import { policy } from '../support/policy.ts';

const now = new Date('2026-11-23T10:00:00Z');

/** Lines 2–3 allowed; 4 in review for one reason, 5 for two, 6 for the other; 7 blocked. */
function campaign(): Campaign {
  const requested = requestApproval(
    {
      id: 'cmp-review',
      name: 'Review',
      channel: 'email',
      product: 'accounting-software',
      audience: 'b2b',
      plannedStart: '2026-11-24T08:00:00Z',
      template: 't',
      templateHash: 'h',
      listHash: 'l',
      cleanedHash: 'c',
      counts: { rows: 6, recipients: 6, duplicates: 0, invalid: 0, allow: 2, review: 3, block: 1 },
      findings: [],
      groups: [
        { verdict: 'block', rule: 'ban', count: 1, sample: [], lines: [7] },
        { verdict: 'review', rule: 'unknown-function', count: 2, sample: [], lines: [4, 5] },
        { verdict: 'review', rule: 'not-in-register', count: 2, sample: [], lines: [5, 6] },
      ],
      campaignWide: [],
      audienceMismatches: 0,
      invalidLines: [],
      policyRevision: policy.revision,
      checkedAt: now.toISOString(),
      checkedBy: 'slack:UCHECK',
      expiresAt: '2026-12-23T10:00:00Z',
      status: 'checked',
      history: [],
    },
    'slack:UASK',
    now,
    policy,
  );
  if (!requested.ok) throw new Error(requested.problem);
  return requested.campaign;
}

const reviewed = (c: Campaign, rule: string, by = 'slack:UBOSS') => {
  const outcome = reviewGroup(c, rule, by, now, policy);
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.campaign;
};

describe('the allowed + reviewed list', () => {
  it('lets a recipient through only once every reason that held it was reviewed', () => {
    const one = reviewed(campaign(), 'unknown-function');
    expect([...reviewedLines(one)]).toEqual([4]);
    const both = reviewed(one, 'not-in-register');
    expect([...reviewedLines(both)].sort()).toEqual([4, 5, 6]);
    expect(both.reviewed?.map((r) => [r.rule, r.by])).toEqual([
      ['unknown-function', 'slack:UBOSS'],
      ['not-in-register', 'slack:UBOSS'],
    ]);
    expect(both.history.filter((e) => e.event === 'group-reviewed').map((e) => e.rule)).toEqual([
      'unknown-function',
      'not-in-register',
    ]);
  });

  it('refuses a blocked group, an unknown one, a group twice, and the checker or requester (four eyes)', () => {
    const c = campaign();
    expect(reviewGroup(c, 'ban', 'slack:UBOSS', now, policy)).toEqual({
      ok: false,
      problem: 'not-in-review',
    });
    expect(reviewGroup(c, 'nope', 'slack:UBOSS', now, policy)).toEqual({
      ok: false,
      problem: 'not-in-review',
    });
    expect(reviewGroup(c, 'unknown-function', 'slack:UCHECK', now, policy)).toEqual({
      ok: false,
      problem: 'four-eyes',
    });
    expect(reviewGroup(c, 'unknown-function', 'slack:UASK', now, policy)).toEqual({
      ok: false,
      problem: 'four-eyes',
    });
    const once = reviewed(c, 'unknown-function');
    expect(reviewGroup(once, 'unknown-function', 'slack:UOTHER', now, policy)).toEqual({
      ok: false,
      problem: 'already-reviewed',
    });
  });

  it('refuses a review once the check expired or the policy changed, and after a decision', () => {
    const c = campaign();
    const late = new Date('2026-12-23T10:00:00Z');
    expect(reviewGroup(c, 'unknown-function', 'slack:UBOSS', late, policy)).toEqual({
      ok: false,
      problem: 'expired',
    });
    const changed = { ...policy, revision: 'other' };
    expect(reviewGroup(c, 'unknown-function', 'slack:UBOSS', now, changed)).toEqual({
      ok: false,
      problem: 'policy-changed',
    });
    const cleaned = approve(c, 'slack:UBOSS', 'cleaned', now, policy);
    expect(cleaned.ok && reviewGroup(cleaned.campaign, 'unknown-function', 'slack:UB', now, policy)).toEqual({
      ok: false,
      problem: 'already-decided',
    });
  });

  it('approves allowed + reviewed only after a group was reviewed', () => {
    const c = campaign();
    expect(approvableReviewed(c)).toBe(false);
    expect(approve(c, 'slack:UBOSS', 'reviewed', now, policy)).toEqual({
      ok: false,
      problem: 'nothing-reviewed',
    });
    const ok = approve(reviewed(c, 'not-in-register'), 'slack:UBOSS', 'reviewed', now, policy);
    expect(ok.ok && ok.campaign.status).toBe('approved-reviewed');
    expect(ok.ok && ok.campaign.history.at(-1)?.event).toBe('approved-reviewed');
  });

  it('keeps a check made before groups kept their lines out of review', () => {
    const c = campaign();
    const old = { ...c, groups: c.groups.map(({ lines: _, ...g }) => g) };
    expect(reviewGroup(old, 'unknown-function', 'slack:UBOSS', now, policy)).toEqual({
      ok: false,
      problem: 'not-in-review',
    });
  });
});
