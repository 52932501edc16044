import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Lang } from '../i18n.ts';
import { auditPolicyAtStart } from '../services/policyReload.ts';
import { startRetentionScheduler } from '../services/retentionJob.ts';
import { startWebhookDelivery } from '../services/webhookDelivery.ts';
import type { Installations } from '../store/index.ts';
import { tellRechecksInThreads } from './listeners/campaignRecheck.ts';
import type { SlackDeps } from './listeners/kit.ts';
import { watchPolicy } from './listeners/policy.ts';
import { SlackReminderPoster } from './retentionPoster.ts';
import type { Workspace, WorkspaceRouter } from './workspaces.ts';

/**
 * What runs in each workspace without a request (many-workspaces mode): the revision audited at start, and its
 * own retention schedule (its policy's), posting with its own bot token. Every installed workspace is opened at
 * start, a new one when it installs; an uninstalled one's schedule stops.
 */
export async function startWorkspaceJobs(
  app: App,
  router: WorkspaceRouter,
  installations: Installations,
  onError: (key: string, error: Error) => void,
  /** Told too of each workspace opened (the command line's go-between for its register). */
  alsoOnOpen?: (workspace: Workspace) => void,
): Promise<{ stop: () => void }> {
  const schedulers = new Map<string, { stop: () => void }>();
  const deliveries = new Map<string, { stop: () => void }>();
  const watchers = new Map<string, { stop: () => void }>();
  const rechecks = new Map<string, { stop: () => void }>();
  router.onOpen = (workspace: Workspace) => {
    const deps: SlackDeps = workspace;
    void auditPolicyAtStart(workspace.ctx).catch((error: Error) => onError(workspace.key, error));
    schedulers.set(
      workspace.key,
      startRetentionScheduler(workspace.ctx, new SlackReminderPoster(workspace.client, deps), (error) =>
        onError(workspace.key, error),
      ),
    );
    // Its objections and withdrawals told to its own webhooks.
    deliveries.set(
      workspace.key,
      startWebhookDelivery(workspace.ctx, { onError: (e) => onError(workspace.key, e) }),
    );
    // Its policy file (its own, or the shipped one) reloaded when saved, as in one-workspace mode.
    watchers.set(workspace.key, { stop: watchPolicy(deps, 1000) });
    // Its campaigns rechecked through the API or the command line, told in their threads.
    rechecks.set(workspace.key, { stop: tellRechecksInThreads(deps) });
    alsoOnOpen?.(workspace);
  };
  router.onForget = (key) => {
    for (const jobs of [schedulers, deliveries, watchers, rechecks]) {
      jobs.get(key)?.stop();
      jobs.delete(key);
    }
  };
  for (const key of await installations.keys())
    await openInstalled(app, router, installations, key).catch((error: Error) => onError(key, error));
  return {
    stop: () => {
      for (const jobs of [schedulers, deliveries, watchers, rechecks])
        for (const job of jobs.values()) job.stop();
    },
  };
}

/** An installed workspace, opened (once) with a client holding its bot token; undefined if not installed. */
export async function openInstalled(
  app: App,
  router: WorkspaceRouter,
  installations: Installations,
  key: string,
): Promise<Workspace | undefined> {
  const installation = (await installations.find(key)) as { bot?: { token?: string } } | undefined;
  if (!installation) return undefined;
  const client = new WebClient(installation.bot?.token, { slackApiUrl: app.client.slackApiUrl });
  return router.workspace(key, client);
}

/**
 * The registers of the installed workspaces, by key, for the HTTP API in many-workspaces mode: a key names its
 * workspace, which must be installed here; the default register answers nobody.
 */
export function installedRegisters(
  app: App,
  router: WorkspaceRouter,
  installations: Installations,
  defaultLang: () => Lang,
) {
  return {
    forWorkspace: async (key: string | undefined) =>
      key ? (await openInstalled(app, router, installations, key))?.ctx : undefined,
    defaultLang,
  };
}
