import { describe, expect, it } from 'vitest';
import { approve, reject, requestApproval, supersede } from '../../src/campaign/approval.ts';
import type { Campaign } from '../../src/domain/campaign.ts';
import { reportBlocks } from '../../src/slack/blocks/campaign.ts';
import { policy } from '../support/policy.ts';

const now = new Date('2026-11-23T10:00:00Z');

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'cmp-test',
    name: 'Test',
    channel: 'email',
    product: 'accounting-software',
    audience: 'b2b',
    plannedStart: '2026-11-24T08:00:00Z',
    template: 't',
    templateHash: 'h1',
    listHash: 'l1',
    cleanedHash: 'c1',
    counts: { rows: 10, recipients: 10, duplicates: 0, invalid: 0, allow: 10, review: 0, block: 0 },
    findings: [],
    groups: [],
    campaignWide: [],
    audienceMismatches: 0,
    invalidLines: [],
    policyRevision: policy.revision,
    checkedAt: now.toISOString(),
    checkedBy: 'slack:UCHECK',
    expiresAt: '2026-12-23T10:00:00Z',
    status: 'checked',
    history: [
      { at: now.toISOString(), by: 'slack:UCHECK', event: 'checked', policyRevision: policy.revision },
    ],
    ...overrides,
  };
}

const requested = (c: Campaign, by = 'slack:UASK') => {
  const outcome = requestApproval(c, by, now, policy);
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.campaign;
};

describe('campaign approval', () => {
  it('approves a clean campaign as checked, by someone else than the checker and the requester', () => {
    const c = requested(campaign());
    expect(approve(c, 'slack:UCHECK', 'as-checked', now, policy)).toEqual({
      ok: false,
      problem: 'four-eyes',
    });
    expect(approve(c, 'slack:UASK', 'as-checked', now, policy)).toEqual({ ok: false, problem: 'four-eyes' });
    const ok = approve(c, 'slack:UBOSS', 'as-checked', now, policy);
    expect(ok.ok && ok.campaign.status).toBe('approved');
    expect(ok.ok && approve(ok.campaign, 'slack:UOTHER', 'as-checked', now, policy)).toEqual({
      ok: false,
      problem: 'already-decided',
    });
  });

  it('never approves blocked recipients: only the cleaned list, and nothing when the message is wrong', () => {
    const blocked = requested(
      campaign({
        counts: { rows: 10, recipients: 10, duplicates: 0, invalid: 0, allow: 7, review: 0, block: 3 },
      }),
    );
    expect(approve(blocked, 'slack:UBOSS', 'as-checked', now, policy)).toEqual({
      ok: false,
      problem: 'blocking-findings',
    });
    expect(approve(blocked, 'slack:UBOSS', 'cleaned', now, policy).ok).toBe(true);
    const wrongMessage = campaign({
      findings: [{ rule: 'r', element: 'unsubscribe', message: { fr: '', en: '' } }],
    });
    expect(requestApproval(wrongMessage, 'slack:UASK', now, policy)).toEqual({
      ok: false,
      problem: 'template-findings',
    });
  });

  it('expires at the end of the validity, to the second, and dies with a policy change', () => {
    const c = requested(campaign());
    expect(approve(c, 'slack:UBOSS', 'as-checked', new Date('2026-12-23T09:59:59Z'), policy).ok).toBe(true);
    expect(approve(c, 'slack:UBOSS', 'as-checked', new Date('2026-12-23T10:00:00Z'), policy)).toEqual({
      ok: false,
      problem: 'expired',
    });
    expect(approve(c, 'slack:UBOSS', 'as-checked', now, { ...policy, revision: 'other' })).toEqual({
      ok: false,
      problem: 'policy-changed',
    });
  });

  it('needs a request before a decision, and keeps the reason of a rejection', () => {
    expect(approve(campaign(), 'slack:UBOSS', 'as-checked', now, policy)).toEqual({
      ok: false,
      problem: 'not-requested',
    });
    const rejected = reject(requested(campaign()), 'slack:UBOSS', '  Not now ', now, policy);
    expect(rejected.ok && rejected.campaign.history.at(-1)).toMatchObject({
      event: 'rejected',
      reason: 'Not now',
    });
  });

  it('lets a newer check of the same campaign replace an undecided one, never a decided one', () => {
    const newer = campaign({ id: 'cmp-new', name: ' test ', checkedBy: 'slack:UNEW' });
    const replaced = supersede(requested(campaign()), newer, now, policy);
    expect(replaced?.status).toBe('superseded');
    expect(replaced?.history.at(-1)).toMatchObject({
      event: 'superseded',
      by: 'slack:UNEW',
      supersededBy: 'cmp-new',
    });
    expect(replaced && approve(replaced, 'slack:UBOSS', 'as-checked', now, policy)).toEqual({
      ok: false,
      problem: 'superseded',
    });
    const approved = approve(requested(campaign()), 'slack:UBOSS', 'as-checked', now, policy);
    expect(approved.ok && supersede(approved.campaign, newer, now, policy)).toBeUndefined();
    expect(supersede(campaign({ name: 'Other' }), newer, now, policy)).toBeUndefined();
  });

  it('keeps a report with many reasons within Slack limits (50 blocks, 3,000 characters a section)', () => {
    const groups = policy.rules.map((rule, i) => ({
      verdict: 'block' as const,
      rule: rule.id,
      count: 1000 - i,
      sample: [1, 2, 3].map((line) => ({ line, masked: `x***@${'very-long-domain-name'.repeat(3)}.fr` })),
    }));
    const { blocks } = reportBlocks(campaign({ groups, name: 'N'.repeat(500) }), policy, 'fr');
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(blocks)).toContain('autres motifs');
  });

  // A STOP number whose tariff the number does not tell (a 39xx number) is the approver's to check: shown apart,
  // it does not stop the approval; a surcharged one (CPCE L.34-5, no cost beyond the transmission) does.
  it('lets a message finding to review reach the approver, shown apart; a blocking one stops every approval', () => {
    const toCheck = {
      rule: 'optout-sms-stop-and-links',
      element: 'stop-cost',
      message: { fr: 'STOP au 3949 : tarif à vérifier', en: 'STOP to 3949: tariff to check' },
      severity: 'review' as const,
    };
    const reviewed = campaign({ findings: [toCheck] });
    const shown = JSON.stringify(reportBlocks(reviewed, policy, 'en').blocks);
    expect(shown).toContain('Message to check before approving');
    expect(shown).toContain('STOP to 3949: tariff to check');
    expect(shown).not.toContain('Message to fix');
    expect(shown).toContain('Request approval');
    const ok = approve(requested(reviewed), 'slack:UBOSS', 'as-checked', now, policy);
    expect(ok.ok && ok.campaign.status).toBe('approved');

    const surcharged = {
      ...toCheck,
      severity: 'block' as const,
      message: { fr: 'surtaxé', en: 'surcharged' },
    };
    const blocked = campaign({ findings: [toCheck, surcharged] });
    expect(requestApproval(blocked, 'slack:UASK', now, policy)).toEqual({
      ok: false,
      problem: 'template-findings',
    });
    const both = JSON.stringify(reportBlocks(blocked, policy, 'en').blocks);
    expect(both).toContain('Message to fix');
    expect(both).toContain('Message to check before approving');
    expect(both).not.toContain('Request approval');
  });
});
