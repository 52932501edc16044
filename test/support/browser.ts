import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { WebWorkspace } from '../../src/web/app.tsx';
import { startConsole } from '../../src/web/server.ts';
import type { Sessions } from '../../src/web/sessions.ts';

/** Screenshots of each flow's end, kept as test artefacts (not committed). */
export const ARTEFACTS = resolve(import.meta.dirname, '..', '..', 'test-artifacts');

/** The Chromium that @sparticuz/chromium carries in its npm package: nothing is downloaded at install. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTEFACTS, { recursive: true });
  return puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: [
      ...chromium.args,
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    headless: 'shell',
  });
}

/** A flow's last screen, as a file in test-artifacts/. */
export function screenshot(page: Page, name: string) {
  return page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
}

/** Clicks what submits a form or follows a link, and waits for the page it leads to. */
export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** The console on a free port over one workspace (whatever the team), and a browser to drive it. */
export async function consoleInBrowser(
  sessions: Sessions,
  workspace: WebWorkspace,
  log: (line: string) => void = () => undefined,
): Promise<{ browser: Browser; url: string; close(): Promise<void> }> {
  const web = await startConsole(
    { sessions, secure: false, log, workspace: async () => workspace },
    { port: 0 },
  );
  const browser = await launchBrowser();
  return {
    browser,
    url: web.url,
    close: async () => {
      await browser.close();
      await web.close();
    },
  };
}
