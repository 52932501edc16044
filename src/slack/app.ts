import { type AnyMiddlewareArgs, App, type Logger, LogLevel, type Middleware } from '@slack/bolt';
import type { SlackMode } from '../config.ts';
import { t } from '../i18n.ts';
import type { AppContext } from '../services/context.ts';
import { refuseAccess } from '../services/permissions.ts';
import type { Installations } from '../store/index.ts';
import { doneModal } from './blocks/modals.ts';
import { BOT_SCOPES, installationStore, registerUninstall } from './installations.ts';
import { tellRechecksInThreads } from './listeners/campaignRecheck.ts';
import { registerListeners } from './listeners/index.ts';
import { actor, depsOf } from './listeners/kit.ts';
import { People } from './listeners/people.ts';
import { type Workspace, type WorkspaceOpener, WorkspaceRouter } from './workspaces.ts';

export interface SlackAppOptions {
  /** One workspace: its context. With `workspaces`, each request gets its own instead. */
  ctx?: AppContext;
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
  /** Check the token (auth.test) only when `app.init()` is called, so that a Slack outage is caught there. */
  deferInitialization?: boolean;
  /**
   * Several workspaces: each request is served with the context of its team (or org-wide organisation),
   * opened on first use. Without it, `ctx` serves every request (one workspace, one bot token).
   */
  workspaces?: WorkspaceOpener;
  /** OAuth mode: where installations (bot tokens) are kept. */
  installations?: Installations;
}

/**
 * The Slack shell: Bolt with the real receiver (HTTP with signature checks, or Socket Mode), listeners that
 * translate payloads into service calls and results into Block Kit. No legal logic lives here.
 */
export function createSlackApp(options: SlackAppOptions): {
  app: App;
  /** The one workspace (one bot token); with `workspaces`, each is opened by the router instead. */
  deps: Workspace;
  router: WorkspaceRouter;
} {
  const { mode } = options;
  const http = { processBeforeResponse: options.processBeforeResponse ?? false };
  const app = new App({
    ...(mode.kind === 'socket'
      ? { token: mode.botToken, socketMode: true, appToken: mode.appToken }
      : mode.kind === 'http'
        ? { token: mode.botToken, signingSecret: mode.signingSecret, ...http }
        : {
            // Many workspaces: each one's token comes from its installation (/slack/install → /slack/oauth_redirect).
            signingSecret: mode.signingSecret,
            clientId: mode.clientId,
            clientSecret: mode.clientSecret,
            stateSecret: mode.stateSecret,
            scopes: BOT_SCOPES,
            installationStore: installationStore(options.installations as Installations),
            installerOptions: { directInstall: true },
            ...http,
          }),
    botId: options.botId,
    botUserId: options.botUserId,
    // No listener keeps conversation state: Bolt's in-memory store would only cost time on every request.
    convoStore: false,
    logger: options.logger,
    logLevel: options.logLevel ?? LogLevel.INFO,
    deferInitialization: options.deferInitialization ?? false,
    clientOptions: {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      retryConfig: { retries: options.retries ?? 2 },
      // An interactive answer must not wait minutes on a rate limit: tell the user instead.
      rejectRateLimitedCalls: true,
    },
  });
  const single = options.workspaces ? undefined : options.ctx;
  if (!options.workspaces && !single) throw new Error('createSlackApp needs a context or workspaces');
  const only: Workspace | undefined = single && {
    key: '',
    ctx: single,
    people: new People(single, app.client, app.logger),
    client: app.client,
    logger: app.logger,
  };
  const router = new WorkspaceRouter(app.logger, only, options.workspaces);
  // With many workspaces, each one's rechecks are watched when it opens (workspaceJobs.ts).
  if (only) tellRechecksInThreads(only);

  // Everything a request does happens in its workspace: its register, policy and people, no other. Listeners
  // receive it from Bolt's context (listeners/kit.ts depsOf), as they receive the language.
  app.use(async (args) => {
    args.context.deps = await router.forRequest(args.context, args.client);
    await args.next();
  });

  // Slack redelivers what it thinks failed (x-slack-retry-num): the same trigger or event is handled once, by
  // whichever replica claims it first (the claim is in the register: PostgreSQL for several replicas).
  app.use(async (args) => {
    const body = args.body as { event_id?: string; trigger_id?: string };
    const key = body.event_id ?? body.trigger_id;
    if (key && !(await depsOf(args.context).ctx.store.claim(`slack:${key}`, 10 * 60_000))) {
      app.logger.info(`duplicate delivery ignored (retry ${args.context.retryNum ?? '?'})`);
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  });

  if (options.installations) registerUninstall(app, options.installations, (key) => router.forget(key));
  app.use(refuseStrangers());
  registerListeners(app);
  app.error(async (error) => {
    app.logger.error(`unhandled: ${error.message}`);
  });
  return { app, deps: only as Workspace, router };
}

/**
 * Who may ask at all (checked before any listener, on every command, button and submission): a deleted account,
 * a guest the policy does not allow, or a user of another organisation (Slack Connect) gets a clear refusal,
 * written to the audit trail.
 */
function refuseStrangers(): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const deps = depsOf(args.context);
    const body = args.body as {
      type?: string;
      user_id?: string;
      team_id?: string;
      user?: { id?: string; team_id?: string };
      team?: { id?: string; enterprise_id?: string };
      enterprise_id?: string;
      enterprise?: { id?: string };
    };
    const userId = body.user_id ?? body.user?.id;
    const interactive =
      body.type === 'block_actions' ||
      body.type === 'view_submission' ||
      body.type === 'message_action' ||
      body.type === 'shortcut' ||
      body.user_id;
    if (!userId || !interactive) return args.next();
    const standing = await deps.people.standing(
      userId,
      body.team_id ?? body.team?.id,
      body.enterprise_id ?? body.enterprise?.id ?? body.team?.enterprise_id,
    );
    if (standing === 'member') return args.next();
    await refuseAccess(deps.ctx, actor(userId), standing);
    const lang = await deps.people.lang(userId);
    const text = t(lang, `access_refused_${standing}`);
    const { ack, respond } = args as unknown as {
      ack?: (answer?: unknown) => Promise<void>;
      respond?: (answer: unknown) => Promise<unknown>;
    };
    if (body.type === 'view_submission')
      return ack?.({ response_action: 'update', view: doneModal(lang, text, 'prospect-guard') });
    if (body.type === 'block_actions' || body.type === 'message_action' || body.type === 'shortcut') {
      await ack?.();
      await respond?.({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
      return;
    }
    await ack?.({ response_type: 'ephemeral', text });
  };
}
