import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign.ts';
import { buttons, renderBlocks, visibleText } from '../../src/slack/emulator/screen.ts';
import type { Delivery, OpenView } from '../../src/slack/emulator/slackUser.ts';
import { financeProfessional } from '../support/subjects.ts';
import { GOOD_TEMPLATE, submitCampaignCheck, textValue } from './campaignKit.ts';
import { startTestSlack, type TestSlack } from './harness.ts';

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
  // A finance professional, informed: allowed for accounting software by email.
  await slack.ctx.store.saveContact(financeProfessional('a@acme.fr'), new Date('2026-01-05T00:00:00Z'));
});
afterEach(async () => slack.stop());

const LIST = Buffer.from(
  'Nom;E-mail\r\nA;a@acme.fr\r\nB;b@gmail.com\r\nC;not-an-email\r\nA bis;A@ACME.FR\r\n',
  'latin1',
);

const _select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});

async function check(user: string, options: { template?: string; list?: Buffer; pasted?: string } = {}) {
  const file = options.pasted ? undefined : slack.slack.addFile('list.csv', options.list ?? LIST);
  const form = { template: options.template, file, pasted: options.pasted };
  const { opened, view, submitted } = await submitCampaignCheck(slack, user, form);
  const report = submitted.calls.find((c) => c.method === 'chat.postMessage' && !c.args.thread_ts);
  const campaigns = await slack.store.campaigns();
  const campaign = campaigns.at(-1) as Campaign;
  return { opened, view, submitted, report, campaign };
}

const reportText = (call: { args: Record<string, unknown> } | undefined) =>
  renderBlocks((call?.args.blocks ?? []) as never).lines.join('\n');

async function press(user: string, actionId: string, campaign: Campaign): Promise<Delivery> {
  return slack.user.press({ action_id: actionId, value: campaign.id, block_id: 'approval' }, { user });
}

describe('/campaign-check', () => {
  it('opens a modal, reads the CSV as exported by French Excel, posts the report and the files in its thread', async () => {
    const { opened, submitted, report, campaign } = await check('U0SALES');
    expect(visibleText(opened)).toContain('Recipients: CSV or Excel file (.xlsx, first sheet)');
    expect(submitted.ack?.response_action).toBe('update');
    expect(submitted.calls.find((c) => c.method === 'download')?.headers.authorization).toBe(
      `Bearer ${slack.slack.botToken}`,
    );
    expect(report?.args.channel).toBe('C0SALES');
    const text = reportText(report);
    // The channel reads the report in the policy's language (fr), whoever asked.
    expect(text).toContain('✅ 1 autorisé · ⚠️ 0 à vérifier · ⛔ 1 bloqué');
    expect(text).toContain('2 destinataires (4 lignes, 1 doublon compté une fois, 1 invalide)');
    expect(text).toContain('Lignes invalides : 4');
    expect(text).toMatch(/⛔ \*1\* · .* — ecomm-b2c-prior-consent · CPCE L\.34-5/);
    expect(text).toContain('b***@gmail.com (ligne 3)');
    expect(text).toContain('✅ Message : les mentions obligatoires sont là.');
    expect(buttons(submitted).map((b) => b.label)).toContain('Demander l’approbation');
    const files = slack.slack.uploadsIn(campaign.slack?.ts ?? '');
    expect(files.map((f) => f.name)).toEqual([`${campaign.id}-details.csv`, `${campaign.id}-cleaned.csv`]);
    // The details file keeps every original column and adds the verdict, the reason in words, the rule and
    // the legal basis, in the policy's language; the cleaned list is the input minus the removed rows.
    // An ASCII file reads as UTF-8: the details file gets a BOM so French Excel shows the accents.
    const details = files[0]?.bytes.toString('utf8') ?? '';
    expect(details.split('\r\n')[0]).toBe('\uFEFFNom;E-mail;verdict;motif;règles;base légale');
    expect(details).toContain('B;b@gmail.com;bloqué;');
    expect(details).toContain(';ecomm-b2c-prior-consent;CPCE L.34-5');
    expect(details).toContain('C;not-an-email;invalide;');
    expect(details).toContain('A bis;A@ACME.FR;doublon;');
    expect(files[1]?.bytes.toString('latin1')).toBe('Nom;E-mail\r\nA;a@acme.fr\r\n');
    // The store keeps counts, hashes and masked examples, never the list.
    const stored = JSON.stringify(await slack.store.findCampaign(campaign.id));
    expect(stored).not.toContain('b@gmail.com');
    expect(stored).not.toContain('a@acme.fr');
    expect(stored).not.toContain('not-an-email');
  });

  it('neutralises a formula hidden behind another separator in both files (Excel may open a `;` file with `,`)', async () => {
    const list = Buffer.from(
      'Nom;E-mail;Note\r\nA;a@acme.fr;foo,=1+2\r\nB;b@gmail.com;x|@SUM(A1)\r\n',
      'latin1',
    );
    const { campaign } = await check('U0SALES', { list });
    const [details, cleaned] = slack.slack
      .uploadsIn(campaign.slack?.ts ?? '')
      .map((f) => f.bytes.toString('utf8'));
    expect(details).toContain("A;a@acme.fr;foo,'=1+2;");
    expect(details).toContain("B;b@gmail.com;x|'@SUM(A1);");
    expect(details).not.toMatch(/[,;|\t][=@]/);
    expect(cleaned).toContain("A;a@acme.fr;foo,'=1+2");
  });

  it('blocks a message without its mandatory mentions, and offers no approval', async () => {
    const { report } = await check('U0SALES', { template: 'Subject: Great holiday deals\nHello!' });
    const text = reportText(report);
    expect(text).toContain('⛔ Message à corriger');
    expect(text).toMatch(/ne nomme pas l'annonceur \(Exemple SAS\)/);
    expect(text).toContain('Aucun lien de désinscription');
    expect(text).toContain('ne correspond pas au produit (Logiciel de comptabilité)');
    expect(renderBlocks((report?.args.blocks ?? []) as never).buttons).toEqual([]);
  });

  it('asks for a file or a list before checking anything', async () => {
    const opened = await slack.user.command('/campaign-check');
    const view = opened.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView;
    const d = await slack.user.submit(view, {
      file: { value: { type: 'file_input', files: [] } },
      pasted: textValue(null),
    });
    expect(d.ack).toEqual({
      response_action: 'errors',
      errors: { file: 'Attach a CSV or Excel file, or paste a list.' },
    });
  });
});

describe('approval in the thread', () => {
  it('lets an approver approve the cleaned list, refuses a non-approver and the requester, and updates the report', async () => {
    const { campaign } = await check('U0SALES');
    const requested = await press('U0SALES', 'campaign_request', campaign);
    const request = requested.calls.find((c) => c.method === 'chat.postMessage');
    expect(request?.args.thread_ts).toBe(campaign.slack?.ts);
    expect(String(request?.args.blocks && JSON.stringify(request.args.blocks))).toContain(
      '<!subteam^S0SALESMGR>',
    );
    expect(renderBlocks(request?.args.blocks as never).buttons.map((b) => b.action_id)).toEqual([
      'campaign_approve_cleaned',
      'campaign_reject',
    ]);

    const dpo = await press('U0DPO', 'campaign_approve_cleaned', campaign);
    expect(visibleText(dpo)).toContain('Réservé au rôle *approuver les campagnes*');
    const asChecked = await press('U0MANAGER', 'campaign_approve', campaign);
    expect(visibleText(asChecked)).toContain('Des destinataires sont bloqués : approuvez la liste nettoyée');

    const approved = await press('U0MANAGER', 'campaign_approve_cleaned', campaign);
    const reply = approved.calls.find((c) => c.method === 'chat.postMessage');
    expect(reply?.args.text).toBe(
      '✅ Liste nettoyée approuvée par <@U0MANAGER> : le seul destinataire autorisé, politique ' +
        campaign.policyRevision +
        '.',
    );
    const update = approved.calls.find((c) => c.method === 'chat.update');
    expect(update?.args.ts).toBe(campaign.slack?.ts);
    expect(reportText(update)).toMatch(/^✅ Liste nettoyée approuvée — \*Campagne « Rentrée compta »\*/);
    const stored = await slack.store.findCampaign(campaign.id);
    expect(stored?.history.map((e) => [e.event, e.by])).toEqual([
      ['checked', 'slack:U0SALES'],
      ['approval-requested', 'slack:U0SALES'],
      ['approved-cleaned', 'slack:U0MANAGER'],
    ]);
    const again = await press('U0MANAGER', 'campaign_reject', campaign);
    expect(again.calls.some((c) => c.method === 'views.open')).toBe(true); // the modal opens; the decision is refused on submit
  });

  it('lets an approver let groups in review through, shares the allowed + reviewed list, and approves it', async () => {
    // x, y and z get a review for their nominative address; y and z also for the notice at collection.
    await slack.ctx.store.saveContact(
      { ...financeProfessional('x@corp.fr'), jobFunction: undefined },
      new Date('2026-01-05T00:00:00Z'),
    );
    const list = Buffer.from(
      'Nom;Société;E-mail\r\nA;Acmé;a@acme.fr\r\nX;Corp;x@corp.fr\r\nY;"Corp; SA";y@corp.fr\r\nB;Gm;b@gmail.com\r\nZ;Corp;z@corp.fr\r\n',
      'latin1',
    );
    const { campaign } = await check('U0SALES', { list });
    const requested = await press('U0SALES', 'campaign_request', campaign);
    const request = requested.calls.find((c) => c.method === 'chat.postMessage');
    const reviewButtons = renderBlocks(request?.args.blocks as never).buttons.filter(
      (b) => b.action_id === 'campaign_review_group',
    );
    expect(reviewButtons.map((b) => b.label)).toEqual([
      'Examiné (3) : Adresse professionnelle nominative',
      'Examiné (2) : Information à la collecte',
    ]);
    expect(reviewButtons.every((b) => b.confirm)).toBe(true);
    const [nominative, notice] = reviewButtons.map((b) => b.value ?? '');
    const review = (user: string, value: string) =>
      slack.user.press({ action_id: 'campaign_review_group', value, block_id: 'review' }, { user });

    // The role (four eyes: see review.test.ts) and a forged value are refused, and nothing is recorded.
    expect(visibleText(await review('U0SALES', nominative ?? ''))).toContain('Reserved to the policy role');
    expect(visibleText(await review('U0DPO', nominative ?? ''))).toContain('Réservé au rôle');
    const forged = JSON.stringify({ id: campaign.id, rule: 'ecomm-b2c-prior-consent' });
    expect(visibleText(await review('U0MANAGER', forged))).toContain('Aucun groupe « à vérifier »');
    expect((await slack.store.findCampaign(campaign.id))?.reviewed).toBeUndefined();

    const thirdList = () =>
      slack.slack
        .uploadsIn(campaign.slack?.ts ?? '')
        .filter((f) => f.name === `${campaign.id}-allowed-reviewed.csv`)
        .at(-1)
        ?.bytes.toString('latin1');
    const done = await review('U0MANAGER', nominative ?? '');
    const said = done.calls.find((c) => c.method === 'chat.postMessage');
    expect(said?.args.text).toBe(
      '🔎 <@U0MANAGER> a examiné et laissé passer le groupe « Adresse professionnelle nominative » (b2b-professional-nominative-address) : 3 destinataires. Autorisés + vérifiés : 2.',
    );
    // y and z are also held by the notice: only x joins the allowed row for now.
    expect(thirdList()).toBe('Nom;Société;E-mail\r\nA;Acmé;a@acme.fr\r\nX;Corp;x@corp.fr\r\n');
    const next = renderBlocks(said?.args.blocks as never).buttons;
    expect(next.map((b) => b.action_id)).toEqual([
      'campaign_approve_cleaned',
      'campaign_approve_reviewed',
      'campaign_reject',
      'campaign_review_group',
    ]);
    expect(next.find((b) => b.action_id === 'campaign_review_group')?.value).toBe(notice);
    expect(visibleText(await review('U0MANAGER', nominative ?? ''))).toContain('déjà été examiné');
    await review('U0MANAGER', notice ?? '');
    // The checked file's own rows, columns, encoding and quoting: the allowed row and the reviewed ones.
    expect(thirdList()).toBe(
      'Nom;Société;E-mail\r\nA;Acmé;a@acme.fr\r\nX;Corp;x@corp.fr\r\nY;"Corp; SA";y@corp.fr\r\nZ;Corp;z@corp.fr\r\n',
    );

    const approved = await press('U0MANAGER', 'campaign_approve_reviewed', campaign);
    expect(approved.calls.find((c) => c.method === 'chat.postMessage')?.args.text).toBe(
      `✅ Liste autorisés + vérifiés approuvée par <@U0MANAGER> : 4 destinataires (3 après examen), politique ${campaign.policyRevision}.`,
    );
    const stored = await slack.store.findCampaign(campaign.id);
    expect(stored?.status).toBe('approved-reviewed');
    expect(stored?.history.map((e) => [e.event, e.by])).toEqual([
      ['checked', 'slack:U0SALES'],
      ['approval-requested', 'slack:U0SALES'],
      ['group-reviewed', 'slack:U0MANAGER'],
      ['group-reviewed', 'slack:U0MANAGER'],
      ['approved-reviewed', 'slack:U0MANAGER'],
    ]);
    expect(JSON.stringify(stored)).not.toContain('y@corp.fr');
    const trail = await slack.store.auditTrail({ actor: 'slack:U0MANAGER' });
    expect(trail.some((e) => e.action === 'campaign.review' && e.outcome === 'done')).toBe(true);
  });

  it('writes the allowed + reviewed list of a pasted list from the list shared in the thread', async () => {
    const { campaign } = await check('U0SALES', { pasted: 'a@acme.fr\nz@corp.fr\nb@gmail.com' });
    await press('U0SALES', 'campaign_request', campaign);
    for (const group of campaign.groups.filter((g) => g.verdict === 'review')) {
      const value = JSON.stringify({ id: campaign.id, rule: group.rule });
      const press = { action_id: 'campaign_review_group', value, block_id: 'review' };
      await slack.user.press(press, { user: 'U0MANAGER' });
    }
    const third = slack.slack
      .uploadsIn(campaign.slack?.ts ?? '')
      .filter((f) => f.name === `${campaign.id}-allowed-reviewed.csv`)
      .at(-1);
    expect(third?.bytes.toString('utf8')).toBe('email\na@acme.fr\nz@corp.fr\n');
  });

  it('refuses self-approval (four eyes) even to an approver', async () => {
    const { campaign } = await check('U0MANAGER', { pasted: 'a@acme.fr' });
    await press('U0MANAGER', 'campaign_request', campaign);
    const self = await press('U0MANAGER', 'campaign_approve', campaign);
    expect(visibleText(self)).toContain('Quatre yeux');
    expect((await slack.store.findCampaign(campaign.id))?.status).toBe('awaiting-approval');
    const refusals = await slack.store.auditTrail({ actor: 'slack:U0MANAGER' });
    expect(refusals.some((e) => e.outcome === 'refused' && e.detail?.includes('four eyes'))).toBe(true);
  });

  it('rejects with a reason given in a modal', async () => {
    const { campaign } = await check('U0SALES', { pasted: 'a@acme.fr' });
    await press('U0SALES', 'campaign_request', campaign);
    const opened = await press('U0MANAGER', 'campaign_reject', campaign);
    const view = opened.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView;
    const done = await slack.user.submit(
      view,
      { reason: textValue('Offre non validée par le juridique') },
      { user: 'U0MANAGER' },
    );
    expect(visibleText(done)).toContain('⛔ Refusée par @U0MANAGER : Offre non validée par le juridique');
    expect(done.calls.find((c) => c.method === 'chat.postMessage')?.args.thread_ts).toBe(campaign.slack?.ts);
    expect(reportText(done.calls.find((c) => c.method === 'chat.update'))).toMatch(/^⛔ Refusée/);
    // The footer follows the status: a rejected campaign is no longer "approvable until …".
    const report = reportText(done.calls.find((c) => c.method === 'chat.update'));
    expect(report).toContain('⛔ Refusée : elle ne peut plus être approuvée');
    expect(report).not.toContain('approbation possible');
    const stored = await slack.store.findCampaign(campaign.id);
    expect(stored?.history.at(-1)).toMatchObject({
      event: 'rejected',
      by: 'slack:U0MANAGER',
      reason: 'Offre non validée par le juridique',
    });
  });

  it('asks for a new check when the policy changed, the check expired, or the list or template changed', async () => {
    const first = await check('U0SALES', { pasted: 'a@acme.fr' });
    await press('U0SALES', 'campaign_request', first.campaign);
    const policy = slack.ctx.policy;
    slack.ctx.policies?.swap({ ...policy, revision: 'edited000000' });
    expect(visibleText(await press('U0MANAGER', 'campaign_approve', first.campaign))).toContain(
      'La politique a changé',
    );
    slack.ctx.policies?.swap(policy);
    const clock = slack.ctx.clock;
    slack.ctx.clock = () => new Date('2026-12-24T10:30:00+01:00');
    expect(visibleText(await press('U0MANAGER', 'campaign_approve', first.campaign))).toContain('a expiré');
    slack.ctx.clock = clock;

    const changed = await check('U0SALES', {
      pasted: 'a@acme.fr',
      template: `${GOOD_TEMPLATE}\nNouveau : -20 %`,
    });
    expect(changed.campaign.id).not.toBe(first.campaign.id);
    expect(changed.campaign.templateHash).not.toBe(first.campaign.templateHash);
    expect(changed.campaign.listHash).toBe(first.campaign.listHash);
    await press('U0SALES', 'campaign_request', changed.campaign);
    const ok = await press('U0MANAGER', 'campaign_approve', changed.campaign);
    expect(ok.calls.find((c) => c.method === 'chat.postMessage')?.args.text).toContain(
      'Approuvée par <@U0MANAGER>, telle que vérifiée : 1 destinataire',
    );
    // The new check replaced the old one: its report says so and its approval can no longer be given.
    expect((await slack.store.findCampaign(first.campaign.id))?.status).toBe('superseded');
    const redrawn = changed.submitted.calls.find(
      (c) => c.method === 'chat.update' && c.args.ts === first.campaign.slack?.ts,
    );
    expect(reportText(redrawn)).toMatch(/^↩️ Remplacée par une nouvelle vérification/);
    expect(visibleText(await press('U0MANAGER', 'campaign_approve', first.campaign))).toContain(
      'Une vérification plus récente',
    );
  });
});

describe('approvers named for a channel', () => {
  it('asks the channel’s approvers instead of the approve role', async () => {
    const policy = slack.ctx.policy;
    slack.ctx.policies?.swap({
      ...policy,
      doc: {
        ...policy.doc,
        campaign: { ...policy.doc.campaign, approvers_by_channel: { C0SALES: ['U0DPO'] } },
      },
    });
    const { campaign } = await check('U0SALES', { pasted: 'a@acme.fr' });
    const requested = await press('U0SALES', 'campaign_request', campaign);
    expect(
      JSON.stringify(requested.calls.find((c) => c.method === 'chat.postMessage')?.args.blocks),
    ).toContain('<@U0DPO>');
    expect(visibleText(await press('U0MANAGER', 'campaign_approve', campaign))).toContain('Réservé au rôle');
    const approved = await press('U0DPO', 'campaign_approve', campaign);
    expect(approved.calls.find((c) => c.method === 'chat.postMessage')?.args.text).toContain(
      'Approuvée par <@U0DPO>',
    );
  });
});
