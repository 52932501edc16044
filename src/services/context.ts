import type { Policy } from '../policy/load.ts';
import type { Store } from '../store/index.ts';

/**
 * The policy in force for one register: read at every use, and put in force whole by a reload (never edited in
 * place), so a request that began under one revision reads that revision's objects to its end.
 */
export class PolicyHolder {
  constructor(private policy: Policy) {}

  current(): Policy {
    return this.policy;
  }

  /** Puts `next` in force from now on; gives back the one it replaces. */
  swap(next: Policy): Policy {
    const before = this.policy;
    this.policy = next;
    return before;
  }
}

/** What every use case needs: the store, the policy, and a clock (injected so tests control time). */
export interface AppContext {
  store: Store;
  /** The policy in force now (`policies.current()` where the context can reload it). */
  readonly policy: Policy;
  /** Where a reload puts a new policy in force: the running app's registers; a one-off command has none. */
  policies?: PolicyHolder;
  clock: () => Date;
  /** Many workspaces: the team (T…) or organisation (E…) this register is; none for the default register. */
  workspace?: string;
}

/**
 * A context whose policy can be reloaded while it serves (the app, each workspace's register); given a holder,
 * it shares it, so a reload is seen by every context over the same register.
 */
export function reloadableContext(fields: {
  store: Store;
  policy: Policy | PolicyHolder;
  clock: () => Date;
  workspace?: string;
}): AppContext {
  const policies = fields.policy instanceof PolicyHolder ? fields.policy : new PolicyHolder(fields.policy);
  return {
    store: fields.store,
    policies,
    get policy() {
      return policies.current();
    },
    clock: fields.clock,
    ...(fields.workspace ? { workspace: fields.workspace } : {}),
  };
}
