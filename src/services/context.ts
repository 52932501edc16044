import type { Policy } from '../policy/load.ts';
import type { Store } from '../store/types.ts';

/** What every use case needs: the store, the policy, and a clock (injected so tests control time). */
export interface AppContext {
  store: Store;
  policy: Policy;
  clock: () => Date;
  /** Many workspaces: the team (T…) or organisation (E…) this register is; none for the default register. */
  workspace?: string;
}
