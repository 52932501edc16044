import type { Lang } from '../i18n.ts';
import type { AppContext } from '../services/context.ts';

/**
 * The registers the API reaches: the one a key's token names (a workspace's, in many-workspaces mode; the default
 * register's otherwise), or none; and the language of answers given before any key is known.
 */
export interface ApiRegisters {
  forWorkspace(workspace: string | undefined): Promise<AppContext | undefined>;
  defaultLang(): Lang;
}

/** One register: the default one answers keys that name no workspace. */
export function oneRegister(ctx: AppContext): ApiRegisters {
  return {
    forWorkspace: async (workspace) => (workspace === ctx.workspace ? ctx : undefined),
    defaultLang: () => ctx.policy.doc.policy.default_language,
  };
}
