import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, Logger, LogLevel } from '@slack/bolt';
import type { AppContext } from '../../services/context.ts';
import { runRetention } from '../../services/retentionJob.ts';
import { createSlackApp } from '../app.ts';
import { SlackReminderPoster } from '../retentionPoster.ts';
import { FakeSlack, type RecordedCall } from './fakeSlack.ts';
import { SlackUser } from './slackUser.ts';
import { BOT } from './workspace.ts';

export interface EmulatedApp {
  app: App;
  /** Runs the retention reminders now, as the scheduler would; returns the Web API calls it made. */
  remindNow(): Promise<RecordedCall[]>;
  slack: FakeSlack;
  user: SlackUser;
  eventsUrl: string;
  signingSecret: string;
  stop(): Promise<void>;
}

/**
 * The real Bolt app, with its real HTTP receiver and signature checks, listening on loopback and wired to the
 * fake Web API. `npm start` without credentials, the end-to-end tests and the benchmark all run this.
 */
export async function startEmulatedApp(
  ctx: AppContext,
  options: { logger?: Logger; logLevel?: LogLevel } = {},
): Promise<EmulatedApp> {
  const slack = await new FakeSlack().start();
  const signingSecret = randomBytes(16).toString('hex');
  slack.botToken = `xoxb-emulator-${randomBytes(8).toString('hex')}`;
  const { app, deps } = createSlackApp({
    ctx,
    mode: {
      kind: 'http',
      botToken: slack.botToken,
      signingSecret,
      port: 0,
    },
    slackApiUrl: slack.apiUrl,
    processBeforeResponse: true,
    retries: 0,
    botId: BOT.botId,
    botUserId: BOT.userId,
    logger: options.logger,
    logLevel: options.logLevel,
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    app,
    slack,
    user: new SlackUser(eventsUrl, signingSecret, slack),
    async remindNow() {
      const before = slack.lastSeq;
      await runRetention(ctx, new SlackReminderPoster(app.client, deps));
      return slack.callsSince(before);
    },
    eventsUrl,
    signingSecret,
    async stop() {
      await app.stop();
      await slack.stop();
    },
  };
}
