import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, type Logger, LogLevel } from '@slack/bolt';
import { type Lang, langOfLocale } from '../../i18n.ts';
import { type AppContext, reloadableContext } from '../../services/context.ts';
import { runRetention } from '../../services/retentionJob.ts';
import { createSlackApp } from '../app.ts';
import type { SlackDeps } from '../listeners/kit.ts';
import { watchPolicy } from '../listeners/policy.ts';
import { SlackReminderPoster } from '../retentionPoster.ts';
import { FakeSlack, type RecordedCall } from './fakeSlack.ts';
import { SlackUser } from './slackUser.ts';
import { BOT, USERS } from './workspace.ts';

export interface EmulatedApp {
  app: App;
  /** The workspace as listeners receive it (its register, policy and people): the console signs in through it. */
  deps: SlackDeps;
  /** Runs the retention reminders now, as the scheduler would; returns the Web API calls it made. */
  remindNow(): Promise<RecordedCall[]>;
  slack: FakeSlack;
  user: SlackUser;
  /** Sets the app's clock to an instant (`:at` in the terminal), or back to the real time with undefined. */
  setClock(at: Date | undefined): void;
  /** The app's current time. */
  now(): Date;
  /** The language of a user of the emulator's workspace (their Slack locale, else the policy's). */
  lang(userId: string): Lang;
  /** The policy's time zone, in which `:at` reads a time. */
  timeZone: string;
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
  /** `watchPolicy`: reload the policy when its file changes, polling every so many ms (`npm start` does). */
  /** `quiet`: Bolt's errors only (`npm start`: the terminal is the user's). */
  options: { logger?: Logger; logLevel?: LogLevel; quiet?: boolean; watchPolicy?: number } = {},
): Promise<EmulatedApp> {
  const slack = await new FakeSlack().start();
  const signingSecret = randomBytes(16).toString('hex');
  // The emulator lets its user move the clock (a call window, a deadline); the app reads it through ctx.
  let fixed: Date | undefined;
  // The emulator's own clock over the register and policy it was given; a reload swaps the policy in force.
  const appCtx = reloadableContext({
    store: ctx.store,
    policy: ctx.policies ?? ctx.policy,
    clock: () => fixed ?? ctx.clock(),
  });
  slack.botToken = `xoxb-emulator-${randomBytes(8).toString('hex')}`;
  const { app, deps } = createSlackApp({
    ctx: appCtx,
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
    logLevel: options.quiet ? LogLevel.ERROR : options.logLevel,
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const unwatch = options.watchPolicy ? watchPolicy(deps, options.watchPolicy) : () => undefined;
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    app,
    deps,
    slack,
    user: new SlackUser(eventsUrl, signingSecret, slack),
    async remindNow() {
      const before = slack.lastSeq;
      await runRetention(appCtx, new SlackReminderPoster(app.client, deps));
      return slack.callsSince(before);
    },
    setClock(at) {
      fixed = at;
    },
    now: () => appCtx.clock(),
    lang: (userId) =>
      langOfLocale(USERS.find((u) => u.id === userId)?.locale, appCtx.policy.doc.policy.default_language),
    timeZone: appCtx.policy.timeZone,
    eventsUrl,
    signingSecret,
    async stop() {
      unwatch();
      await app.stop();
      await slack.stop();
    },
  };
}
