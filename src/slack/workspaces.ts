import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../services/context.ts';
import type { SlackDeps } from './listeners/kit.ts';
import { People } from './listeners/people.ts';

/**
 * One workspace as the app serves it: its register, policy and clock, its people, a Web API client with its
 * token; what every listener of its requests receives.
 */
export interface Workspace extends SlackDeps {
  key: string;
}

/** Opens the context of a workspace (a team, or an Enterprise Grid organisation installed org-wide), once. */
export type WorkspaceOpener = (key: string) => Promise<AppContext>;

/**
 * The workspaces the app serves, each opened once: the only one (one bot token), or one per team (or
 * organisation of an org-wide install) that installed the app. The app's first middleware asks it for the
 * request's workspace and puts it in Bolt's `context` (slack/app.ts): one code path for one workspace and many.
 */
export class WorkspaceRouter {
  private readonly opened = new Map<string, Promise<Workspace>>();

  /** Told when a workspace is opened (its scheduler starts) and when it is forgotten (uninstalled). */
  onOpen?: (workspace: Workspace) => void;
  onForget?: (key: string) => void;

  constructor(
    private readonly logger: Logger,
    /** Single-workspace mode: the one workspace. */
    private readonly only?: Workspace,
    private readonly open?: WorkspaceOpener,
  ) {}

  /** The workspace a request comes from (Bolt's context says its team and organisation), or the only one. */
  forRequest(
    context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
    client: WebClient,
  ): Promise<Workspace> {
    return this.only ? Promise.resolve(this.only) : this.workspace(workspaceKey(context), client);
  }

  /** The workspace of `key`, opened on first use with the client Bolt made for its token. */
  async workspace(key: string, client: WebClient): Promise<Workspace> {
    if (this.only) return this.only;
    let opening = this.opened.get(key);
    if (!opening) {
      const open = this.open as WorkspaceOpener;
      opening = open(key).then((ctx) => {
        const workspace = {
          key,
          ctx,
          people: new People(ctx, client, this.logger),
          client,
          logger: this.logger,
        };
        this.onOpen?.(workspace);
        return workspace;
      });
      this.opened.set(key, opening);
      opening.catch(() => this.opened.delete(key));
    }
    return opening;
  }

  /** A workspace that uninstalled the app: opened again if it installs it again. */
  forget(key: string): void {
    this.opened.delete(key);
    this.onForget?.(key);
  }

  /** Every workspace opened so far (their schedulers, their stores to close). */
  async all(): Promise<Workspace[]> {
    return this.only ? [this.only] : Promise.all(this.opened.values());
  }
}

/** The workspace a request is for: the organisation of an org-wide install (one register), else the team. */
export function workspaceKey(context: {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}) {
  return context.isEnterpriseInstall && context.enterpriseId ? context.enterpriseId : (context.teamId ?? '');
}
