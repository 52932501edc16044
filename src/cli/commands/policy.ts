import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Channel } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import { t } from '../../i18n.ts';
import { diffScenarios } from '../../policy/diff.ts';
import { formatIssue, loadPolicy, type Policy } from '../../policy/load.ts';
import { runScenarios, scenarioPlace, untestedRules } from '../../policy/scenarios.ts';
import { policyDiffLines } from '../../reports/policyDiff.ts';
import * as parse from '../../services/parse.ts';
import { DIFF_CHANNELS, diffRegister } from '../../services/policyDiff.ts';
import type { CliKit } from '../kit.ts';
import { terminalProgress } from '../progress.ts';

/**
 * `policy lint | test | diff`: the compliance officer's checks before a policy goes live.
 * Exit codes: lint 0 valid (warnings on stderr), 1 warnings with --strict, 2 invalid; test 0 all passed, 1 a
 * scenario failed or a rule has none, 2 invalid policy or no scenario at all; diff 0 no answer changes, 1 some
 * do, 2 bad input.
 */
export function register(program: Command, kit: CliKit): void {
  const policy = program.command('policy').description('check the policy file, and what a change of it does');
  // The subcommands are added in this order so that `policy --help` lists them as before.
  registerLint(policy, kit);
  registerTest(policy, kit);
  registerDiff(policy, kit);
}

/** The policy a command checks: the one named, else the one the CLI runs with. */
function policyFile(kit: CliKit, given?: string): string {
  return resolve(given ?? kit.policyPath());
}

function registerLint(policy: Command, kit: CliKit): void {
  policy
    .command('lint')
    .argument('[file]')
    .option('--tests <file>', 'the scenario file (default: <policy>.test.yaml beside it)')
    .option('--strict', 'warnings (placeholders left in place) fail the check too')
    .description('validate the policy; problems are printed as FILE:LINE:COL message')
    .action((given: string | undefined, options: { tests?: string; strict?: boolean }) => {
      const loaded = loadPolicy(policyFile(kit, given), {
        scenarios: true,
        tests: options.tests,
        warnings: true,
      });
      const lang = kit.lang(loaded);
      for (const warning of loaded.warnings)
        kit.err(formatIssue({ ...warning, message: `warning: ${warning.message}` }));
      const count = loaded.warnings.length;
      if (options.strict && count > 0) {
        kit.err(t(lang, 'policy_lint_strict', { file: loaded.file, count }));
        kit.setStatus(1);
        return;
      }
      const warned = count > 0 ? t(lang, 'policy_lint_warned', { count }) : '';
      kit.out(
        t(lang, 'policy_lint_ok', {
          file: loaded.file,
          rules: loaded.rules.length,
          revision: loaded.revision,
          warned,
        }),
      );
    });
}

function registerTest(policy: Command, kit: CliKit): void {
  policy
    .command('test')
    .argument('[file]')
    .option('--tests <file>', 'the scenario file (default: <policy>.test.yaml beside it)')
    .description('run the policy scenarios (tests: section and <name>.test.yaml, or --tests FILE)')
    .action((given: string | undefined, options: { tests?: string }) => {
      const loaded = loadPolicy(policyFile(kit, given), {
        scenarios: true,
        tests: options.tests && resolve(options.tests),
      });
      if (loaded.scenarios.length === 0)
        throw new InputError('policy_no_scenario', {
          file: loaded.file,
          value: options.tests ?? siblingName(loaded),
        });
      const lang = kit.lang(loaded);
      // The files the scenarios came from: the policy's own tests: section, the scenario file, or both.
      const files = [loaded.doc.tests?.length ? loaded.file : undefined, loaded.scenarioFile].filter(Boolean);
      kit.out(t(lang, 'policy_test_files', { files: files.join(' + ') }));
      const results = runScenarios(loaded);
      for (const result of results) {
        const place = scenarioPlace(loaded, result.name);
        kit.out(
          `${result.passed ? 'ok  ' : 'FAIL'} ${result.name}${result.passed ? '' : ` (${place.file}:${place.line})`}`,
        );
        for (const failure of result.failures) kit.out(`       ${failure}`);
      }
      const untested = untestedRules(loaded);
      for (const rule of untested) kit.out(t(lang, 'policy_test_untested', { rule }));
      const failed = results.filter((r) => !r.passed).length + untested.length;
      kit.out(t(lang, 'policy_test_summary', { passed: results.length + untested.length - failed, failed }));
      kit.setStatus(failed > 0 ? 1 : 0);
    });
}

function registerDiff(policy: Command, kit: CliKit): void {
  policy
    .command('diff')
    .argument('<old>', 'the policy in force')
    .argument('<new>', 'the policy about to replace it')
    .option('--register', 'also ask every contact of the store, on each channel (reads only)')
    .option('--at <datetime>', 'when the register is asked (default now)')
    .option('--channel <channels>', `register channels, comma-separated (default ${DIFF_CHANNELS.join(',')})`)
    .option('--product <category>', 'the product the register is asked about (default none)')
    .option('--tests <file>', "scenarios to run on both (default: each policy's own, by name)")
    .option('--json', 'print as JSON')
    .description('the answers that change from OLD to NEW: scenarios, and with --register the store')
    .action(async (oldFile: string, newFile: string, options: DiffOptions) => {
      for (const flag of ['at', 'channel', 'product'] as const)
        if (options[flag] !== undefined && !options.register)
          throw new InputError('needs_flag', { field: `--${flag}`, other: '--register' });
      const tests = options.tests && resolve(options.tests);
      const before = loadPolicy(resolve(oldFile), { scenarios: true, tests });
      const after = loadPolicy(resolve(newFile), { scenarios: true, tests });
      const scenarios = diffScenarios(before, after);
      // Comparing on nothing would say "no answer changes" by accident.
      if (scenarios.asked === 0 && !options.register)
        throw new InputError('policy_no_scenario', { file: after.file, value: siblingName(after) });
      const register = options.register
        ? await kit.withContext(
            async (ctx) => {
              const progress = terminalProgress(!options.json);
              return diffRegister(ctx.store, before, after, {
                at: options.at ? parse.instant(options.at, after, 'at') : ctx.clock(),
                channels: options.channel ? channelsOf(options.channel) : undefined,
                product: parse.product(options.product, after),
                onProgress: progress.update,
              }).finally(progress.stop);
            },
            { read: true, policy: after },
          )
        : undefined;
      const revision = (p: Policy) => `${p.file} (${p.revision})`;
      if (options.json) {
        const side = (p: Policy) => ({ file: p.file, revision: p.revision });
        kit.out(JSON.stringify({ before: side(before), after: side(after), scenarios, register }, null, 2));
      } else {
        const report = { before: revision(before), after: revision(after), scenarios, register };
        for (const line of policyDiffLines(report, kit.lang(after), after.timeZone)) kit.out(line);
      }
      const moved = (d?: { changed: number; reasonsChanged: number }) =>
        d ? d.changed + d.reasonsChanged : 0;
      kit.setStatus(moved(scenarios) > 0 || moved(register) > 0 ? 1 : 0);
    });
}

interface DiffOptions {
  register?: boolean;
  tests?: string;
  at?: string;
  channel?: string;
  product?: string;
  json?: boolean;
}

function channelsOf(value: string): Channel[] {
  return value.split(',').map((c) => parse.oneOf(c.trim(), DIFF_CHANNELS as readonly Channel[], 'channel'));
}

function siblingName(policy: Policy): string {
  return policy.file.replace(/\.ya?ml$/, '.test.yaml');
}
