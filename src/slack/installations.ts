import type { App, InstallationStore } from '@slack/bolt';
import type { Installations } from '../store/index.ts';

/** The bot scopes the OAuth flow asks for: app-manifest.yml's (the manifest test compares them). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'users:read',
  'usergroups:read',
  'files:read',
  'files:write',
  'im:write',
];

/** The key of an installation: the organisation of an org-wide install (one register for all its teams), else the team. */
function keyOf(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  const key = query.isEnterpriseInstall && query.enterpriseId ? query.enterpriseId : query.teamId;
  if (!key) throw new Error('an installation without team or organisation');
  return key;
}

/** Bolt's installation store on the app's own storage (a file on one box, PostgreSQL for replicas). */
export function installationStore(installations: Installations): InstallationStore {
  return {
    storeInstallation: async (installation) =>
      installations.save(
        keyOf({
          isEnterpriseInstall: installation.isEnterpriseInstall,
          enterpriseId: installation.enterprise?.id,
          teamId: installation.team?.id,
        }),
        installation,
      ),
    fetchInstallation: async (query) => {
      const found = await installations.find(keyOf(query));
      if (!found) throw new Error(`no installation for ${keyOf(query)}`);
      return found as Awaited<ReturnType<InstallationStore['fetchInstallation']>>;
    },
    deleteInstallation: async (query) => installations.remove(keyOf(query)),
  };
}

/**
 * The app removed from a workspace, or its tokens revoked: the installation goes (nothing more is answered
 * there). The workspace's register stays: objections must outlive the app, and retention runs its course.
 */
export function registerUninstall(
  app: App,
  installations: Installations,
  forget: (key: string) => void,
): void {
  const remove = async (context: {
    teamId?: string;
    enterpriseId?: string;
    isEnterpriseInstall?: boolean;
  }) => {
    const key = keyOf(context);
    await installations.remove(key);
    forget(key);
  };
  app.event('app_uninstalled', async ({ context }) => remove(context));
  app.event('tokens_revoked', async ({ event, context }) => {
    if ((event.tokens.bot ?? []).length > 0) await remove(context);
  });
}
