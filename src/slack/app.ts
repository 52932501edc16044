import { App, type Logger, LogLevel } from '@slack/bolt';
import type { SlackMode } from '../config.ts';
import type { AppContext } from '../services/context.ts';
import { registerListeners } from './listeners/index.ts';
import type { SlackDeps } from './listeners/kit.ts';
import { People } from './listeners/people.ts';
import { RecentKeys } from './recentKeys.ts';

export interface SlackAppOptions {
  ctx: AppContext;
  mode: Exclude<SlackMode, { kind: 'emulator' }>;
  /** Another Web API base URL (the emulator, a test fake); Slack's own by default. */
  slackApiUrl?: string;
  /** Wait for the listener before answering Slack over HTTP: deterministic tests and benchmarks. */
  processBeforeResponse?: boolean;
  /** Web API retries on network errors; tests use 0 to see errors at once. */
  retries?: number;
  /** Skips the auth.test call at start-up when known (the emulator and tests). */
  botId?: string;
  botUserId?: string;
  logger?: Logger;
  logLevel?: LogLevel;
}

/**
 * The Slack shell: Bolt with the real receiver (HTTP with signature checks, or Socket Mode), listeners that
 * translate payloads into service calls and results into Block Kit. No legal logic lives here.
 */
export function createSlackApp(options: SlackAppOptions): { app: App; deps: SlackDeps } {
  const { mode } = options;
  const app = new App({
    token: mode.botToken,
    ...(mode.kind === 'socket'
      ? { socketMode: true, appToken: mode.appToken }
      : { signingSecret: mode.signingSecret, processBeforeResponse: options.processBeforeResponse ?? false }),
    botId: options.botId,
    botUserId: options.botUserId,
    logger: options.logger,
    logLevel: options.logLevel ?? LogLevel.INFO,
    clientOptions: {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      retryConfig: { retries: options.retries ?? 2 },
      // An interactive answer must not wait minutes on a rate limit: tell the user instead.
      rejectRateLimitedCalls: true,
    },
  });
  const deps: SlackDeps = {
    ctx: options.ctx,
    people: new People(options.ctx, app.client, app.logger),
    logger: app.logger,
  };

  // Slack redelivers what it thinks failed (x-slack-retry-num): the same trigger or event is handled once.
  const seen = new RecentKeys(10_000, 10 * 60_000);
  app.use(async (args) => {
    const body = args.body as { event_id?: string; trigger_id?: string };
    const key = body.event_id ?? body.trigger_id;
    if (key && !seen.add(key)) {
      app.logger.info(`duplicate delivery ignored (retry ${args.context.retryNum ?? '?'})`);
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  });

  registerListeners(app, deps);
  app.error(async (error) => {
    app.logger.error(`unhandled: ${error.message}`);
  });
  return { app, deps };
}
