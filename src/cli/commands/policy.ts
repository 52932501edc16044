import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadPolicy } from '../../policy/load.ts';
import { runScenarios } from '../../policy/scenarios.ts';
import type { CliKit } from '../kit.ts';

/** `policy lint | policy test`. */
export function register(program: Command, kit: CliKit): void {
  const policy = program.command('policy').description('check the policy file');
  policy
    .command('lint')
    .argument('[file]')
    .description('validate the policy; problems are printed as FILE:LINE:COL message')
    .action((file?: string) => {
      const loaded = loadPolicy(resolve(file ?? kit.policyPath()), { scenarios: true });
      kit.out(`${loaded.file}: ok (${loaded.rules.length} rules, revision ${loaded.revision})`);
    });
  policy
    .command('test')
    .argument('[file]')
    .description('run the policy scenarios (tests: section or <name>.test.yaml)')
    .action((file?: string) => {
      const loaded = loadPolicy(resolve(file ?? kit.policyPath()), { scenarios: true });
      const results = runScenarios(loaded);
      for (const result of results) {
        kit.out(`${result.passed ? 'ok  ' : 'FAIL'} ${result.name}`);
        for (const failure of result.failures) kit.out(`       ${failure}`);
      }
      const failed = results.filter((r) => !r.passed).length;
      kit.out(`${results.length - failed} passed, ${failed} failed`);
      kit.setStatus(failed > 0 ? 1 : 0);
    });
}
