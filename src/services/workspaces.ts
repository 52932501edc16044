import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../domain/errors.ts';
import { loadPolicy, type Policy } from '../policy/load.ts';
import { isPostgresUrl, openStore } from '../store/index.ts';
import { type AppContext, reloadableContext } from './context.ts';

/**
 * Where each workspace's register and policy are when the app serves many (OAuth installs): registers apart,
 * so that nothing of one workspace is ever read or written for another.
 * - PostgreSQL: a schema per workspace (`ws_t0abc123`) in the same database;
 * - files: `workspaces/T0ABC123/prospect-guard.json` beside the default store;
 * - policy: `policies/T0ABC123.yaml` beside policy.yaml if there is one, else the shipped policy.
 * The key is a team id (T…) or, for an Enterprise Grid org-wide install, the organisation's id (E…).
 */
export interface WorkspaceLayout {
  /** The default store: a file path or a postgres:// URL. */
  store: string;
  policy: Policy;
  env: NodeJS.ProcessEnv;
  clock: () => Date;
}

export function assertWorkspaceKey(key: string): string {
  if (!/^[TE][A-Z0-9]{2,20}$/.test(key)) throw new InputError('invalid_workspace', { value: key });
  return key;
}

/** The register's location of a workspace: its schema, or its file. */
export function workspaceStore(
  layout: Pick<WorkspaceLayout, 'store'>,
  key: string,
): { location: string; schema?: string } {
  assertWorkspaceKey(key);
  if (isPostgresUrl(layout.store)) return { location: layout.store, schema: `ws_${key.toLowerCase()}` };
  return { location: join(dirname(layout.store), 'workspaces', key, basename(layout.store)) };
}

/** The policy of a workspace: its own file if the compliance officer wrote one, else the shipped one. */
export function workspacePolicy(policy: Policy, key: string): Policy {
  const own = join(dirname(policy.file), 'policies', `${assertWorkspaceKey(key)}.yaml`);
  return existsSync(own) ? loadPolicy(own) : policy;
}

/** Opens the context of one workspace: its register (made if new), its policy, the clock. */
export async function openWorkspace(layout: WorkspaceLayout, key: string): Promise<AppContext> {
  const { location, schema } = workspaceStore(layout, key);
  const store = await openStore(location, { env: layout.env, schema });
  return reloadableContext({
    store,
    policy: workspacePolicy(layout.policy, key),
    clock: layout.clock,
    workspace: key,
  });
}
