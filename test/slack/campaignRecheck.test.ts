import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign.ts';
import { settled, watchApprovedCampaigns } from '../../src/services/approvedWatch.ts';
import { recheckCampaign } from '../../src/services/campaignRecheck.ts';
import { erasePerson } from '../../src/services/privacy.ts';
import { optOut } from '../../src/services/record.ts';
import { buttons, renderBlocks, visibleText } from '../../src/slack/emulator/screen.ts';
import { withEveryRole } from '../support/actors.ts';
import { tempDir } from '../support/dirs.ts';
import { financeProfessional } from '../support/subjects.ts';
import { GOOD_TEMPLATE, submitCampaignCheck } from './campaignKit.ts';
import { pipedStart, startTestSlack, type TestSlack } from './harness.ts';

/**
 * GDPR art. 21(3), L.34-5 CPCE: an objection made after a campaign was approved binds its send. The thread of
 * the campaign is told, in the channel's language and local time, and the cleaned list it offered is withdrawn.
 * The real Bolt receiver, with signed requests, against the fake Slack.
 */

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
  for (const email of ['a@acme.fr', 'c@acme.fr'])
    await slack.ctx.store.saveContact(financeProfessional(email), new Date('2026-01-05T00:00:00Z'));
});
afterEach(async () => slack.stop());

const LIST = Buffer.from('Nom;E-mail\r\nA;a@acme.fr\r\nB;b@gmail.com\r\nC;c@acme.fr\r\n', 'latin1');

const _select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
const _textValue = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const _at = (iso: string) => ({
  value: { type: 'datetimepicker', selected_date_time: Date.parse(iso) / 1000 },
});

/** Checked by Sam on Monday. */
async function checked(name = 'Rentrée compta'): Promise<Campaign> {
  const file = slack.slack.addFile('list.csv', LIST);
  await submitCampaignCheck(slack, 'U0SALES', {
    name,
    file,
    template: GOOD_TEMPLATE,
    end: '2026-11-27T18:00:00+01:00',
  });
  return (await slack.store.campaigns()).find((c) => c.name === name) as Campaign;
}

/** The cleaned list (a and c) approved by Morgan. */
async function approvedCampaign(): Promise<Campaign> {
  const c = await checked();
  await press('U0SALES', 'campaign_request', c);
  const approved = await press('U0MANAGER', 'campaign_approve_cleaned', c);
  // The redrawn report offers the recheck from now on.
  const update = approved.calls.find((call) => call.method === 'chat.update');
  expect(renderBlocks(update?.args.blocks as never).buttons.map((b) => b.label)).toContain(
    'Vérifier à nouveau avant l’envoi',
  );
  return (await slack.store.findCampaign(c.id)) as Campaign;
}

const press = (user: string, action_id: string, c: Campaign) =>
  slack.user.press({ action_id, value: c.id, block_id: 'approval' }, { user });

const thread = (c: Campaign) => slack.slack.uploadsIn(c.slack?.ts ?? '');

describe('Check again before sending', () => {
  it('tells the thread who objected since approval, withdraws the cleaned list and shares the updated one', async () => {
    const c = await approvedCampaign();
    const cleaned = thread(c).find((f) => f.name === `${c.id}-cleaned.csv`);
    expect(c.slack?.lists).toEqual([cleaned?.id]);

    // Tuesday morning, c objects in Slack; Sam presses the button before sending.
    slack.ctx.clock = () => new Date('2026-11-24T08:15:00+01:00');
    await slack.user.command('/optout c@acme.fr', { user: 'U0SALES' });
    slack.ctx.clock = () => new Date('2026-11-24T08:30:00+01:00');
    const pressed = await slack.user.press(
      { action_id: 'campaign_recheck', value: c.id, block_id: 'recheck' },
      { user: 'U0SALES' },
    );
    const told = pressed.calls.find((call) => call.method === 'chat.postMessage');
    expect(told?.args.thread_ts).toBe(c.slack?.ts);
    // The channel reads French (the policy's language), in Paris time; the person is masked.
    expect(visibleText(pressed)).toContain(
      '🔁 Vérifiée à nouveau par @U0SALES le mardi 24 novembre 2026 à 08:30 (registre et politique du moment) : 1 destinataire sur 2 encore autorisé.',
    );
    expect(String(told?.args.text)).toContain(
      '• 1 destinataire s’est opposé depuis l’approbation (RGPD art. 21(3), CPCE L.34-5) — ex. c***@acme.fr (ligne 4)',
    );
    expect(String(told?.args.text)).toContain('La liste nettoyée précédente n’est plus valable');
    expect(JSON.stringify(pressed.calls.map((call) => call.args))).not.toContain('c@acme.fr');

    // The old cleaned list is deleted from the thread; the updated one is there, in the file's own shape.
    expect(
      pressed.calls.filter((call) => call.method === 'files.delete').map((call) => call.args.file),
    ).toEqual([cleaned?.id]);
    const names = thread(c).map((f) => f.name);
    expect(names).not.toContain(`${c.id}-cleaned.csv`);
    const fresh = thread(c).find((f) => f.name === `${c.id}-rechecked.csv`);
    expect(fresh?.bytes.toString('latin1')).toBe('Nom;E-mail\r\nA;a@acme.fr\r\n');
    expect((await slack.store.findCampaign(c.id))?.slack?.lists).toEqual([fresh?.id]);

    // The report is redrawn with the recheck: its cleaned list no longer holds.
    const report = pressed.calls.find((call) => call.method === 'chat.update');
    expect(renderBlocks(report?.args.blocks as never).lines.join('\n')).toContain(
      'La liste nettoyée de la vérification ne vaut plus : seule la liste à jour du mardi 24 novembre 2026 à 08:30 peut servir.',
    );
    const audit = await slack.store.auditTrail({ action: 'campaign.recheck' });
    expect(audit.map((e) => [e.actor, e.detail])).toEqual([
      ['slack:U0SALES', `${c.id}: 2 approved, 1 still allowed, 1 dropped (objected 1)`],
    ]);
  });

  it('says nobody is to drop and keeps the cleaned list when nothing changed', async () => {
    const c = await approvedCampaign();
    const pressed = await slack.user.press(
      { action_id: 'campaign_recheck', value: c.id, block_id: 'recheck' },
      { user: 'U0MANAGER' },
    );
    expect(visibleText(pressed)).toContain(
      '✅ Personne à retirer depuis l’approbation : la liste approuvée reste valable.',
    );
    expect(pressed.calls.some((call) => call.method === 'files.delete')).toBe(false);
    expect(thread(c).map((f) => f.name)).toContain(`${c.id}-cleaned.csv`);
    expect(buttons(pressed).map((b) => b.action_id)).toContain('campaign_recheck');
  });

  it('tells the thread of a recheck the sending tool made, and refuses a campaign not approved in the presser’s words', async () => {
    const c = await approvedCampaign();
    slack.ctx.clock = () => new Date('2026-11-24T08:15:00+01:00');
    await slack.user.command('/optout c@acme.fr email', { user: 'U0DPO' });
    const seq = slack.slack.lastSeq;
    // What the API route does at send time: the same service, under the key's name.
    await recheckCampaign(slack.ctx, c.id, 'api:lemlist', { collectAllowed: true });
    const calls = slack.slack.callsSince(seq);
    const told = calls.find((call) => call.method === 'chat.postMessage');
    expect(String(told?.args.text)).toContain(
      'Vérifiée à nouveau par api:lemlist le mardi 24 novembre 2026 à 08:15',
    );
    expect(calls.some((call) => call.method === 'files.delete')).toBe(true);

    // A campaign nobody approved (a forged press: its report has no such button): told in the presser's words.
    const other = await checked('Autre');
    const recheck = (value: string, user: string) =>
      slack.user.press({ action_id: 'campaign_recheck', value, block_id: 'recheck' }, { user });
    expect(visibleText(await recheck(other.id, 'U0SALES'))).toContain(
      `Campaign "${other.id}" is not approved: nothing may be sent for it.`,
    );
    expect(visibleText(await recheck(other.id, 'U0DPO'))).toContain('n’est pas approuvée');
    expect(visibleText(await recheck('cmp-00000000', 'U0SALES'))).toContain(
      'No campaign check has the id "cmp-00000000".',
    );
  });
});

// GDPR art. 21(3): the running app does not wait for the button. An objection, a withdrawal or an erasure after
// approval rechecks, on its own, the approved campaigns whose checked list holds the person.
describe('an objection after approval rechecks the campaigns that hold her', () => {
  it('tells the thread and withdraws the cleaned list as soon as she objects, and leaves other campaigns alone', async () => {
    const stop = watchApprovedCampaigns(slack.ctx, { gatherMs: 0 });
    try {
      const c = await approvedCampaign();
      slack.ctx.clock = () => new Date('2026-11-24T08:15:00+01:00');
      const seq = slack.slack.lastSeq;
      // Someone not on the list objects: nothing is rechecked.
      await optOut(slack.ctx, { email: 'z@acme.fr', origin: 'slack:U0DPO' });
      await settled(slack.ctx.store);
      expect(slack.slack.callsSince(seq).some((call) => call.method === 'chat.postMessage')).toBe(false);
      // c, on the list, objects through the API: the thread hears of it without anyone pressing.
      await optOut(slack.ctx, { email: 'c@acme.fr', origin: 'api:hubspot' });
      await settled(slack.ctx.store);
      const calls = slack.slack.callsSince(seq);
      const told = calls.find((call) => call.method === 'chat.postMessage');
      expect(told?.args.thread_ts).toBe(c.slack?.ts);
      expect(String(told?.args.text)).toContain('Vérifiée à nouveau par prospect-guard');
      expect(String(told?.args.text)).toContain('1 destinataire s’est opposé depuis l’approbation');
      expect(calls.some((call) => call.method === 'files.delete')).toBe(true);
      expect(thread(c).map((f) => f.name)).not.toContain(`${c.id}-cleaned.csv`);
      const audit = await slack.store.auditTrail({ action: 'campaign.recheck' });
      expect(audit.map((e) => e.actor)).toEqual(['prospect-guard']);
    } finally {
      stop();
    }
  });

  it('rechecks after an erasure, though her rows are emptied from the kept list first', async () => {
    const stop = watchApprovedCampaigns(slack.ctx, { gatherMs: 0 });
    try {
      const c = await approvedCampaign();
      slack.ctx.clock = () => new Date('2026-11-24T08:15:00+01:00');
      await erasePerson(slack.ctx, { kind: 'email', value: 'c@acme.fr' }, withEveryRole('slack:U0DPO'));
      await settled(slack.ctx.store);
      const saved = await slack.store.findCampaign(c.id);
      expect(saved?.recheck?.dropped).toEqual({ erased: 1 });
    } finally {
      stop();
    }
  });
});

describe('the emulator behind npm start', () => {
  it('offers "Check again before sending" once approved, and withdraws the cleaned list when someone objected', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.csv'), 'email\nalice@corp.fr\n');
    const script = [
      '/can-i-email alice@corp.fr',
      '1', // Add the contact
      '',
      '',
      'Alice Martin',
      'Corp',
      'finance',
      '',
      '',
      '2', // a form
      '2026-11-02',
      '2026-11-02',
      '/campaign-check',
      'Relance',
      '', // email
      '1', // accounting software
      '1', // B2B
      '2026-11-24T09:00',
      '',
      'Objet : Votre comptabilité\\nExemple SAS\\nSe désinscrire : {{unsubscribe}}',
      join(dir, 'list.csv'),
      '',
      '1', // Request approval
      ':as U0MANAGER',
      '1', // Approve
      ':as U0SALES',
      '/optout alice@corp.fr',
      ':at 2026-11-23T11:00',
      '1', // Check again before sending
      ':open',
    ].join('\n');
    const { out } = await pipedStart(`${script}\n`);
    expect(out).toContain('[1] Vérifier à nouveau avant l’envoi');
    // The objection alone rechecks the approved campaign: the thread hears of it before anyone presses.
    const afterOptout = out.slice(out.indexOf('/optout alice@corp.fr'), out.indexOf(':at 2026-11-23T11:00'));
    expect(afterOptout).toContain('Vérifiée à nouveau par prospect-guard');
    expect(afterOptout).toContain('1 destinataire s’est opposé depuis l’approbation');
    expect(out).toContain(
      '🔁 Vérifiée à nouveau par @U0SALES le lundi 23 novembre 2026 à 11:00 (registre et politique du moment) : 0 destinataire sur 1 encore autorisé.',
    );
    expect(out).toContain('• 1 destinataire s’est opposé depuis l’approbation');
    // The cleaned list is no longer among the files shared; the updated one is, titled in local time.
    const shared = out.slice(out.lastIndexOf(':open'));
    expect(shared).not.toContain('cleaned list');
    expect(shared).toContain('Relance — liste à jour du lundi 23 novembre 2026 à 11:00');
  });
});
