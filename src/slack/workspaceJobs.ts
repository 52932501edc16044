import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { auditPolicyAtStart } from '../services/policyReload.ts';
import { startRetentionScheduler } from '../services/retentionJob.ts';
import type { Installations } from '../store/installations.ts';
import type { SlackDeps } from './listeners/kit.ts';
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
): Promise<{ stop: () => void }> {
  const schedulers = new Map<string, { stop: () => void }>();
  router.onOpen = (workspace: Workspace) => {
    const deps: SlackDeps = {
      ctx: workspace.ctx,
      people: workspace.people,
      client: workspace.client,
      logger: app.logger,
    };
    void auditPolicyAtStart(workspace.ctx).catch((error: Error) => onError(workspace.key, error));
    schedulers.set(
      workspace.key,
      startRetentionScheduler(workspace.ctx, new SlackReminderPoster(workspace.client, deps), (error) =>
        onError(workspace.key, error),
      ),
    );
  };
  router.onForget = (key) => {
    schedulers.get(key)?.stop();
    schedulers.delete(key);
  };
  for (const key of await installations.keys()) {
    const installation = (await installations.find(key)) as { bot?: { token?: string } } | undefined;
    const client = new WebClient(installation?.bot?.token, { slackApiUrl: app.client.slackApiUrl });
    await router.workspace(key, client).catch((error: Error) => onError(key, error));
  }
  return {
    stop: () => {
      for (const scheduler of schedulers.values()) scheduler.stop();
    },
  };
}
