import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger, LogLevel } from '@slack/bolt';
import type { Installations } from '../../store/index.ts';
import { createSlackApp } from '../app.ts';
import type { WorkspaceOpener } from '../workspaces.ts';
import { FakeSlack } from './fakeSlack.ts';
import { SlackUser } from './slackUser.ts';

/**
 * The app as it serves many workspaces (OAuth mode), on loopback with the fake Slack: installs go through the
 * real /slack/install and /slack/oauth_redirect routes, requests are signed and verified as in production.
 */
export async function startWorkspacesApp(options: {
  installations: Installations;
  workspaces: WorkspaceOpener;
  logger?: Logger;
  logLevel?: LogLevel;
}) {
  const slack = await new FakeSlack().start();
  const signingSecret = randomBytes(16).toString('hex');
  const { app, router } = createSlackApp({
    mode: {
      kind: 'oauth',
      clientId: '1234.5678',
      clientSecret: randomBytes(12).toString('hex'),
      stateSecret: randomBytes(12).toString('hex'),
      signingSecret,
      port: 0,
    },
    slackApiUrl: slack.apiUrl,
    processBeforeResponse: true,
    retries: 0,
    logger: options.logger,
    logLevel: options.logLevel,
    workspaces: options.workspaces,
    installations: options.installations,
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    app,
    slack,
    router,
    installations: options.installations,
    user: new SlackUser(`${base}/slack/events`, signingSecret, slack),
    /** A workspace admin installs the app: /slack/install, Slack's consent page (faked), the redirect back. */
    async install(team: string): Promise<number> {
      const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
      const cookie = start.headers.get('set-cookie')?.split(';')[0] ?? '';
      const state = new URL(start.headers.get('location') ?? '', 'https://slack.com').searchParams.get(
        'state',
      );
      const back = await fetch(`${base}/slack/oauth_redirect?code=${team}&state=${state}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      return back.status;
    },
    async stop() {
      await app.stop();
      await slack.stop();
    },
  };
}
