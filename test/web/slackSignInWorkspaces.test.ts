import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/services/context.ts';
import { openWorkspace } from '../../src/services/workspaces.ts';
import { installedWorkspaces } from '../../src/slack/consoleWorkspaces.ts';
import { startWorkspacesApp } from '../../src/slack/emulator/workspacesHarness.ts';
import { FileInstallations } from '../../src/store/installations.ts';
import { type RunningConsole, serveConsole } from '../../src/web/server.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';

/**
 * Many workspaces: one console for every workspace that installed the app; who signs in with Slack sees her
 * workspace's register only, and a workspace that did not install the app opens nothing.
 */
type Running = Awaited<ReturnType<typeof startWorkspacesApp>>;
let app: Running;
let web: RunningConsole | undefined;
const opened: AppContext[] = [];

beforeAll(async () => {
  const dir = tempDir();
  const layout = { store: join(dir, 'db.json'), policy, env: HASH_ENV, clock: () => new Date() };
  app = await startWorkspacesApp({
    installations: new FileInstallations(join(dir, 'installations.json')),
    workspaces: async (key) => {
      const ctx = await openWorkspace(layout, key);
      opened.push(ctx);
      return ctx;
    },
    logLevel: LogLevel.ERROR,
  });
  for (const team of ['T0ALPHA', 'T0BETA']) expect(await app.install(team)).toBe(200);
  const settings = {
    port: 0,
    host: '127.0.0.1',
    secure: false,
    url: 'http://console.example.test',
    signIn: { clientId: '1234.5678', clientSecret: 'client-secret' },
  };
  const io = { out: () => undefined, err: () => undefined, slackApiUrl: app.slack.apiUrl };
  ({ running: web } = await serveConsole(
    installedWorkspaces(app.app, app.router, app.installations),
    settings,
    io,
  ));
});

afterAll(async () => {
  await web?.close();
  await app.stop();
  for (const ctx of opened) await ctx.store.close();
});

async function signIn(teamId: string, userId = 'U0DPO'): Promise<{ status: number; cookie: string }> {
  const base = web?.url ?? '';
  const start = await fetch(`${base}/signin/slack`, { redirect: 'manual' });
  const authorize = start.headers.get('location') ?? '';
  const state = new URL(authorize).searchParams.get('state');
  const code = app.slack.openId.authorize(authorize, { userId, teamId });
  const back = await fetch(`${base}/signin/slack/callback?code=${code}&state=${state}`, {
    redirect: 'manual',
    headers: { cookie: (start.headers.get('set-cookie') ?? '').split(';')[0] as string },
  });
  const cookie = back.headers.getSetCookie().find((line) => line.startsWith('pg_console='));
  return { status: back.status, cookie: cookie?.split(';')[0] ?? '' };
}

async function search(cookie: string, query: string): Promise<string> {
  const base = web?.url ?? '';
  const page = await (await fetch(`${base}/register`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const found = await fetch(`${base}/register`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, query }).toString(),
  });
  return found.text();
}

it('signs each person in to her own workspace register, and no one of a workspace not installed', async () => {
  // Opened as the console opens it: with the client of its installation's bot token.
  const alpha = await installedWorkspaces(app.app, app.router, app.installations).workspace('T0ALPHA');
  await alpha?.ctx.store.saveContact(
    {
      email: 'carol@acme.fr',
      name: 'Carol Alpha',
      owner: 'U0SALES',
      provenance: { source: 'form', collection: 'direct', collectedAt: '2026-10-01T08:00:00Z' },
    },
    new Date(),
  );
  const inAlpha = await signIn('T0ALPHA');
  expect(inAlpha.status).toBe(303);
  expect(await search(inAlpha.cookie, 'carol')).toContain('Carol Alpha');
  const inBeta = await signIn('T0BETA');
  expect(inBeta.status).toBe(303);
  const beta = await search(inBeta.cookie, 'carol');
  expect(beta).not.toContain('Carol Alpha');
  expect(beta).toMatch(/Aucun contact trouvé|No contact found/);
  expect((await signIn('T0GAMMA')).status).toBe(403);
});
