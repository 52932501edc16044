import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { exportRegister, registerFormat } from '../../services/registerExport.ts';
import { type CliKit, operatorOf } from '../kit.ts';
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
          const editor = operatorOf(kit);
          const done = await exportRegister(ctx, editor, { out: options.out, lang });
          kit.out(t(lang, 'register_exported', { rows: done.rows, file: options.out }));
        },
        { read: true },
      );
    });
}
