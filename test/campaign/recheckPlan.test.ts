import { describe, expect, it } from 'vitest';
import {
  approvedLines,
  dropReason,
  keepListUntil,
  recheckProblem,
  recheckTimes,
  stillAllowed,
} from '../../src/campaign/recheck.ts';
import type { Campaign } from '../../src/domain/campaign.ts';
import { policy } from '../support/policy.ts';
import { subject } from '../support/subjects.ts';

/** Lines 2–3 allowed; 4 in review for one reason, 5 for two, 6 for the other; 7 blocked (as review.test.ts). */
function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'cmp-plan',
    name: 'Plan',
    channel: 'email',
    product: 'accounting-software',
    audience: 'b2b',
    plannedStart: '2026-11-24T08:00:00Z',
    plannedEnd: '2026-11-27T17:00:00Z',
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
    checkedAt: '2026-11-23T09:00:00Z',
    checkedBy: 'slack:UCHECK',
    expiresAt: '2026-12-23T09:00:00Z',
    status: 'approved-cleaned',
    history: [],
    ...overrides,
  };
}

const lines = (c: Campaign) => {
  const covered = approvedLines(c);
  return [2, 3, 4, 5, 6, 7].map((line) => [line, covered(line) && [...(covered(line) ?? [])]]);
};

describe('what an approval covered', () => {
  it('the cleaned list: the allowed lines only, with no reason in review let through', () => {
    expect(lines(campaign())).toEqual([
      [2, []],
      [3, []],
      [4, undefined],
      [5, undefined],
      [6, undefined],
      [7, undefined],
    ]);
  });

  it('allowed + reviewed: a line held for two reasons only once both groups were reviewed', () => {
    const c = campaign({
      status: 'approved-reviewed',
      reviewed: [{ rule: 'unknown-function', by: 'slack:UBOSS', at: '2026-11-23T10:00:00Z' }],
    });
    expect(lines(c)).toEqual([
      [2, []],
      [3, []],
      [4, ['unknown-function']],
      [5, undefined],
      [6, undefined],
      [7, undefined],
    ]);
  });

  it('approved as checked: every line, each with the reasons in review it let through', () => {
    const c = campaign({ status: 'approved', groups: campaign().groups.slice(1) });
    expect(lines(c)).toEqual([
      [2, []],
      [3, []],
      [4, ['unknown-function']],
      [5, ['unknown-function', 'not-in-register']],
      [6, ['not-in-register']],
      [7, []],
    ]);
  });

  it('keeps a recipient in review for a reason the approval let through, drops one for a new reason', () => {
    const covered = new Set(['unknown-function']);
    expect(stillAllowed({ verdict: 'allow', rules: [] }, new Set())).toBe(true);
    expect(stillAllowed({ verdict: 'review', rules: ['unknown-function'] }, covered)).toBe(true);
    expect(stillAllowed({ verdict: 'review', rules: ['unknown-function', 'new-rule'] }, covered)).toBe(false);
    expect(stillAllowed({ verdict: 'block', rules: ['optout-right-to-object'] }, covered)).toBe(false);
  });
});

describe('when a recheck decides, and until when a list is kept', () => {
  it('from the planned start while it is ahead, from now once it passed, and at the planned end', () => {
    const c = campaign();
    expect(recheckTimes(c, new Date('2026-11-23T20:00:00Z')).map((d) => d.toISOString())).toEqual([
      '2026-11-24T08:00:00.000Z',
      '2026-11-27T17:00:00.000Z',
    ]);
    expect(recheckTimes(c, new Date('2026-11-25T10:00:00Z')).map((d) => d.toISOString())).toEqual([
      '2026-11-25T10:00:00.000Z',
      '2026-11-27T17:00:00.000Z',
    ]);
    // No end: the start (or now) only.
    const once = campaign({ plannedEnd: undefined });
    expect(recheckTimes(once, new Date('2026-11-24T08:00:00Z')).map((d) => d.toISOString())).toEqual([
      '2026-11-24T08:00:00.000Z',
    ]);
  });

  it('is for approved campaigns within their period: without an end, within the check’s validity', () => {
    expect(recheckProblem(campaign({ status: 'awaiting-approval' }), new Date('2026-11-24T00:00:00Z'))).toBe(
      'not-approved',
    );
    expect(recheckProblem(campaign({ status: 'rejected' }), new Date('2026-11-24T00:00:00Z'))).toBe(
      'not-approved',
    );
    expect(recheckProblem(campaign(), new Date('2026-11-27T16:59:59Z'))).toBeUndefined();
    expect(recheckProblem(campaign(), new Date('2026-11-27T17:00:00Z'))).toBe('campaign-over');
    const once = campaign({ plannedEnd: undefined });
    expect(recheckProblem(once, new Date('2026-12-23T08:59:00Z'))).toBeUndefined();
    expect(recheckProblem(once, new Date('2026-12-23T09:00:00Z'))).toBe('campaign-over');
    expect(keepListUntil(campaign())?.toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(keepListUntil(campaign({ status: 'checked' }))?.toISOString()).toBe('2026-12-23T09:00:00.000Z');
    expect(keepListUntil(campaign({ status: 'superseded' }))).toBeUndefined();
  });
});

describe('why a recipient is dropped', () => {
  const c = campaign();
  const times = [new Date('2026-11-24T08:00:00Z')];
  const contact = {
    id: 'k1',
    email: 'alice@corp.fr',
    provenance: {
      source: 'form' as const,
      collection: 'direct' as const,
      collectedAt: '2026-01-05T00:00:00Z',
    },
    createdAt: '2026-01-05T00:00:00Z',
    updatedAt: '2026-01-05T00:00:00Z',
  };
  const facts = (over: Partial<Parameters<typeof dropReason>[1]> = {}) => ({
    subject: subject({ contact: contact as never }),
    suppressions: [],
    ...over,
  });
  const objection = (
    origin: string,
    at = '2026-11-23T12:00:00Z',
    scope: 'all' | 'email' | 'sms' = 'all',
  ) => ({
    scope,
    at,
    origin,
  });

  it('an erasure, an objection, a withdrawal: by the origin of what was recorded since the check', () => {
    expect(dropReason(c, facts({ suppressions: [objection('erasure')] }), policy, times)).toBe('erased');
    expect(
      dropReason(c, facts({ suppressions: [objection('api:lemlist', undefined, 'email')] }), policy, times),
    ).toBe('objected');
    expect(
      dropReason(
        c,
        facts({ suppressions: [objection('consent-withdrawal', undefined, 'email')] }),
        policy,
        times,
      ),
    ).toBe('withdrawn');
    // An objection to SMS says nothing of an email campaign.
    expect(dropReason(c, facts({ suppressions: [objection('cli', undefined, 'sms')] }), policy, times)).toBe(
      'changed',
    );
    // Told again since the check: its later date counts.
    const renewed = { ...objection('cli', '2026-01-01T00:00:00Z'), renewed: ['2026-11-23T15:00:00Z'] };
    expect(dropReason(c, facts({ suppressions: [renewed] }), policy, times)).toBe('objected');
  });

  it('then a retention deadline passed, a policy changed, a contact gone, anything else', () => {
    const old = { ...contact, provenance: { ...contact.provenance, collectedAt: '2023-11-01T00:00:00Z' } };
    expect(dropReason(c, facts({ subject: subject({ contact: old as never }) }), policy, times)).toBe(
      'retention',
    );
    expect(dropReason({ ...c, policyRevision: 'older' }, facts(), policy, times)).toBe('policy');
    expect(dropReason(c, facts({ subject: subject() }), policy, times)).toBe('removed');
    expect(dropReason(c, facts(), policy, times)).toBe('changed');
  });
});
