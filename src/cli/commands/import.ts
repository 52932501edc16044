import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import { t } from '../../i18n.ts';
import { problemLine } from '../../reports/problems.ts';
import { importContacts } from '../../services/importCsv.ts';
import { flagOf } from '../flags.ts';
import { type CliKit, EXIT } from '../kit.ts';

/** `import FILE: contacts from a CSV, all or nothing`. */
export function register(program: Command, kit: CliKit): void {
  program
    .command('import')
    .description('import contacts from CSV (UTF-8 or Windows-1252, "," or ";", header row)')
    .argument('<file>')
    .action(async (file: string) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw new InputError('file_unreadable', { file, reason: (error as NodeJS.ErrnoException).code });
      }
      await kit.withContext(async (ctx) => {
        const report = await importContacts(ctx, bytes, file);
        if (report.errors.length > 0) {
          for (const { line, error } of report.errors)
            kit.err(`${file}:${line}: ${problemLine(kit.lang(ctx.policy), error, { fieldName: flagOf })}`);
          kit.err(
            t(kit.lang(ctx.policy), 'cli_import_none', { bad: report.errors.length, rows: report.rows }),
          );
          kit.setStatus(EXIT.usage);
          return;
        }
        kit.out(
          t(kit.lang(ctx.policy), 'cli_import_done', {
            rows: report.rows,
            encoding: report.encoding,
            created: report.created,
            updated: report.updated,
          }),
        );
      });
    });
}
