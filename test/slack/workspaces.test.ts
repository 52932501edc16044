import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../../src/api/server.ts';
import { createApiKey } from '../../src/services/apiKeys.ts';
import type { AppContext } from '../../src/services/context.ts';
import { openWorkspace } from '../../src/services/workspaces.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { startWorkspacesApp } from '../../src/slack/emulator/workspacesHarness.ts';
import { installedRegisters } from '../../src/slack/workspaceJobs.ts';
import { FileInstallations } from '../../src/store/installations.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';

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

  it('never lets a button of one workspace reach a contact of another', async () => {
    const { app } = await twoWorkspaces();
    const alpha = await app.router.workspace('T0ALPHA', app.app.client);
    const { contact } = await alpha.ctx.store.saveContact(
      {
        email: 'gil@acme.fr',
        owner: 'U0SALES',
        provenance: { source: 'form', collection: 'direct', collectedAt: '2023-11-20T09:00:00Z' },
      },
      new Date('2026-11-23T09:00:00Z'),
    );
    // The buttons of alpha's reminders, pressed in beta (a forged or replayed payload): beta knows no such contact.
    const beta = { team: 'T0BETA', user: 'U0SALES' };
    const value = JSON.stringify({ c: contact.id, k: 'prospect' });
    const purge = await app.user.press({ action_id: 'retention_purge_one', value }, beta);
    expect(visibleText(purge)).toBe('This contact no longer exists (already purged?).');
    const renew = await app.user.press({ action_id: 'retention_renewed', value }, beta);
    expect(renew.calls.map((c) => c.method)).not.toContain('views.open');
    await app.user.press(
      { action_id: 'privacy_erase', value: 'gil@acme.fr' },
      { team: 'T0BETA', user: 'U0DPO' },
    );
    expect(await alpha.ctx.store.contactById(contact.id)).toBeDefined();
    const audit = await alpha.ctx.store.auditTrail();
    expect(audit.filter((e) => e.action.startsWith('retention') || e.action.startsWith('privacy'))).toEqual(
      [],
    );
  });

  it('maps an org-wide install to one register, asked from any workspace of the organisation', async () => {
    const { app, dir } = await twoWorkspaces();
    expect(await app.install('E0ACME')).toBe(200);
    const paris = { team: 'T0PARIS', enterprise: 'E0ACME', user: 'U0SALES' };
    const lyon = { team: 'T0LYON', enterprise: 'E0ACME', user: 'U0SALES' };
    expect(visibleText(await app.user.command('/optout fay@acme.fr', paris))).toContain('f***@acme.fr');
    // U0SALES's home is another workspace of the organisation (T0HQ): a member all the same.
    expect(visibleText(await app.user.command('/can-i-email fay@acme.fr', lyon))).toMatch(/objected/);
    const alpha = { team: 'T0ALPHA', user: 'U0SALES' };
    expect(visibleText(await app.user.command('/can-i-email fay@acme.fr', alpha))).not.toMatch(/objected/);
    // A partner of another organisation in a shared channel is still refused.
    const partner = await app.user.command('/can-i-email fay@acme.fr', { ...lyon, user: 'U0PARTNER' });
    expect(visibleText(partner)).toMatch(/another organisation|autre organisation/);
    expect(existsSync(join(dir, 'workspaces', 'E0ACME', 'prospect-guard.json.journal'))).toBe(true);
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

describe('the HTTP API with many workspaces', () => {
  it('reaches the register of the workspace a key names, never another', async () => {
    const { app } = await twoWorkspaces();
    const alpha = await app.router.workspace('T0ALPHA', app.app.client);
    const { token } = await createApiKey(alpha.ctx, {
      name: 'crm',
      scopes: 'decide,objections',
      by: 'cli:dpo',
    });
    expect(token).toMatch(/^pgk_T0ALPHA\./);
    const registers = installedRegisters(app.app, app.router, app.installations, () => 'en');
    const api = await startApi(registers, { port: 0, host: '127.0.0.1', rateLimit: 100 });
    try {
      const post = (key: string, path: string, body: unknown) =>
        fetch(`${api.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post(token, '/objections', { email: 'ida@acme.fr' })).status).toBe(201);
      expect((await alpha.ctx.store.counts()).suppressions).toBe(1);
      const beta = await app.router.workspace('T0BETA', app.app.client);
      expect((await beta.ctx.store.counts()).suppressions).toBe(0);
      // The same key with another workspace's name, or with none, is unknown.
      for (const forged of [token.replace('T0ALPHA', 'T0BETA'), token.replace('T0ALPHA.', '')])
        expect((await post(forged, '/decisions', { channel: 'email', target: 'ida@acme.fr' })).status).toBe(
          401,
        );
    } finally {
      await api.close();
    }
  });
});

describe('the command line with --workspace', () => {
  it('works on that workspace register alone, and refuses an id that is not one', async () => {
    const run = cli(tempDir(), { lang: 'en' });
    // A workspace register is made by the app's install, or on purpose by init; never by a write to a typo.
    expect((await run('--workspace', 'T0ALPHA', 'optout', '--email', 'eve@acme.fr')).err).toContain(
      'No store at',
    );
    for (const team of ['T0ALPHA', 'T0BETA']) expect((await run('--workspace', team, 'init')).status).toBe(0);
    expect((await run('--workspace', 'T0ALPHA', 'optout', '--email', 'eve@acme.fr')).status).toBe(0);
    const alpha = await run('--workspace', 'T0ALPHA', 'can-i', 'email', 'eve@acme.fr');
    const beta = await run('--workspace', 'T0BETA', 'can-i', 'email', 'eve@acme.fr');
    const plain = await run('can-i', 'email', 'eve@acme.fr');
    expect(alpha.out).toMatch(/objected/);
    expect(beta.status).toBe(3);
    expect(beta.out).not.toMatch(/objected/);
    expect(plain.out).not.toMatch(/objected/);
    const bad = await run('--workspace', '../etc', 'can-i', 'email', 'eve@acme.fr');
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('is not a Slack workspace id');
  });
});

describe('one workspace never reaches another register', () => {
  it("ignores alpha's contact ids and people in beta's buttons, even for beta's own compliance role", async () => {
    const { app } = await twoWorkspaces();
    const alpha = await app.router.workspace('T0ALPHA', app.app.client);
    const { contact } = await alpha.ctx.store.saveContact(
      {
        email: 'ann@acme.fr',
        owner: 'U0SALES',
        provenance: { source: 'form', collection: 'direct', collectedAt: '2023-11-20T08:00:00Z' },
      },
      new Date('2023-11-20'),
    );
    const beta = { team: 'T0BETA', user: 'U0DPO' };
    const value = JSON.stringify({ c: contact.id, k: 'prospect' });
    await app.user.press({ action_id: 'retention_purge_one', value }, beta);
    await app.user.press({ action_id: 'retention_purge_one', value }, { team: 'T0BETA', user: 'U0SALES' });
    await app.user.press({ action_id: 'privacy_erase', value: 'ann@acme.fr' }, beta);
    await app.user.press(
      { action_id: 'contact_edit_open', value: JSON.stringify({ target: 'ann@acme.fr' }) },
      beta,
    );
    expect(await alpha.ctx.store.contactById(contact.id)).toBeDefined();
    expect((await alpha.ctx.store.subjectFacts({ kind: 'email', value: 'ann@acme.fr' })).objections).toEqual(
      [],
    );
    expect(await alpha.ctx.store.auditTrail()).toEqual([]);
  });
});
