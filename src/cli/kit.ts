import type { Command } from 'commander';
import type { Lang } from '../i18n.ts';
import { type Actor, operator } from '../policy/access.ts';
import type { Policy } from '../policy/load.ts';
import type { AppContext } from '../services/context.ts';

/**
 * Exit statuses: a verdict (0 allow, 1 block, 3 review), 2 for bad input, 4 when the store or the environment
 * failed (a damaged or locked store, a missing key, Slack unreachable): never 1, which means "block".
 */
export const EXIT = { allow: 0, block: 1, usage: 2, review: 3, failure: 4 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  clock: () => Date;
  /** For `start` in emulator mode: the lines typed or piped in. */
  input?: NodeJS.ReadableStream;
  interactive?: boolean;
  stopSignal?: Promise<void>;
  /** Set when the running app carries out a command sent to it: its store and policy, already open. */
  context?: AppContext;
}

/** What every command gets from the CLI: output, who is acting, the language, the policy and the store. */
export interface CliKit {
  io: Io;
  out: (text: string) => void;
  err: (text: string) => void;
  who: () => string;
  /** The reader's language: --lang, else the policy's (when it could be read), else English. */
  lang: (policy: Policy | undefined) => Lang;
  policyPath: () => string;
  dbPath: () => string;
  /**
   * Asks before something that cannot be undone: `--yes` answers for scripts; on a terminal the user types yes;
   * anywhere else the command stops and says to add --yes.
   */
  confirm: (question: string, yes: boolean | undefined) => Promise<boolean>;
  /**
   * Opens policy and store for one command and always closes the store. A missing store is "no store at PATH",
   * unless `create` (init) or the command writes at the default path; `policy`: instead of the --policy file.
   */
  withContext: <T>(
    work: (ctx: AppContext) => Promise<T>,
    options?: { read?: boolean; create?: boolean; policy?: Policy },
  ) => Promise<T>;
  setStatus: (status: number) => void;
  /** Runs another command line in this process: `start` carries the commands typed beside the app here. */
  run: (argv: string[], io: Io) => Promise<number>;
}

/** The operator as the services receive them: trusted like the compliance roles, audited as `cli:USER`. */
export function operatorOf(kit: CliKit): Actor {
  return operator(kit.who());
}

/** `--email E | --phone P`, the two ways to name a person. */
export function personOptions(command: Command): Command {
  return command.option('--email <email>', 'email address').option('--phone <phone>', 'phone number');
}
