import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, COMPLIANCE_ROLES } from '../../src/policy/access.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { Sessions } from '../../src/web/sessions.ts';
import { clickAndWait, consoleInBrowser, screenshot } from '../support/browser.ts';

const policy = loadPolicy(join(import.meta.dirname, '..', '..', 'policy.yaml'));
const DPO: Actor = { id: 'slack:U0DPO', userId: 'U0DPO', roles: COMPLIANCE_ROLES, via: 'slack' };

let served: Awaited<ReturnType<typeof consoleInBrowser>>;
const sessions = new Sessions();

beforeAll(async () => {
  const store = new MemoryStore();
  await store.saveContact(
    {
      email: 'alice@corp.fr',
      name: 'Alice Martin',
      owner: 'U0SALES',
      provenance: { source: 'form', collection: 'direct', collectedAt: '2026-10-01T08:00:00Z' },
    },
    new Date(),
  );
  await store.saveContact(
    { email: 'bruno@petit.fr', phone: '+33612345678', name: 'Bruno Petit', owner: 'U0SALES' },
    new Date(),
  );
  const ctx = { store, policy, clock: () => new Date() };
  const workspace = { ctx, actorOf: async () => DPO, lang: async () => 'fr' as const };
  served = await consoleInBrowser(sessions, workspace);
}, 60_000);

afterAll(async () => {
  await served?.close();
});

it('in a real browser: signs in by link, searches, opens a contact, records an objection and sees it blocked', async () => {
  const page = await served.browser.newPage();
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  await page.goto(`${served.url}/signin/${sessions.link('T0', 'U0DPO')}`);
  await page.type('#query', 'martin');
  await clickAndWait(page, 'form[action="/register"] button');
  expect(await page.content()).toContain('1 contact trouvé');
  await clickAndWait(page, 'td a');
  expect(await page.$eval('h1', (h) => h.textContent)).toBe('Alice Martin');
  expect(await page.$$('.verdict-block')).toHaveLength(0);
  await page.select('#channel', 'email');
  await clickAndWait(page, 'form[action$="/objection"] button');
  expect(await page.$eval('.notice', (p) => p.textContent)).toContain('Opposition enregistrée');
  expect(await page.$$('.verdict-block')).toHaveLength(1);
  await screenshot(page, 'console-objection');
  // No address or name in any URL the browser asked for.
  expect(urls.filter((url) => /alice|martin|%40/i.test(url))).toEqual([]);
}, 60_000);

it('in a real browser: edits a phone number from the contact page, and the page shows the new one', async () => {
  const page = await served.browser.newPage();
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  await page.goto(`${served.url}/signin/${sessions.link('T0', 'U0DPO')}`);
  await page.type('#query', 'petit');
  await clickAndWait(page, 'form[action="/register"] button');
  await clickAndWait(page, 'td a');
  await clickAndWait(page, 'a[href$="/edit"]');
  expect(await page.$eval('#f-phone', (input) => (input as HTMLInputElement).value)).toBe('+33612345678');
  await page.$eval('#f-phone', (input) => {
    (input as HTMLInputElement).value = '';
  });
  await page.type('#f-phone', '06 98 76 54 32');
  await screenshot(page, 'console-edit-form');
  await clickAndWait(page, 'form.edit button[type="submit"]');
  expect(await page.$eval('h1', (h) => h.textContent)).toBe('Bruno Petit');
  expect(await page.$eval('.notice', (p) => p.textContent)).toContain('Modifié');
  expect(await page.$eval('.identity', (p) => p.textContent)).toContain('+33698765432');
  await screenshot(page, 'console-edit-phone');
  expect(urls.filter((url) => /bruno|petit|%40|698765/i.test(url))).toEqual([]);
}, 60_000);
