import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/policy/access.ts';
import { clickAndWait, consoleInBrowser, screenshot } from '../support/browser.ts';
import { ACTORS, consoleHarness, TEAM } from '../support/console.ts';

let served: Awaited<ReturnType<typeof consoleInBrowser>>;
const h = consoleHarness(new Date());

beforeAll(async () => {
  for (const [email, name, collectedAt] of [
    ['old@corp.fr', 'Olga Ancienne', '2023-01-10T08:00:00Z'],
    ['soon@corp.fr', 'Sophie Bientôt', new Date(Date.now() - (3 * 365 - 10) * 86_400_000).toISOString()],
  ] as const)
    await h.store.saveContact(
      { email, name, owner: 'U0SALES', provenance: { source: 'form', collection: 'direct', collectedAt } },
      new Date(),
    );
  const workspace = {
    ctx: h.ctx,
    actorOf: async (u: string) => ACTORS[u] as Actor,
    lang: async () => 'fr' as const,
  };
  served = await consoleInBrowser(h.sessions, workspace, (line) => h.logs.push(line));
}, 60_000);

afterAll(async () => {
  await served?.close();
});

it('in a real browser: the weekly chart is drawn, and a purge goes only once its list is confirmed', async () => {
  const page = await served.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${served.url}/signin/${h.sessions.link(TEAM, 'U0DPO')}`);
  await page.goto(`${served.url}/deadlines`);
  // Chart.js drew the canvas (it sizes it and paints pixels): no CSP refusal, no script error.
  await page.waitForFunction(() => {
    const canvas = document.querySelector('canvas[data-chart]') as HTMLCanvasElement | null;
    return canvas !== null && canvas.width > 0 && (window as { Chart?: unknown }).Chart !== undefined;
  });
  expect(errors).toEqual([]);
  expect(await page.content()).toContain('Sophie Bientôt');
  await screenshot(page, 'console-deadlines');
  await clickAndWait(page, 'a[href="/deadlines/purge"]');
  expect(await page.content()).toContain('Olga Ancienne (old@corp.fr)');
  // The button does nothing until the box is ticked (the browser keeps the form).
  await page.click('button.danger');
  expect(page.url()).toMatch(/\/deadlines\/purge$/);
  expect(await h.store.findContact({ kind: 'email', value: 'old@corp.fr' })).toBeDefined();
  await page.click('input[name="understood"]');
  await clickAndWait(page, 'button.danger');
  expect(await page.$eval('.notice', (p) => p.textContent)).toContain('purgé : 1 contact');
  expect(await h.store.findContact({ kind: 'email', value: 'old@corp.fr' })).toBeUndefined();
  expect(await h.store.findContact({ kind: 'email', value: 'soon@corp.fr' })).toBeDefined();
  await screenshot(page, 'console-purge');
}, 60_000);
