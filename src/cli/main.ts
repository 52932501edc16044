import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, readPaths } from '../config.ts';
import { InputError } from '../domain/errors.ts';
import { t } from '../i18n.ts';
import { formatIssue, loadPolicy, type Policy, PolicyError } from '../policy/load.ts';
import { problemLine } from '../reports/problems.ts';
import { type AppContext, reloadableContext } from '../services/context.ts';
import { workspacePolicy, workspaceStore } from '../services/workspaces.ts';
import { isPostgresUrl, openStore, StoreError, StoreLockedError, storeExists } from '../store/index.ts';
import { forwardCommand, socketPathOf } from './bridge.ts';
import * as apiKey from './commands/apiKey.ts';
import * as audit from './commands/audit.ts';
import * as campaign from './commands/campaign.ts';
import * as canI from './commands/canI.ts';
import * as consent from './commands/consent.ts';
import * as contact from './commands/contact.ts';
import * as event from './commands/event.ts';
import * as importCommand from './commands/import.ts';
import * as importConsents from './commands/importConsents.ts';
import * as importSuppressions from './commands/importSuppressions.ts';
import * as init from './commands/init.ts';
import * as optout from './commands/optout.ts';
import * as policyCommands from './commands/policy.ts';
import * as registerCommand from './commands/register.ts';
import * as retention from './commands/retention.ts';
import * as start from './commands/start.ts';
import * as storeCommands from './commands/store.ts';
import * as webhook from './commands/webhook.ts';
import { flagOf } from './flags.ts';
import type { Lang } from './format.ts';
import { type CliKit, EXIT, type Io } from './kit.ts';

export { EXIT };

/** Every command, in the order `--help` lists them; each one's file is under cli/commands/. */
const COMMANDS = [
  init,
  contact,
  consent,
  event,
  optout,
  canI,
  importCommand,
  importConsents,
  importSuppressions,
  policyCommands,
  campaign,
  retention,
  registerCommand,
  audit,
  apiKey,
  webhook,
  storeCommands,
  start,
];

interface GlobalOptions {
  db?: string;
  policy?: string;
  lang?: string;
  workspace?: string;
}

function userName(env: NodeJS.ProcessEnv): string {
  return env.USER ?? env.USERNAME ?? safeUser();
}

function who(env: NodeJS.ProcessEnv): string {
  return `cli:${userName(env)}`;
}

/** The store is the running app's: the command is to be carried out there. */
class ForwardToApp extends Error {
  constructor(readonly socketPath: string) {
    super('forward to the running app');
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Runs the CLI; returns the exit status instead of exiting, so tests can call it in-process. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let status: number = 0;
  const program = newProgram(io);
  const settings = commandSettings(program, io);
  const { dbPath, errorLang, lang, policyPath } = settings;
  const kit: CliKit = {
    io,
    dbPath,
    confirm: async (question, yes) => {
      if (yes) return true;
      if (!io.interactive || !io.input) throw new InputError('needs_confirmation');
      io.err(`${question} [${errorLang() === 'fr' ? 'oui/non' : 'yes/no'}]`);
      return /^\s*(y|yes|o|oui)\s*$/i.test(await firstLine(io.input));
    },
    out: io.out,
    err: io.err,
    who: () => who(io.env),
    lang,
    policyPath,
    withContext: contextOpener(io, settings),
    setStatus: (value: number) => {
      status = value;
    },
    run: runCli,
  };
  for (const command of COMMANDS) command.register(program, kit);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    return failed(error, argv, io, errorLang);
  }
}

/** The program and its global options, answering on `io` and never exiting. */
function newProgram(io: Io): Command {
  return new Command('prospect-guard')
    .description('Checks French/EU prospecting rules before outreach.')
    .option('--db <path>', 'consent store file (default data/prospect-guard.json, or PROSPECT_GUARD_DB)')
    .option('--policy <path>', 'policy file (default policy.yaml, or PROSPECT_GUARD_POLICY)')
    .addOption(new Option('--lang <lang>', 'language of answers').choices(['fr', 'en']))
    .option(
      '--workspace <id>',
      'many workspaces: the register and policy of this team (T…) or organisation (E…)',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError();
}

type Settings = ReturnType<typeof commandSettings>;

/** What the global options and the environment say: the policy, the store, the languages. */
function commandSettings(program: Command, io: Io) {
  const globals = () => program.opts<GlobalOptions>();
  const policyPath = () => resolve(globals().policy ?? readPaths(io.env).policyPath);
  const lang = (policy: Policy | undefined): Lang =>
    (globals().lang as Lang | undefined) ?? policy?.doc.policy.default_language ?? errorLang();
  /** The language of an error: --lang, else the policy's (when it can be read), else English. */
  const errorLang = (): Lang => {
    const chosen = globals().lang as Lang | undefined;
    if (chosen) return chosen;
    try {
      return loadPolicy(policyPath()).doc.policy.default_language;
    } catch {
      return 'en';
    }
  };

  /** The default store: a file (resolved from here), or a PostgreSQL URL as given. */
  const defaultStore = () => {
    const given = globals().db;
    if (given === undefined) return readPaths(io.env).dbPath;
    return isPostgresUrl(given) ? given : resolve(given);
  };
  /** The store of the command: the default one, or a workspace's (--workspace). */
  const storeOf = () => {
    const workspace = globals().workspace;
    return workspace ? workspaceStore({ store: defaultStore() }, workspace) : { location: defaultStore() };
  };
  const dbPath = () => storeOf().location;

  /**
   * A file store is created only on purpose: by `init`, or by a write at the default path (data/… or
   * PROSPECT_GUARD_DB), which says so. Anywhere else a missing store is a typo: a read must not answer an access
   * request with "we hold nothing", and a write must not start a second register with a hash key of its own.
   */
  const mayCreate = (path: string, options: { read?: boolean; create?: boolean }) =>
    options.create === true || (!options.read && path === readPaths(io.env).dbPath);

  return { policyPath, lang, errorLang, storeOf, dbPath, mayCreate, workspace: () => globals().workspace };
}

/** Opens policy and store for one command and always closes the store. */
function contextOpener(io: Io, settings: Settings): CliKit['withContext'] {
  const { policyPath, lang, storeOf, mayCreate } = settings;
  return async function withContext<T>(
    work: (ctx: AppContext) => Promise<T>,
    options: { read?: boolean; create?: boolean; policy?: Policy } = {},
  ): Promise<T> {
    if (io.context) return work(io.context); // carried out by the running app, on its store
    const workspace = settings.workspace();
    const shipped = options.policy ?? loadPolicy(policyPath());
    const policy = workspace && !options.policy ? workspacePolicy(shipped, workspace) : shipped;
    const { location: path, schema } = storeOf();
    if (!isPostgresUrl(path) && !storeExists(path) && !mayCreate(path, options))
      throw new InputError('no_store', { file: path });
    let store: Awaited<ReturnType<typeof openStore>>;
    try {
      store = await openStore(path, { env: io.env, schema });
    } catch (error) {
      // The app holds the store: the command goes to it, over the socket beside the store.
      if (error instanceof StoreLockedError && existsSync(socketPathOf(path)))
        throw new ForwardToApp(socketPathOf(path));
      throw error;
    }
    if (store.created) io.err(`prospect-guard: ${t(lang(policy), 'cli_store_created', { file: path })}`);
    try {
      return await work(reloadableContext({ store, policy, clock: io.clock, workspace }));
    } finally {
      await store.close();
    }
  };
}

/** The exit status of a command that threw, its problem told on stderr in one line. */
async function failed(error: unknown, argv: string[], io: Io, errorLang: () => Lang): Promise<number> {
  if (error instanceof ForwardToApp) return forwardCommand(error.socketPath, argv, io, userName(io.env));
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : EXIT.usage;
  }
  if (error instanceof PolicyError) {
    for (const issue of error.issues) io.err(formatIssue(issue));
    return EXIT.usage;
  }
  if (error instanceof InputError) {
    io.err(`prospect-guard: ${problemLine(errorLang(), error, { fieldName: flagOf })}`);
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    io.err(`prospect-guard: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof StoreError) {
    io.err(`prospect-guard: ${error.message}`);
    return EXIT.failure;
  }
  // Never a stack trace for a user: one line, and the details on request.
  const detail = io.env.PROSPECT_GUARD_DEBUG
    ? `\n${(error as Error)?.stack}`
    : ' (PROSPECT_GUARD_DEBUG=1 shows details)';
  io.err(`prospect-guard: internal error: ${(error as Error)?.message ?? error}${detail}`);
  return EXIT.failure;
}

/** One line typed on the terminal. */
function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((done) => {
    const lines = createInterface({ input });
    lines.once('line', (line) => {
      lines.close();
      done(line);
    });
    lines.once('close', () => done(''));
  });
}
