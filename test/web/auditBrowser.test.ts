import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/policy/access.ts';
import { clickAndWait, consoleInBrowser, screenshot } from '../support/browser.ts';
import { ACTORS, type ConsoleHarness, consoleHarness, TEAM } from '../support/console.ts';

let served: Awaited<ReturnType<typeof consoleInBrowser>>;
let h: ConsoleHarness;

beforeAll(async () => {
  h = consoleHarness();
  const entry = (at: string, actor: string, action: string) =>
    h.store.audit({ at, actor, action, outcome: 'done' });
  await entry('2026-11-01T08:00:00Z', 'cli:alice', 'contact.import');
  await entry('2026-11-20T09:00:00Z', 'slack:U0DPO', 'contact.view');
  await entry('2026-11-21T09:00:00Z', 'api:lemlist', 'consent.record');
  const workspace = {
    ctx: h.ctx,
    actorOf: async (u: string) => ACTORS[u] as Actor,
    lang: async () => 'fr' as const,
    nameOf: async (u: string) => (u === 'U0DPO' ? 'Dana Pons' : u),
  };
  served = await consoleInBrowser(h.sessions, workspace);
}, 60_000);

afterAll(async () => {
  await served?.close();
});

it('in a real browser: opens the audit trail, filters it, and sees the rows and that the chain is whole', async () => {
  const page = await served.browser.newPage();
  await page.goto(`${served.url}/signin/${h.sessions.link(TEAM, 'U0DPO')}`);
  await clickAndWait(page, 'nav a[href="/audit"]');
  expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Journal d’audit');
  expect(await page.$$('tr.outcome-done')).toHaveLength(3);
  await page.type('#action', 'contact');
  await clickAndWait(page, 'form.filters button');
  expect(page.url()).toContain('action=contact');
  const cells = await page.$$eval('table.audit td', (tds) => tds.map((td) => td.textContent));
  expect(cells).toContain('Fiche d’un contact consultée');
  expect(cells).toContain('alice (ligne de commande)');
  expect(cells).not.toContain('Consentement enregistré');
  expect(await page.$eval('.chain-ok', (p) => p.textContent)).toContain('Le journal est intact');
  await screenshot(page, 'console-audit');
}, 60_000);
