import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, readConfig, readPaths } from '../config.ts';
import { CHANNELS, type Channel } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { maskIdentifier } from '../domain/identifiers.ts';
import { runApp } from '../main.ts';
import { formatIssue, loadPolicy, type Policy, PolicyError } from '../policy/load.ts';
import { runScenarios } from '../policy/scenarios.ts';
import { ask } from '../services/ask.ts';
import type { AppContext } from '../services/context.ts';
import { importContacts } from '../services/importCsv.ts';
import * as parse from '../services/parse.ts';
import { addContact, optOut, recordConsent, recordEvent } from '../services/record.ts';
import { StoreError } from '../store/errors.ts';
import { FileStore } from '../store/fileStore.ts';
import { registerCampaignCommands } from './campaign.ts';
import { formatAnswer, type Lang } from './format.ts';
import { registerRetentionCommands } from './retention.ts';

export const EXIT = { allow: 0, block: 1, usage: 2, review: 3 } as const;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  clock: () => Date;
  /** For `start` in emulator mode: the lines typed or piped in. */
  input?: NodeJS.ReadableStream;
  interactive?: boolean;
  stopSignal?: Promise<void>;
}

interface GlobalOptions {
  db?: string;
  policy?: string;
  lang?: string;
}

function who(env: NodeJS.ProcessEnv): string {
  return `cli:${env.USER ?? env.USERNAME ?? safeUser()}`;
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
  const program = new Command('prospect-guard');
  program
    .description('Checks French/EU prospecting rules before outreach.')
    .option('--db <path>', 'consent store file (default data/prospect-guard.json, or PROSPECT_GUARD_DB)')
    .option('--policy <path>', 'policy file (default policy.yaml, or PROSPECT_GUARD_POLICY)')
    .addOption(new Option('--lang <lang>', 'language of answers').choices(['fr', 'en']))
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError();

  const globals = () => program.opts<GlobalOptions>();
  const policyPath = () => resolve(globals().policy ?? readPaths(io.env).policyPath);
  const lang = (policy: Policy): Lang =>
    (globals().lang as Lang | undefined) ?? policy.doc.policy.default_language;

  /** Opens policy and store for one command and always closes the store. */
  async function withContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
    const policy = loadPolicy(policyPath());
    const dbPath = resolve(globals().db ?? readPaths(io.env).dbPath);
    const store = await FileStore.open(dbPath, { env: io.env });
    if (store.created) io.err(`prospect-guard: created a new, empty store at ${dbPath}`);
    try {
      return await work({ store, policy, clock: io.clock });
    } finally {
      await store.close();
    }
  }

  const personOptions = (command: Command) =>
    command.option('--email <email>', 'email address').option('--phone <phone>', 'phone number');

  const contact = program.command('contact').description('manage contacts');
  personOptions(contact.command('add').description('add or update a contact with its provenance'))
    .option('--name <name>')
    .option('--company <company>')
    .option('--function <function>', 'job function, e.g. finance, hr, sales')
    .option('--audience <audience>', 'b2b or b2c (derived from the address when not given)')
    .option(
      '--address-kind <kind>',
      'personal, pro-nominative or pro-generic (e.g. the contact@ of a one-person business is pro-nominative)',
    )
    .option('--department <code>', 'French département of the person (67, 68, 57 have local holidays)')
    .option(
      '--source <type[:detail]>',
      'form, sale (given by the customer at a sale), purchase (a bought list), event, referral, partner, import, enrichment, scraping, manual',
    )
    .option('--collection <how>', 'direct or indirect (derived from the source when not given)')
    .option('--collected-at <date>')
    .option('--informed-at <date>', 'when the information notice (with the right to object) was given')
    .option('--customer-since <date>')
    .option('--customer-until <date>', 'end of the contract or of the relationship')
    .option(
      '--relationship <kind>',
      'purchase (one-off, default), contract (in progress until --customer-until), account (no purchase)',
    )
    .option(
      '--last-purchase-at <date>',
      'the latest purchase (the retention clock of a customer starts there)',
    )
    .option('--products <a,b>', 'product categories bought (see policy.yaml products)')
    .option('--owner <slackId>', 'Slack user id of the owner')
    .action(async (options) => {
      await withContext(async (ctx) => {
        const { contact: saved, created } = await addContact(ctx, options);
        const id = saved.email
          ? { kind: 'email' as const, value: saved.email }
          : { kind: 'phone' as const, value: saved.phone ?? '' };
        io.out(`${created ? 'added' : 'updated'} contact ${maskIdentifier(id)} (${saved.id})`);
      });
    });

  const consent = program.command('consent').description('record a consent or its withdrawal');
  for (const action of ['grant', 'withdraw'] as const) {
    personOptions(consent.command(action))
      .description(`${action} a consent, with its proof`)
      .requiredOption('--channel <channel>', CHANNELS.join(', '))
      .option('--purpose <purpose>', 'default prospecting')
      .option('--at <date>')
      .option('--method <method>', 'checkbox, double-opt-in, signed, oral-recorded, email-reply…')
      .option('--wording <version>', 'version of the wording shown')
      .option('--evidence <ref>', 'where the proof is (URL, recording id…)')
      .option('--until <date>', 'validity end')
      .option('--collected-by <who>', 'the partner or lead-generation site that collected it, if not us')
      .option('--names-us <yes|no>', 'whether that consent named us (or our category), or only "partners"')
      .option('--slot-start <datetime>', 'a consent to be called at a precise time: start of the slot')
      .option('--slot-end <datetime>', 'end of that slot')
      .action(async (options) => {
        await withContext(async (ctx) => {
          const { record } = await recordConsent(ctx, { ...options, action, recordedBy: who(io.env) });
          io.out(
            `consent ${action === 'grant' ? 'granted' : 'withdrawn'}: ${record.channel}/${record.purpose} at ${record.at}`,
          );
        });
      });
  }
  personOptions(program.command('event').description('record an interaction'))
    .requiredOption(
      '--type <type>',
      'click, reply, form, inbound-call, meeting, callback-request, open, call-attempt, automated-call-attempt, call-refusal (also recorded as an objection to calls to that line)',
    )
    .option('--at <datetime>')
    .action(async (options) => {
      await withContext(async (ctx) => {
        const { record } = await recordEvent(ctx, options);
        io.out(`recorded ${record.type} at ${record.at}`);
      });
    });

  personOptions(program.command('optout').description('record an objection (suppression list)'))
    .option('--channel <channel>', `${CHANNELS.join(', ')} or all`, 'all')
    .option('--at <datetime>')
    .option('--reason <reason>')
    .action(async (options) => {
      await withContext(async (ctx) => {
        const result = await optOut(ctx, { ...options, origin: 'cli' });
        io.out(`objection recorded (${result.scope}) for ${result.suppressions.length} identifier(s)`);
      });
    });

  program
    .command('can-i')
    .description('may I contact this person on this channel? exit 0 allow, 1 block, 3 review')
    .argument('<channel>', CHANNELS.join(', '))
    .argument('<target>', 'email or phone (Slack <mailto:…> and <tel:…> forms accepted)')
    .option('--purpose <purpose>', 'default prospecting')
    .option('--product <category>', 'product category from policy.yaml')
    .option('--at <datetime>', 'when the contact would happen (default now)')
    .option('--json', 'print the decision as JSON')
    .action(async (channelArg: string, target: string, options) => {
      const channel: Channel = parse.channel(channelArg);
      await withContext(async (ctx) => {
        const answer = await ask(ctx, { ...options, channel, target, askedBy: who(io.env) });
        io.out(
          options.json
            ? JSON.stringify(answer.decision, null, 2)
            : formatAnswer(answer, lang(ctx.policy), ctx.policy.timeZone),
        );
        status = EXIT[answer.decision.verdict];
      });
    });

  program
    .command('import')
    .description('import contacts from CSV (UTF-8 or Windows-1252, "," or ";", header row)')
    .argument('<file>')
    .action(async (file: string) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code})`);
      }
      await withContext(async (ctx) => {
        const report = await importContacts(ctx, bytes, file);
        if (report.errors.length > 0) {
          for (const line of report.errors) io.err(line);
          io.err(`nothing imported: ${report.errors.length} of ${report.rows} rows are invalid`);
          status = EXIT.usage;
          return;
        }
        io.out(
          `imported ${report.rows} rows (${report.encoding}): ${report.created} new, ${report.updated} updated`,
        );
      });
    });

  const policy = program.command('policy').description('check the policy file');
  policy
    .command('lint')
    .argument('[file]')
    .description('validate the policy; problems are printed as FILE:LINE:COL message')
    .action((file?: string) => {
      const loaded = loadPolicy(resolve(file ?? policyPath()));
      io.out(`${loaded.file}: ok (${loaded.rules.length} rules, revision ${loaded.revision})`);
    });
  policy
    .command('test')
    .argument('[file]')
    .description('run the policy scenarios (tests: section or <name>.test.yaml)')
    .action((file?: string) => {
      const loaded = loadPolicy(resolve(file ?? policyPath()));
      const results = runScenarios(loaded);
      for (const result of results) {
        io.out(`${result.passed ? 'ok  ' : 'FAIL'} ${result.name}`);
        for (const failure of result.failures) io.out(`       ${failure}`);
      }
      const failed = results.filter((r) => !r.passed).length;
      io.out(`${results.length - failed} passed, ${failed} failed`);
      status = failed > 0 ? 1 : 0;
    });

  const kit = {
    out: io.out,
    who: () => who(io.env),
    lang,
    withContext,
    setStatus: (value: number) => {
      status = value;
    },
  };
  registerCampaignCommands(program, kit);
  registerRetentionCommands(program, kit);

  program
    .command('start')
    .description(
      'run the Slack app: Socket Mode or HTTP mode from SLACK_* variables, or the built-in emulator without them',
    )
    .action(async () => {
      const config = readConfig(io.env);
      await withContext(async (ctx) => {
        await runApp(
          ctx,
          { ...config, dbPath: ctx.store.location, policyPath: ctx.policy.file },
          {
            out: io.out,
            err: io.err,
            input: io.input ?? process.stdin,
            interactive: io.interactive ?? false,
            stopSignal: io.stopSignal ?? new Promise<void>(() => undefined),
          },
        );
      });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT.usage;
    }
    if (error instanceof PolicyError) {
      for (const issue of error.issues) io.err(formatIssue(issue));
      return EXIT.usage;
    }
    if (error instanceof InputError || error instanceof StoreError || error instanceof ConfigError) {
      io.err(`prospect-guard: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}
