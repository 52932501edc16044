import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactSheet } from '../../src/services/lookup.ts';
import { exportPerson } from '../../src/services/privacy.ts';
import { recordConsent } from '../../src/services/record.ts';
import { contactSheetBlocks } from '../../src/slack/blocks/contactSheet.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { operator } from '../support/actors.ts';
import { startTestSlack, type TestSlack } from './harness.ts';

const DPO = 'U0DPO'; // fr-FR, in S0COMPLIANCE
const ALICE = { kind: 'email' as const, value: 'alice@gmail.com' };

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
});
afterEach(async () => slack.stop());

/** Alice consented by email to marketing and to the newsletter, then withdrew the newsletter on 1 November. */
async function aliceWithdrewTheNewsletter() {
  await slack.ctx.store.saveContact(
    {
      email: ALICE.value,
      provenance: {
        source: 'form',
        collection: 'direct',
        collectedAt: '2026-03-01T09:00:00Z',
        informedAt: '2026-03-01T09:00:00Z',
      },
    },
    new Date('2026-03-01T09:00:00Z'),
  );
  const proof = {
    method: 'checkbox',
    wording: 'v3',
    evidence: 'https://forms.example/1',
    recordedBy: 'cli:dpo',
  };
  for (const purpose of ['prospecting', 'newsletter'])
    await recordConsent(slack.ctx, {
      email: ALICE.value,
      action: 'grant',
      channel: 'email',
      purpose,
      at: '2026-03-01T10:00',
      ...proof,
    });
  await recordConsent(slack.ctx, {
    email: ALICE.value,
    action: 'withdraw',
    channel: 'email',
    purpose: 'newsletter',
    at: '2026-11-01T10:00',
    recordedBy: 'slack:U0DPO',
  });
}

// GDPR art. 7(3) (a consent withdrawn) is not art. 21 (an objection): the words say which.
describe('a withdrawn consent, in the words a person reads', () => {
  it('/prospect lists it as a withdrawn consent, not as an objection, and still does after a purge', async () => {
    await aliceWithdrewTheNewsletter();
    const sheet = visibleText(await slack.user.command('/prospect alice@gmail.com', { user: DPO }));
    expect(sheet).toContain('*Oppositions*\naucun');
    expect(sheet).toContain('*Consentements retirés*');
    expect(sheet).toContain(
      '• a retiré son consentement « newsletter » (e-mail) le dimanche 1 novembre 2026 à 10:00',
    );
    expect(sheet).toContain('Consentement donné · e-mail · prospection');
    expect(sheet).not.toMatch(/oppos[ée]/);

    const contact = await slack.ctx.store.findContact(ALICE);
    await slack.ctx.store.purge({ contactIds: [contact?.id ?? ''] });
    const after = visibleText(await slack.user.command('/prospect alice@gmail.com', { user: DPO }));
    expect(after).toContain('Rien dans le registre');
    expect(after).toContain(
      '• a retiré son consentement « newsletter » (e-mail) le dimanche 1 novembre 2026',
    );
    expect(after).not.toContain('*Oppositions*');
  });

  it('reads in English, names the default purpose in words, and keeps an opt-out an objection', async () => {
    await aliceWithdrewTheNewsletter();
    await recordConsent(slack.ctx, {
      email: ALICE.value,
      action: 'withdraw',
      channel: 'email',
      at: '2026-11-10T10:00',
      recordedBy: 'slack:U0DPO',
    });
    await slack.ctx.store.addObjection([ALICE], 'sms', new Date('2026-11-20T09:00:00Z'), 'cli:dpo');
    const blocks = contactSheetBlocks(await contactSheet(slack.ctx, ALICE), slack.ctx.policy, 'en');
    const text = JSON.stringify(blocks);
    expect(text).toContain('withdrew their consent to \\"newsletter\\" (email) on Sunday 1 November 2026');
    expect(text).toContain('withdrew their consent to \\"marketing\\" (email) on Tuesday 10 November 2026');
    expect(text).toMatch(/\*Objections\*\\n• SMS since Friday 20 November 2026/i);
  });

  it('the privacy export gives the withdrawal with its purpose, apart from the objections', async () => {
    await aliceWithdrewTheNewsletter();
    const exported = await exportPerson(slack.ctx, ALICE, operator('cli:dpo'));
    expect(exported.objections).toEqual([]);
    expect(exported.withdrawals).toEqual([
      { channel: 'email', purpose: 'newsletter', at: '2026-11-01T09:00:00.000Z', origin: 'slack:U0DPO' },
    ]);
  });
});
