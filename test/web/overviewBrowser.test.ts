import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/policy/access.ts';
import { ask } from '../../src/services/ask.ts';
import { optOut } from '../../src/services/record.ts';
import { consoleInBrowser, screenshot } from '../support/browser.ts';
import { ACTORS, consoleHarness, TEAM } from '../support/console.ts';

let served: Awaited<ReturnType<typeof consoleInBrowser>>;
const h = consoleHarness(new Date());

beforeAll(async () => {
  await ask(h.ctx, { channel: 'email', target: 'jean.martin@gmail.com', askedBy: 'slack:U0SALES' });
  await ask(h.ctx, { channel: 'phone', target: '+33612345678', askedBy: 'api:crm' });
  await optOut(h.ctx, { email: 'ana@corp.fr', origin: 'slack:U0DPO' });
  const workspace = {
    ctx: h.ctx,
    actorOf: async (u: string) => ACTORS[u] as Actor,
    lang: async () => 'en' as const,
    nameOf: async (u: string) => (u === 'U0SALES' ? 'Sam Vidal' : u),
  };
  served = await consoleInBrowser(h.sessions, workspace, (line) => h.logs.push(line));
}, 60_000);

afterAll(async () => {
  await served?.close();
});

it('in a real browser: every chart of the overview is drawn, in English, with no script error', async () => {
  const page = await served.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${served.url}/signin/${h.sessions.link(TEAM, 'U0DPO')}`);
  await page.goto(`${served.url}/overview`);
  // Chart.js drew each canvas (Chart.getChart finds the chart it made there): no CSP refusal, no script error.
  await page.waitForFunction(() => {
    const canvases = [...document.querySelectorAll('canvas[data-chart]')] as HTMLCanvasElement[];
    const chart = (window as { Chart?: { getChart(c: HTMLCanvasElement): unknown } }).Chart;
    return (
      canvases.length === 5 && chart !== undefined && canvases.every((c) => chart.getChart(c) && c.width > 0)
    );
  });
  expect(errors).toEqual([]);
  const text = await page.$eval('main', (main) => main.textContent ?? '');
  expect(text).toContain('Questions by team');
  expect(text).toContain('Sam Vidal');
  expect(text).toContain('API key crm');
  expect(page.url()).toMatch(/\/overview$/);
  await screenshot(page, 'console-overview');
}, 60_000);
