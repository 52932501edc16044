import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { emailIdentifier } from '../../src/domain/identifiers.ts';
import { createApiKey } from '../../src/services/apiKeys.ts';
import { runCampaignCheck } from '../../src/services/campaign.ts';
import { decideOnCampaign } from '../../src/services/campaignDecisions.ts';
import type { AppContext } from '../../src/services/context.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { withEveryRole } from '../support/actors.ts';
import { policy } from '../support/policy.ts';
import { financeProfessional } from '../support/subjects.ts';
import { startTestApi } from './harness.ts';

/**
 * The sending tool asks at send time, with the campaign's id, and gets only the recipients still allowed:
 * whoever objected since approval, on any of her addresses, is not in it (GDPR art. 21(3), L.34-5 CPCE).
 */

type Api = Awaited<ReturnType<typeof startTestApi>>;
let api: Api | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

const TEMPLATE = 'Objet : Votre comptabilité simplifiée\nExemple SAS\nSe désinscrire : {{unsubscribe}}';

/** alice (in the harness), bob and carol: finance professionals, checked on Monday and approved as checked. */
async function approvedCampaign(ctx: AppContext): Promise<string> {
  for (const email of ['bob@corp.fr', 'carol@corp.fr'])
    await ctx.store.saveContact(financeProfessional(email), new Date('2026-01-05T09:00:00Z'));
  const bob = await ctx.store.findContact(emailIdentifier('bob@corp.fr'));
  await ctx.store.editContact(
    bob?.id ?? '',
    { identifiers: { add: [emailIdentifier('bob@perso.fr')] } },
    new Date(),
  );
  const list = { kind: 'pasted' as const, text: 'alice@corp.fr\nbob@corp.fr\ncarol@corp.fr' };
  const fields = {
    channel: 'email',
    product: 'accounting-software',
    template: TEMPLATE,
    checkedBy: 'slack:U0SALES',
  };
  const { campaign } = await runCampaignCheck(ctx, { ...fields, end: '2026-11-27T18:00' }, list);
  await decideOnCampaign(ctx, campaign.id, withEveryRole('slack:U0SALES'), 'request');
  await decideOnCampaign(ctx, campaign.id, withEveryRole('slack:U0MANAGER'), 'approve');
  return campaign.id;
}

describe('POST /campaigns/{id}/recheck', () => {
  it('answers the recipients still allowed, and who to drop with why, to a key that may read them', async () => {
    api = await startTestApi();
    const id = await approvedCampaign(api.ctx);
    const ask = await api.key('sequencer', 'decide');
    const sender = await api.key('sender', 'decide,campaigns');
    const objections = await api.key('crm', 'objections');

    // Bob objects on his personal address an hour after the approval.
    api.ctx.clock = () => new Date('2026-11-23T11:30:00+01:00');
    expect((await api.call(objections, '/objections', { email: 'bob@perso.fr' })).status).toBe(201);

    // A key that may only ask about people it holds may not read a campaign's recipients.
    const refused = await api.call(ask, `/campaigns/${id}/recheck`, {}, { 'accept-language': 'en' });
    expect([refused.status, refused.json.detail]).toEqual([
      403,
      'Key "sequencer" does not have the scope "campaigns" (it has: decide).',
    ]);

    const r = await api.call(sender, `/campaigns/${id}/recheck`, {}, { 'accept-language': 'fr-FR' });
    expect(r.status).toBe(200);
    expect(r.json.allowed).toEqual(['alice@corp.fr', 'carol@corp.fr']);
    expect(r.json.dropped).toEqual([
      {
        target: 'bob@corp.fr',
        line: 2,
        reason: 'objected',
        why: 's’est opposé depuis l’approbation',
        rules: ['optout-right-to-object'],
      },
    ]);
    expect(r.json.counts).toEqual({ approved: 3, allowed: 2, dropped: 1, byReason: { objected: 1 } });
    expect(r.json.campaign).toMatchObject({ id, status: 'approved', channel: 'email' });
    expect(r.json.decidedFor).toEqual(['2026-11-23T10:30:00.000Z', '2026-11-27T17:00:00.000Z']);

    // The answer is what the OpenAPI document says.
    const doc = (await api.call(undefined, '/openapi.json')).json;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ ...doc, $id: 'doc' });
    const schema = ajv.compile({
      $ref: 'doc#/paths/~1api~1v1~1campaigns~1{id}~1recheck/post/responses/200/content/application~1json/schema',
    });
    expect(schema(r.json), JSON.stringify(schema.errors)).toBe(true);

    // Audited under the key's name with counts only.
    const trail = await api.store.auditTrail({ action: 'campaign.recheck' });
    expect(trail.map((e) => [e.actor, e.outcome, e.detail])).toEqual([
      ['api:sender', 'done', `${id}: 3 approved, 2 still allowed, 1 dropped (objected 1)`],
    ]);
  });

  it('answers 409 for a campaign not approved, 404 for an unknown id, 405 for another method', async () => {
    api = await startTestApi();
    const sender = await api.key('sender', 'campaigns');
    const list = { kind: 'pasted' as const, text: 'alice@corp.fr' };
    const fields = {
      channel: 'email',
      product: 'accounting-software',
      template: TEMPLATE,
      checkedBy: 'cli:x',
    };
    const { campaign } = await runCampaignCheck(api.ctx, fields, list);
    const pending = await api.call(
      sender,
      `/campaigns/${campaign.id}/recheck`,
      {},
      { 'accept-language': 'en' },
    );
    expect([pending.status, pending.json.code, pending.json.detail]).toEqual([
      409,
      'campaign_not_approved',
      `Campaign "${campaign.id}" is not approved: nothing may be sent for it.`,
    ]);
    const unknown = await api.call(sender, '/campaigns/cmp-00000000/recheck', {});
    expect([unknown.status, unknown.json.code]).toEqual([404, 'unknown_campaign']);
    expect((await api.call(sender, `/campaigns/${campaign.id}/recheck`)).status).toBe(405);
  });

  it('answers the same 404 for a campaign of another register as for one that does not exist', async () => {
    const a = new MemoryStore();
    const b = new MemoryStore();
    const clock = () => new Date('2026-11-23T10:30:00+01:00');
    const ours: AppContext = { store: a, policy, clock };
    const theirs: AppContext = { store: b, policy, clock, workspace: 'T0OTHER' };
    await a.saveContact(financeProfessional('alice@corp.fr'), new Date('2026-01-05T09:00:00Z'));
    await b.saveContact(financeProfessional('alice@corp.fr'), new Date('2026-01-05T09:00:00Z'));
    const elsewhere = await approvedCampaign(theirs);
    const app = createApi(
      {
        forWorkspace: async (w) => (w === 'T0OTHER' ? theirs : w === undefined ? ours : undefined),
        defaultLang: () => 'en',
      },
      { rateLimit: 600 },
    );
    const { token } = await createApiKey(ours, { name: 'sender', scopes: 'campaigns', by: 'cli:dpo' });
    const ask = async (id: string) => {
      const response = await app.request(`/api/v1/campaigns/${id}/recheck`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: response.status, text: (await response.text()).replaceAll(id, 'ID') };
    };
    const other = await ask(elsewhere);
    expect(other.status).toBe(404);
    expect(other).toEqual(await ask('cmp-ffffffff'));
    expect((await b.findCampaign(elsewhere))?.recheck).toBeUndefined();
  });
});
