import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

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
