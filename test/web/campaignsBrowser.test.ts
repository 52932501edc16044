import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, COMPLIANCE_ROLES } from '../../src/policy/access.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import { runCampaignCheck } from '../../src/services/campaign.ts';
import { decideOnCampaign } from '../../src/services/campaignDecisions.ts';
import type { AppContext } from '../../src/services/context.ts';
import { optOut } from '../../src/services/record.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { Sessions } from '../../src/web/sessions.ts';
import { withEveryRole } from '../support/actors.ts';
import { clickAndWait, consoleInBrowser, screenshot } from '../support/browser.ts';
import { financeProfessional } from '../support/subjects.ts';

const policy = loadPolicy(join(import.meta.dirname, '..', '..', 'policy.yaml'));
const DPO: Actor = { id: 'slack:U0DPO', userId: 'U0DPO', roles: COMPLIANCE_ROLES, via: 'slack' };
const TEMPLATE = 'Objet : Votre comptabilité simplifiée\nExemple SAS\nSe désinscrire : {{unsubscribe}}';

let served: Awaited<ReturnType<typeof consoleInBrowser>>;
const sessions = new Sessions();
/** The register's clock runs with the real one; moved on a minute so bob's objection comes after approval. */
let shift = 0;

/** Three finance professionals, checked now for the next three days by a salesperson, approved by a manager. */
async function approvedCampaign(ctx: AppContext): Promise<void> {
  for (const email of ['alice@corp.fr', 'bob@corp.fr', 'carol@corp.fr'])
    await ctx.store.saveContact(financeProfessional(email), new Date('2026-01-05T09:00:00Z'));
  const list = { kind: 'pasted' as const, text: 'alice@corp.fr\nbob@corp.fr\ncarol@corp.fr' };
  const end = new Date(Date.now() + 3 * 86_400_000);
  const fields = { name: 'Relance automne', channel: 'email', product: 'accounting-software' };
  const { campaign } = await runCampaignCheck(
    ctx,
    { ...fields, template: TEMPLATE, checkedBy: 'slack:U0SALES', end },
    list,
  );
  await decideOnCampaign(ctx, campaign.id, withEveryRole('slack:U0SALES'), 'request');
  await decideOnCampaign(ctx, campaign.id, withEveryRole('slack:U0MANAGER'), 'approve');
  shift = 60_000;
  await optOut(ctx, { email: 'bob@corp.fr', origin: 'cli:dpo' });
}

beforeAll(async () => {
  const store = new MemoryStore();
  const ctx = { store, policy, clock: () => new Date(Date.now() + shift) };
  await approvedCampaign(ctx);
  const names: Record<string, string> = { U0DPO: 'Dana Pons', U0SALES: 'Sam Vidal' };
  const workspace = {
    ctx,
    actorOf: async () => DPO,
    lang: async () => 'fr' as const,
    nameOf: async (u: string) => names[u] ?? u,
  };
  served = await consoleInBrowser(sessions, workspace);
}, 60_000);

afterAll(async () => {
  await served?.close();
});

it('in a real browser: opens Campaigns, a campaign, checks it again before sending and sees bob dropped', async () => {
  const page = await served.browser.newPage();
  await page.goto(`${served.url}/signin/${sessions.link('T0', 'U0DPO')}`);
  await clickAndWait(page, 'header nav a[href="/campaigns"]');
  expect(await page.$eval('h1', (h) => h.textContent)).toBe('Campagnes');
  expect(await page.$eval('table.campaigns tbody', (t) => t.textContent)).toContain('Sam Vidal');
  await clickAndWait(page, 'table.campaigns td a');
  expect(await page.$eval('h1', (h) => h.textContent)).toBe('Campagne « Relance automne »');
  expect(await page.content()).toContain('Pas encore vérifiée avant envoi.');
  await clickAndWait(page, 'form.recheck-form button');
  expect(await page.$eval('.notice', (p) => p.textContent)).toContain('Vérification faite');
  expect(await page.$eval('.recheck .counts', (p) => p.textContent)).toContain('2 sur 3 encore autorisés');
  expect(await page.$eval('ul.dropped', (u) => u.textContent)).toContain('s’est opposé depuis l’approbation');
  await screenshot(page, 'console-campaign');
}, 60_000);
