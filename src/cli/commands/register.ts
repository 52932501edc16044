import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { COMPLIANCE_ROLES } from '../../policy/access.ts';
import { exportRegister, registerFormat } from '../../services/registerExport.ts';
import type { CliKit } from '../kit.ts';
import { assertWritable } from '../output.ts';

/** `register export`: the whole register as a spreadsheet for the DPO, identifiers in full. */
export function register(program: Command, kit: CliKit): void {
  const registerCommand = program.command('register').description('the register as a whole');
  registerCommand
    .command('export')
    .description('one row per contact, identifiers in full, as CSV (French Excel) or .xlsx; compliance only')
    .requiredOption('--out <file>', 'FILE.csv or FILE.xlsx (mode 600)')
    .option('--force', 'replace the --out file if it exists')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const lang = kit.lang(ctx.policy);
          registerFormat(options.out);
          assertWritable(options.out, { force: options.force, dbPath: kit.dbPath() });
          // The command line is the operator's: trusted like the compliance roles, and audited as cli:USER.
          const editor = { actor: kit.who(), roles: COMPLIANCE_ROLES };
          const done = await exportRegister(ctx, editor, { out: options.out, lang });
          kit.out(t(lang, 'register_exported', { rows: done.rows, file: options.out }));
        },
        { read: true },
      );
    });
}
