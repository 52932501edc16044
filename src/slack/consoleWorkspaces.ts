import type { App } from '@slack/bolt';
import type { Installations } from '../store/index.ts';
import type { SlackDeps } from './listeners/kit.ts';
import type { SlackIdentity } from './signIn.ts';
import { openInstalled } from './workspaceJobs.ts';
import type { WorkspaceRouter } from './workspaces.ts';

/**
 * Which workspaces the compliance console serves, and which of them a Slack identity opens: the emulator's
 * only team, the one team of a bot token, or every workspace that installed the app.
 */
export interface ConsoleWorkspaces {
  /** The workspace of a key (a team, or an organisation installed org-wide), if it is served here. */
  workspace(key: string): Promise<ServedWorkspace | undefined>;
  /** The key of the served workspace a signed-in Slack identity belongs to. */
  keyOf(identity: SlackIdentity): Promise<string | undefined>;
}

/** A served workspace, with the team (and organisation) its people must belong to. */
export type ServedWorkspace = SlackDeps & { teamId?: string; enterpriseId?: string };

/** The emulator: its one team, whose people sign in through `:web` links. */
export function emulatedWorkspace(deps: SlackDeps, teamId: string): ConsoleWorkspaces {
  const served = { ...deps, teamId };
  return {
    workspace: async (key) => (key === teamId ? served : undefined),
    keyOf: async (identity) => (identity.teamId === teamId ? teamId : undefined),
  };
}

/**
 * One bot token: its team, asked of Slack (auth.test) once it answers. People of its Enterprise Grid
 * organisation (a token installed org-wide) are its people too.
 */
export function tokenWorkspace(deps: SlackDeps): ConsoleWorkspaces {
  let team: Promise<ServedWorkspace> | undefined;
  const served = () => {
    team ??= deps.client.auth.test().then(
      (answer) => ({ ...deps, teamId: answer.team_id, enterpriseId: answer.enterprise_id }),
      (error) => {
        team = undefined;
        throw error;
      },
    );
    return team;
  };
  return {
    workspace: async (key) => {
      const workspace = await served();
      return key === workspace.teamId ? workspace : undefined;
    },
    keyOf: async (identity) => {
      const workspace = await served();
      const sameOrganisation =
        Boolean(workspace.enterpriseId) && identity.enterpriseId === workspace.enterpriseId;
      return identity.teamId === workspace.teamId || sameOrganisation ? workspace.teamId : undefined;
    },
  };
}

/** Many workspaces: the one an identity's team installed, else its organisation's org-wide install. */
export function installedWorkspaces(
  app: App,
  router: WorkspaceRouter,
  installations: Installations,
): ConsoleWorkspaces {
  return {
    workspace: async (key) => {
      const workspace = await openInstalled(app, router, installations, key);
      if (!workspace) return undefined;
      const orgWide = key.startsWith('E');
      return { ...workspace, ...(orgWide ? { enterpriseId: key } : { teamId: key }) };
    },
    keyOf: async (identity) => {
      for (const key of [identity.teamId, identity.enterpriseId])
        if (key && (await installations.find(key))) return key;
      return undefined;
    },
  };
}
