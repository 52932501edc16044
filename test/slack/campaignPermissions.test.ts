import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import type { Delivery } from '../../src/slack/emulator/slackUser.ts';
import { financeProfessional } from '../support/subjects.ts';
import { submitCampaignCheck, textValue } from './campaignKit.ts';
import { startTestSlack, type TestSlack } from './harness.ts';

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
  await slack.ctx.store.saveContact(financeProfessional('a@acme.fr'), new Date('2026-01-05T00:00:00Z'));
});
afterEach(async () => slack.stop());

async function check(user: string, pasted: string): Promise<Campaign> {
  await submitCampaignCheck(slack, user, { pasted });
  return (await slack.store.campaigns()).at(-1) as Campaign;
}

const press = (user: string, action_id: string, value: string): Promise<Delivery> =>
  slack.user.press({ action_id, value, block_id: 'approval' }, { user });

const trail = async () =>
  (await slack.store.auditTrail())
    .filter((e) => e.action.startsWith('campaign.') && e.action !== 'campaign.check')
    .map((e) => [e.actor, e.action, e.outcome]);

describe('campaign decisions through forged buttons', () => {
  it('refuses (and audits once) a salesperson approving, rejecting or reviewing via forged values', async () => {
    const c = await check('U0SALES', 'a@acme.fr\nb@gmail.com');
    await press('U0SALES', 'campaign_request', c.id);
    for (const action of [
      'campaign_approve',
      'campaign_approve_cleaned',
      'campaign_approve_reviewed',
      'campaign_reject',
    ])
      expect(visibleText(await press('U0AUDIT', action, c.id)), action).toMatch(/Reserved|Réservé/);
    await press(
      'U0AUDIT',
      'campaign_review_group',
      JSON.stringify({ id: c.id, rule: 'ecomm-b2c-prior-consent' }),
    );
    const forged = await slack.user.submit(
      { id: 'V0R', callback_id: 'campaign_reject_modal', private_metadata: JSON.stringify({ id: c.id }) },
      { reason: textValue('no') },
      { user: 'U0AUDIT' },
    );
    expect(forged.ack?.response_action).toBe('errors');
    expect((await slack.store.campaigns()).at(-1)?.status).not.toMatch(/approved|rejected/);
    const refused = (await trail()).filter(([a, , o]) => a === 'slack:U0AUDIT' && o === 'refused');
    expect(refused.map(([, action]) => action)).toEqual([
      'campaign.approve',
      'campaign.approve-cleaned',
      'campaign.approve-reviewed',
      'campaign.reject',
      'campaign.review',
      'campaign.reject',
    ]);
  });

  it('refuses an approver who checked the campaign (four eyes), and audits it', async () => {
    const c = await check('U0MANAGER', 'a@acme.fr');
    await press('U0SALES', 'campaign_request', c.id);
    const self = await press('U0MANAGER', 'campaign_approve', c.id);
    expect(visibleText(self)).not.toMatch(/Approuvée|Approved/);
    expect(await trail()).toContainEqual(['slack:U0MANAGER', 'campaign.approve', 'refused']);
  });

  it('audits the request for approval, in the name of who pressed it', async () => {
    const c = await check('U0SALES', 'a@acme.fr');
    await press('U0SALES', 'campaign_request', c.id);
    // SAFE: every step of the approval is in the audit trail (the service's docstring: "saved with its
    // history and audited"); the request is the step four eyes rest on.
    expect(await trail()).toContainEqual(['slack:U0SALES', 'campaign.request', 'done']);
  });
});
