import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../services/context.ts';
import { People } from './listeners/people.ts';

/** One workspace as the app serves it: its register, policy and clock, its people, a Web API client with its token. */
export interface Workspace {
  key: string;
  ctx: AppContext;
  people: People;
  client: WebClient;
}

/** Opens the context of a workspace (a team, or an Enterprise Grid organisation installed org-wide), once. */
export type WorkspaceOpener = (key: string) => Promise<AppContext>;

/**
 * Which workspace a request belongs to, for everything the request does: set by a middleware from the team (or
 * the organisation of an org-wide install) Slack says the request comes from, and held in AsyncLocalStorage so
 * that listeners reading `deps.ctx` and `deps.people` reach that workspace's register and no other.
 */
export class WorkspaceRouter {
  private readonly storage = new AsyncLocalStorage<Workspace>();
  private readonly opened = new Map<string, Promise<Workspace>>();

  /** Told when a workspace is opened (its scheduler starts) and when it is forgotten (uninstalled). */
  onOpen?: (workspace: Workspace) => void;
  onForget?: (key: string) => void;

  constructor(
    private readonly logger: Logger,
    /** Single-workspace mode: the one workspace, also outside requests. */
    private readonly only?: Workspace,
    private readonly open?: WorkspaceOpener,
  ) {}

  /** The workspace of the request being handled (or the only one). */
  current(): Workspace {
    const workspace = this.storage.getStore() ?? this.only;
    if (!workspace) throw new Error('no workspace for this request');
    return workspace;
  }

  /** The workspace of `key`, opened on first use with the client Bolt made for its token. */
  async workspace(key: string, client: WebClient): Promise<Workspace> {
    if (this.only) return this.only;
    let opening = this.opened.get(key);
    if (!opening) {
      const open = this.open as WorkspaceOpener;
      opening = open(key).then((ctx) => {
        const workspace = { key, ctx, people: new People(ctx, client, this.logger), client };
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

  run<T>(workspace: Workspace, work: () => Promise<T>): Promise<T> {
    return this.storage.run(workspace, work);
  }

  /** Every workspace opened so far (their schedulers, their stores to close). */
  async all(): Promise<Workspace[]> {
    return this.only ? [this.only] : Promise.all(this.opened.values());
  }

  /** A context that is always the current workspace's: what listeners hold as `deps.ctx`. */
  routedContext(): AppContext {
    const router = this;
    return {
      get store() {
        return router.current().ctx.store;
      },
      get policy() {
        return router.current().ctx.policy;
      },
      set policy(policy) {
        router.current().ctx.policy = policy;
      },
      clock: () => router.current().ctx.clock(),
    };
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
