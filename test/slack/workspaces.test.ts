import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/services/context.ts';
import { openWorkspace } from '../../src/services/workspaces.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { startWorkspacesApp } from '../../src/slack/emulator/workspacesHarness.ts';
import { FileInstallations } from '../../src/store/installations.ts';
import { cli, HASH_ENV, policy, tempDir } from '../helpers.ts';

type Running = Awaited<ReturnType<typeof startWorkspacesApp>>;
let running: { app: Running; opened: AppContext[] } | undefined;
afterEach(async () => {
  await running?.app.stop();
  for (const ctx of running?.opened ?? []) await ctx.store.close();
  running = undefined;
});

/** The app serving many workspaces from files in a fresh folder; installs T0ALPHA and T0BETA. */
async function twoWorkspaces() {
  const dir = tempDir();
  const opened: AppContext[] = [];
  const layout = {
    store: join(dir, 'prospect-guard.json'),
    policy,
    env: HASH_ENV,
    clock: () => new Date('2026-11-23T10:30:00+01:00'),
  };
  const app = await startWorkspacesApp({
    installations: new FileInstallations(join(dir, 'installations.json')),
    workspaces: async (key) => {
      const ctx = await openWorkspace(layout, key);
      opened.push(ctx);
      return ctx;
    },
    logLevel: LogLevel.ERROR,
  });
  running = { app, opened };
  expect(await app.install('T0ALPHA')).toBe(200);
  expect(await app.install('T0BETA')).toBe(200);
  return { app, dir, opened };
}

describe('many workspaces, one app', () => {
  it('installs through Slack OAuth and keeps each workspace register apart', async () => {
    const { app, dir } = await twoWorkspaces();
    const alpha = { team: 'T0ALPHA', user: 'U0SALES' };
    const beta = { team: 'T0BETA', user: 'U0SALES' };
    expect(visibleText(await app.user.command('/optout bob@acme.fr', alpha))).toContain('b***@acme.fr');
    const inAlpha = visibleText(await app.user.command('/can-i-email bob@acme.fr', alpha));
    const inBeta = visibleText(await app.user.command('/can-i-email bob@acme.fr', beta));
    expect(inAlpha).toMatch(/objected/);
    expect(inBeta).not.toMatch(/objected/);
    // Each answer went through its own workspace's bot token.
    const tokens = app.slack.calls
      .filter((c) => c.method === 'users.info')
      .map((c) => String(c.headers.authorization).split('-')[1]);
    expect(new Set(tokens)).toEqual(new Set(['T0ALPHA', 'T0BETA']));
    // The registers are two files: beta's holds no objection.
    expect(
      await app.router.workspace('T0BETA', app.app.client).then((w) => w.ctx.store.counts()),
    ).toMatchObject({
      suppressions: 0,
    });
    for (const team of ['T0ALPHA', 'T0BETA'])
      expect(existsSync(join(dir, 'workspaces', team, 'prospect-guard.json.journal'))).toBe(true);
  });

  it('never shows one workspace what the other holds, through the DPO commands', async () => {
    const { app } = await twoWorkspaces();
    await app.user.command('/optout carol@acme.fr', { team: 'T0ALPHA', user: 'U0SALES' });
    const seen = visibleText(
      await app.user.command('/prospect carol@acme.fr', { team: 'T0BETA', user: 'U0DPO' }),
    );
    expect(seen).not.toMatch(/objection|opposition/i);
    const there = visibleText(
      await app.user.command('/prospect carol@acme.fr', { team: 'T0ALPHA', user: 'U0DPO' }),
    );
    expect(there).toMatch(/opposition|objection/i);
  });

  it('stops answering a workspace that uninstalled the app, and keeps its register', async () => {
    const { app, dir } = await twoWorkspaces();
    await app.user.command('/optout dan@acme.fr', { team: 'T0ALPHA', user: 'U0SALES' });
    await app.user.event({ type: 'app_uninstalled' }, { team: 'T0ALPHA' });
    const after = await app.user.command('/can-i-email dan@acme.fr', { team: 'T0ALPHA', user: 'U0SALES' });
    expect(visibleText(after)).toBe('');
    expect(await new FileInstallations(join(dir, 'installations.json')).keys()).toEqual(['T0BETA']);
    // The register stays: objections outlive the app (and the app may be installed again).
    expect(existsSync(join(dir, 'workspaces', 'T0ALPHA', 'prospect-guard.json.journal'))).toBe(true);
  });
});

describe('the command line with --workspace', () => {
  it('works on that workspace register alone, and refuses an id that is not one', async () => {
    const run = cli(tempDir(), { lang: 'en' });
    expect((await run('--workspace', 'T0ALPHA', 'optout', '--email', 'eve@acme.fr')).status).toBe(0);
    const alpha = await run('--workspace', 'T0ALPHA', 'can-i', 'email', 'eve@acme.fr');
    const beta = await run('--workspace', 'T0BETA', 'can-i', 'email', 'eve@acme.fr');
    const plain = await run('can-i', 'email', 'eve@acme.fr');
    expect(alpha.out).toMatch(/objected/);
    expect(beta.out).not.toMatch(/objected/);
    expect(plain.out).not.toMatch(/objected/);
    const bad = await run('--workspace', '../etc', 'can-i', 'email', 'eve@acme.fr');
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('is not a Slack workspace id');
  });
});
