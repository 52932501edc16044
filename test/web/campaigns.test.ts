import { beforeEach, describe, expect, it } from 'vitest';
import { emailIdentifier } from '../../src/domain/identifiers.ts';
import { runCampaignCheck } from '../../src/services/campaign.ts';
import { decideOnCampaign } from '../../src/services/campaignDecisions.ts';
import { optOut } from '../../src/services/record.ts';
import { withEveryRole } from '../support/actors.ts';
import { type ConsoleHarness, consoleHarness } from '../support/console.ts';
import { financeProfessional } from '../support/subjects.ts';

/**
 * The Campaigns pages: the DPO reads every campaign in French at Paris time; a salesperson sees only what she
 * checked herself, and of anyone else's campaign nothing but a refusal; a check before sending is a form (CSRF)
 * whose outcome says who objected since approval; lists are downloaded as attachments, by fixed kind.
 */

const TEMPLATE = 'Objet : Votre comptabilité simplifiée\nExemple SAS\nSe désinscrire : {{unsubscribe}}';

let h: ConsoleHarness;

beforeEach(() => {
  h = consoleHarness();
});

/** alice, bob and carol, finance professionals, checked at NOW by `by` and approved by a manager. */
async function approvedCampaign(by: string, name: string): Promise<string> {
  const { ctx } = h;
  for (const email of ['alice@corp.fr', 'bob@corp.fr', 'carol@corp.fr'])
    if (!(await ctx.store.findContact(emailIdentifier(email))))
      await ctx.store.saveContact(financeProfessional(email), new Date('2026-01-05T09:00:00Z'));
  const list = { kind: 'pasted' as const, text: 'alice@corp.fr\nbob@corp.fr\ncarol@corp.fr' };
  const fields = {
    name,
    channel: 'email',
    product: 'accounting-software',
    template: TEMPLATE,
    checkedBy: by,
  };
  const { campaign } = await runCampaignCheck(ctx, { ...fields, end: '2026-11-27T18:00' }, list);
  await decideOnCampaign(ctx, campaign.id, withEveryRole(by), 'request');
  await decideOnCampaign(ctx, campaign.id, withEveryRole('slack:U0MANAGER'), 'approve');
  return campaign.id;
}

/** Bob objects an hour after the approval. */
async function bobObjects() {
  h.ctx.clock = () => new Date('2026-11-23T11:30:00+01:00');
  await optOut(h.ctx, { email: 'bob@corp.fr', origin: 'cli:dpo' });
}

describe('the Campaigns pages', () => {
  it('lists the campaigns to the DPO in French, newest first, with names, local time and counts', async () => {
    const id = await approvedCampaign('slack:U0SALES', 'Relance automne');
    h.ctx.clock = () => new Date('2026-11-23T10:45:00+01:00');
    const later = { kind: 'pasted' as const, text: 'alice@corp.fr' };
    const fields = {
      name: 'Plus récente',
      channel: 'sms',
      product: 'accounting-software',
      checkedBy: 'cli:ops',
    };
    await runCampaignCheck(h.ctx, fields, later);
    const { cookie } = await h.signIn('U0DPO');
    const list = await h.get('/campaigns', cookie);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('<h1>Campagnes</h1>');
    expect(html).toContain('✅ Approuvée');
    expect(html).toContain(`href="/campaigns/${id}">Relance automne</a>`);
    expect(html).toContain('Sam Vidal');
    expect(html).toContain('lundi 23 novembre 2026 à 10:30');
    expect(html).toContain('<td class="number verdict-allow">3</td>');
    expect(html).not.toContain('slack:U0SALES');
    expect(html.indexOf('Plus récente')).toBeLessThan(html.indexOf('Relance automne'));
    expect(html).toContain('ops (ligne de commande)');
    expect(html).toContain('<td>SMS</td>');

    const page = await (await h.get(`/campaigns/${id}`, cookie)).text();
    expect(page).toContain('Campagne « Relance automne »');
    expect(page).toContain('✅ 3 autorisés · ⚠️ 0 à vérifier · ⛔ 0 bloqué');
    expect(page).toContain('e-mail · ');
    expect(page).toContain('approuvée par U0MANAGER');
    expect(page).toContain('approbation demandée par Sam Vidal');
    expect(page).toContain('Vérifiée le lundi 23 novembre 2026 à 10:30 par Sam Vidal');
    expect(page).toContain(`action="/campaigns/${id}/recheck"`);
    const actions = (await h.store.auditTrail()).map((e) => `${e.actor} ${e.action} ${e.outcome}`);
    expect(actions).toContain('slack:U0DPO campaign.view done');
    expect(actions).toContain('slack:U0DPO campaign.list done');
  });

  it('refuses a salesperson anyone else’s campaign with 403 and none of its data, and audits it', async () => {
    const id = await approvedCampaign('slack:U0DPO', 'Campagne de Dana');
    const own = await approvedCampaign('slack:U0SALES', 'My own');
    const { cookie, csrf } = await h.signIn('U0SALES');
    const list = await (await h.get('/campaigns', cookie)).text();
    expect(list).toContain('My own');
    expect(list).not.toContain('Campagne de Dana');
    expect(list).not.toContain(id);
    for (const response of [
      await h.get(`/campaigns/${id}`, cookie),
      await h.get(`/campaigns/${id}/files/cleaned`, cookie),
      await h.post(`/campaigns/${id}/recheck`, cookie, { _csrf: csrf }),
    ]) {
      expect(response.status).toBe(403);
      const body = await response.text();
      expect(body).toContain('This page needs the');
      expect(body).not.toMatch(/Campagne de Dana|allowed ·|alice|@corp/);
    }
    expect((await h.store.findCampaign(id))?.recheck).toBeUndefined();
    const refused = await h.store.auditTrail({ actor: 'slack:U0SALES' });
    expect(refused.filter((e) => e.outcome === 'refused').map((e) => e.action)).toEqual([
      'campaign.view',
      'campaign.download',
      'campaign.recheck',
    ]);
    expect((await h.get(`/campaigns/${own}`, cookie)).status).toBe(200);
  });

  it('does not check again on a POST without the form token', async () => {
    const id = await approvedCampaign('slack:U0SALES', 'Relance');
    await bobObjects();
    const { cookie } = await h.signIn('U0DPO');
    const before = await h.store.findCampaign(id);
    const response = await h.post(`/campaigns/${id}/recheck`, cookie, {});
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Ce formulaire a expiré');
    expect(await h.store.findCampaign(id)).toEqual(before);
    expect((await h.store.auditTrail({ action: 'campaign.recheck' })).length).toBe(0);
  });

  it('checks again before sending and says who objected since approval, audited once', async () => {
    const id = await approvedCampaign('slack:U0SALES', 'Relance');
    await bobObjects();
    const { cookie, csrf } = await h.signIn('U0DPO');
    const response = await h.post(`/campaigns/${id}/recheck`, cookie, { _csrf: csrf });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/campaigns/${id}?rechecked=1`);
    const page = await (await h.get(`/campaigns/${id}?rechecked=1`, cookie)).text();
    expect(page).toContain('Vérification faite');
    expect(page).toContain('lundi 23 novembre 2026 à 11:30, 2 sur 3 encore autorisés');
    expect(page).toMatch(/1 destinataire s’est opposé depuis l’approbation .*ligne 2/);
    expect(page).not.toContain('bob@corp.fr');
    expect(page).toContain('vérifiée à nouveau par Dana Pons');
    // A recheck drops the lists of the check: only its own may be used now.
    expect(page).not.toContain('/files/cleaned');
    const audits = await h.store.auditTrail({ action: 'campaign.recheck' });
    expect(audits.map((e) => `${e.actor} ${e.outcome}`)).toEqual(['slack:U0DPO done']);
  });

  it('downloads the cleaned list as an attachment, to those who may see the campaign only', async () => {
    const id = await approvedCampaign('slack:U0DPO', 'Relance');
    const { cookie } = await h.signIn('U0DPO');
    const page = await (await h.get(`/campaigns/${id}`, cookie)).text();
    expect(page).toContain(`href="/campaigns/${id}/files/cleaned"`);
    const file = await h.get(`/campaigns/${id}/files/cleaned`, cookie);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${id}-cleaned.csv"`);
    expect(file.headers.get('content-type')).toBe('text/csv');
    expect((await file.text()).split(/\r?\n/).filter(Boolean)).toEqual([
      'email',
      'alice@corp.fr',
      'bob@corp.fr',
      'carol@corp.fr',
    ]);
    expect((await h.store.auditTrail({ action: 'campaign.download' })).map((e) => e.detail)).toEqual([
      `${id} cleaned`,
    ]);
    // Only a fixed kind names a file: anything else is no page at all.
    expect((await h.get(`/campaigns/${id}/files/..%2F..%2Fetc%2Fpasswd`, cookie)).status).toBe(404);
    const sales = await h.signIn('U0SALES');
    expect((await h.get(`/campaigns/${id}/files/cleaned`, sales.cookie)).status).toBe(403);
  });

  it('checks again and gives the updated list to send to, without whoever objected, as an attachment', async () => {
    const id = await approvedCampaign('slack:U0SALES', 'Relance');
    await bobObjects();
    const { cookie, csrf } = await h.signIn('U0DPO');
    expect((await h.post(`/campaigns/${id}/files/rechecked`, cookie, {})).status).toBe(403);
    expect((await h.store.findCampaign(id))?.recheck).toBeUndefined();
    const file = await h.post(`/campaigns/${id}/files/rechecked`, cookie, { _csrf: csrf });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${id}-rechecked.csv"`);
    expect((await file.text()).split(/\r?\n/).filter(Boolean)).toEqual([
      'email',
      'alice@corp.fr',
      'carol@corp.fr',
    ]);
    const audits = (await h.store.auditTrail()).filter((e) => e.action.startsWith('campaign.'));
    expect(audits.map((e) => `${e.action} ${e.detail?.startsWith(id) ? 'id' : e.detail}`).slice(-2)).toEqual([
      'campaign.recheck id',
      'campaign.download id',
    ]);
  });

  it('answers an unknown campaign with a 404 page, without a stack', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    for (const response of [
      await h.get('/campaigns/cmp-nope', cookie),
      await h.post('/campaigns/cmp-nope/recheck', cookie, { _csrf: csrf }),
      await h.get('/campaigns/cmp-nope/files/cleaned', cookie),
    ]) {
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).toContain('Aucune vérification de campagne n’a l’identifiant « cmp-nope »');
      expect(body).not.toMatch(/at .*\.ts|Error|unknown_campaign/);
    }
    expect(h.logs).toEqual([]);
  });
});
