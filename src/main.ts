import type { Server } from 'node:http';
import { type ApiRegisters, oneRegister } from './api/app.ts';
import { type RunningApi, startApi } from './api/server.ts';
import { type Config, ConfigError, hashKeyVariables } from './config.ts';
import { settled, watchApprovedCampaigns } from './services/approvedWatch.ts';
import type { AppContext } from './services/context.ts';
import { deadlineCounts } from './services/lookup.ts';
import { auditPolicyAtStart } from './services/policyReload.ts';
import { startRetentionScheduler } from './services/retentionJob.ts';
import { startWebhookDelivery } from './services/webhookDelivery.ts';
import { openWorkspace } from './services/workspaces.ts';
import { createSlackApp } from './slack/app.ts';
import { emulatedWorkspace, installedWorkspaces, tokenWorkspace } from './slack/consoleWorkspaces.ts';
import { startEmulatedApp } from './slack/emulator/harness.ts';
import { runTerminal } from './slack/emulator/terminal.ts';
import { TEAM_ID, USERS } from './slack/emulator/workspace.ts';
import { watchPolicy } from './slack/listeners/policy.ts';
import { preflight } from './slack/preflight.ts';
import { SlackReminderPoster } from './slack/retentionPoster.ts';
import { installedRegisters, startWorkspaceJobs } from './slack/workspaceJobs.ts';
import type { StoreCounts } from './store/index.ts';
import { isPostgresUrl } from './store/index.ts';
import { serveConsole } from './web/server.ts';

export interface AppIo {
  out: (text: string) => void;
  err: (text: string) => void;
  input: NodeJS.ReadableStream;
  interactive: boolean;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<void>;
  /**
   * Many workspaces on file registers: the command line's go-between for a workspace's register once it is open
   * (`--workspace T…` commands are carried out by the app that holds it); returns how to stop serving.
   */
  serveWorkspace?: (ctx: AppContext) => Promise<() => Promise<void>>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(ctx: AppContext, counts: { contacts: number; suppressions: number }): string {
  return [
    `policy ${ctx.policy.file}: ${ctx.policy.rules.length} rules, revision ${ctx.policy.revision}`,
    `store ${ctx.store.location}: ${plural(counts.contacts, 'contact')}, ${plural(counts.suppressions, 'objection')}`,
  ].join('\n');
}

/**
 * The composition root: with Slack credentials, the Slack app (Socket Mode or HTTP) until a stop signal;
 * without, the same app wired to the built-in emulator and driven from the terminal until end of input.
 */
export async function runApp(ctx: AppContext, config: Config, io: AppIo): Promise<void> {
  const counts = await ctx.store.counts();
  // Which revision answers from now: audited when it changed while the app was down.
  await auditPolicyAtStart(ctx);
  const mode = config.slack;
  const api = mode.kind === 'oauth' ? undefined : await serveApi(oneRegister(ctx), config, io);
  // Objections and withdrawals told to the DPO's webhooks, whatever recorded them (the CLI queues them too).
  const webhooks = startWebhookDelivery(ctx, {
    onError: (error) => io.err(`prospect-guard: webhook deliveries: ${error.message}`),
  });
  // An objection, a withdrawal or an erasure after a campaign's approval rechecks the campaigns holding her.
  const stopWatch = watchApprovedCampaigns(ctx, {
    onError: (error) => io.err(`prospect-guard: automatic recheck: ${(error as Error).message}`),
  });
  try {
    await runSlack(ctx, config, io, counts);
  } finally {
    stopWatch();
    webhooks.stop();
    await api?.close();
  }
}

/** The HTTP API when PROSPECT_GUARD_API_PORT is set, on the registers its keys name. */
async function serveApi(registers: ApiRegisters, config: Config, io: AppIo): Promise<RunningApi | undefined> {
  if (!config.api) return undefined;
  try {
    const api = await startApi(registers, {
      ...config.api,
      log: (line) => io.err(`prospect-guard: ${line}`),
    });
    io.out(`prospect-guard: HTTP API on ${api.url} (OpenAPI at ${api.url}/openapi.json)`);
    return api;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw error;
    throw new ConfigError(
      `the HTTP API cannot listen on ${config.api.host ?? 'every interface'}, port ${config.api.port} (${code}): set PROSPECT_GUARD_API_PORT to a free port`,
    );
  }
}

/** The emulator, driven from the terminal, and the console with `:web` sign-in links. */
async function runEmulator(ctx: AppContext, config: Config, io: AppIo, counts: StoreCounts): Promise<void> {
  const emulated = await startEmulatedApp(ctx, { quiet: true, watchPolicy: 1000 });
  const web = await serveConsole(emulatedWorkspace(emulated.deps, TEAM_ID), config.web, io);
  const me = USERS.find((u) => u.id === emulated.user.user);
  io.out(
    [
      'prospect-guard — Slack emulator (no Slack credentials are set)',
      summary(ctx, counts),
      `You are ${me?.id} (${me?.realName}, ${me?.locale}); :as U0DPO acts as the DPO (French, compliance roles).`,
      'Try: /can-i-email alice@corp.fr · /optout bob@corp.fr · /campaign-check · :help for everything.',
      'To connect a real workspace: create the app from app-manifest.yml and set SLACK_BOT_TOKEN and',
      'SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) — see the README.',
      '',
    ].join('\n'),
  );
  try {
    await Promise.race([
      runTerminal(emulated, {
        input: io.input,
        write: io.out,
        interactive: io.interactive,
        settle: () => settled(ctx.store),
        webLink: web.link && ((userId: string) => web.link?.(TEAM_ID, userId)),
      }),
      io.stopSignal,
    ]);
  } finally {
    // A recheck an objection just asked for is finished before the emulator closes (piped input ends fast).
    await settled(ctx.store);
    await web.running?.close();
    await emulated.stop();
  }
}

async function runSlack(ctx: AppContext, config: Config, io: AppIo, counts: StoreCounts): Promise<void> {
  const mode = config.slack;
  if (mode.kind === 'emulator') return runEmulator(ctx, config, io, counts);
  if (mode.kind === 'oauth') return runWorkspaces(ctx, config, mode, io);
  const { app, deps } = createSlackApp({
    ctx,
    mode,
    slackApiUrl: config.slackApiUrl,
    deferInitialization: true,
  });
  io.out(summary(ctx, counts));
  // The store and the scheduler work whether or not Slack answers: a run that cannot post is tried again.
  const { schedule, time_zone } = ctx.policy.doc.retention.reminders;
  const startScheduler = () =>
    startRetentionScheduler(ctx, new SlackReminderPoster(app.client, deps), (error) =>
      io.err(`prospect-guard: retention run failed, it will be tried again: ${error.message}`),
    );
  let scheduler = startScheduler();
  // A reloaded policy whose reminder schedule changed gets a scheduler on the new schedule.
  deps.policyReloaded = (before, after) => {
    const [old, now] = [before, after].map((p) => JSON.stringify(p.doc.retention.reminders));
    if (old === now) return;
    scheduler.stop();
    scheduler = startScheduler();
  };
  const unwatch = watchPolicy(deps, 1000);
  const web = await serveConsole(tokenWorkspace(deps), config.web, {
    ...io,
    slackApiUrl: config.slackApiUrl,
  });
  io.out(
    `retention reminders: "${schedule}" (${time_zone}), digest to ${ctx.policy.doc.retention.reminders.channel}`,
  );
  // Every contact's deadlines are computed once now, in slices, so the first App Home is not the one to wait.
  void deadlineCounts(ctx, 30).catch(() => undefined);
  let stopped = false;
  void io.stopSignal.then(() => {
    stopped = true;
  });
  const connected = await connect(app, mode, io, () => stopped);
  if (connected) {
    for (const warning of await preflight(app.client, ctx.policy).catch(() => []))
      io.err(`prospect-guard: warning: ${warning}`);
  }
  await io.stopSignal;
  unwatch();
  await web.running?.close();
  scheduler.stop();
  await scheduler.ready.catch(() => undefined);
  if (connected) await app.stop().catch(() => undefined);
}

/**
 * Many workspaces (OAuth): each installed workspace gets its own register and policy (services/workspaces.ts),
 * opened at start or when it installs, with its own retention schedule. `ctx` is the default register: it holds
 * nothing of the workspaces, and is where the installations are kept beside (a file, or the database).
 */
async function runWorkspaces(
  ctx: AppContext,
  config: Config,
  mode: Extract<Config['slack'], { kind: 'oauth' }>,
  io: AppIo,
): Promise<void> {
  const installations = ctx.store.installations();
  // The workspaces' registers take the default register's hash key setting, read once (config.ts).
  const env = hashKeyVariables(config.hashKey);
  const layout = { store: config.dbPath, policy: ctx.policy, env, clock: ctx.clock };
  const { app, router } = createSlackApp({
    mode,
    slackApiUrl: config.slackApiUrl,
    deferInitialization: true,
    workspaces: (key) => openWorkspace(layout, key),
    installations,
  });
  const served: Array<Promise<() => Promise<void>>> = [];
  const jobs = await startWorkspaceJobs(
    app,
    router,
    installations,
    (key, error) => io.err(`prospect-guard: workspace ${key}: ${error.message}`),
    (workspace) => {
      if (io.serveWorkspace && !isPostgresUrl(config.dbPath)) served.push(io.serveWorkspace(workspace.ctx));
    },
  );
  io.out(`many workspaces: ${(await installations.keys()).length} installed; install at /slack/install`);
  // Each key names its workspace (created with --workspace): the API reaches that register, if installed.
  const registers = installedRegisters(
    app,
    router,
    installations,
    () => ctx.policy.doc.policy.default_language,
  );
  const api = await serveApi(registers, config, io);
  const web = await serveConsole(installedWorkspaces(app, router, installations), config.web, {
    ...io,
    slackApiUrl: config.slackApiUrl,
  });
  let stopped = false;
  void io.stopSignal.then(() => {
    stopped = true;
  });
  const connected = await connect(app, mode, io, () => stopped);
  await io.stopSignal;
  jobs.stop();
  await api?.close();
  await web.running?.close();
  for (const stopServing of await Promise.all(served)) await stopServing();
  for (const workspace of await router.all()) await workspace.ctx.store.close().catch(() => undefined);
  if (connected) await app.stop().catch(() => undefined);
}

/** Bolt checks the token once (auth.test); a failed check is tried again on the next attempt. */
const initialisedApps = new WeakSet<object>();
async function initialised(app: ReturnType<typeof createSlackApp>['app']): Promise<void> {
  if (initialisedApps.has(app)) return;
  await app.init();
  initialisedApps.add(app);
}

const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 5 * 60_000;

/**
 * Starts the Slack side. Slack unreachable, a 5xx or a revoked token is an environment problem: one clear line,
 * then another try, waiting twice as long each time (up to 5 minutes), until it works or the app is stopped.
 */
async function connect(
  app: ReturnType<typeof createSlackApp>['app'],
  mode: Exclude<Config['slack'], { kind: 'emulator' }>,
  io: AppIo,
  stopped: () => boolean,
): Promise<boolean> {
  let wait = FIRST_RETRY_MS;
  while (!stopped()) {
    try {
      await initialised(app);
      if (mode.kind === 'http' || mode.kind === 'oauth') {
        const server = (await app.start(mode.port)) as Server;
        const address = server.address();
        io.out(
          `prospect-guard: HTTP mode, listening on port ${typeof address === 'object' && address ? address.port : mode.port} (/slack/events)`,
        );
      } else {
        await app.start();
        io.out('prospect-guard: connected to Slack in Socket Mode');
      }
      return true;
    } catch (error) {
      const e = error as { code?: string; data?: { error?: string }; message?: string };
      const reason = e.data?.error ?? e.code ?? e.message ?? 'unknown error';
      io.err(
        `prospect-guard: Slack cannot be reached (${reason}); trying again in ${Math.round(wait / 1000)} s`,
      );
      await Promise.race([new Promise((done) => setTimeout(done, wait).unref()), io.stopSignal]);
      wait = Math.min(wait * 2, LONGEST_RETRY_MS);
    }
  }
  return false;
}
