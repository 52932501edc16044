import type { Command } from 'commander';
import { fileText, safeCell, safeLine } from '../../csv/write.ts';
import type { InputError } from '../../domain/errors.ts';
import { type Lang, t } from '../../i18n.ts';
import { problemLine } from '../../reports/problems.ts';
import { importContacts } from '../../services/importCsv.ts';
import { flagOf } from '../flags.ts';
import { type CliKit, EXIT } from '../kit.ts';
import { assertWritable, writeOutput } from '../output.ts';
import { terminalProgress } from '../progress.ts';

/** `import FILE: contacts from a CSV, all or nothing`. */
export function register(program: Command, kit: CliKit): void {
  program
    .command('import')
    .description(
      'import contacts from CSV (UTF-8, UTF-16 or Windows-1252; "," ";" or tab; header row) or an .xlsx workbook',
    )
    .argument('<file>')
    .option('--sheet <name|number>', 'the sheet of an .xlsx workbook to read (default: the first)')
    .option(
      '--skip-invalid',
      'import the good rows, leave out the bad ones (listed, and written with --rejected)',
    )
    .option(
      '--rejected <file>',
      'with --skip-invalid: write the bad rows with their reason, to fix and import again',
    )
    .option('--force', 'replace the --rejected file if it exists')
    .action(async (file: string, options) => {
      await kit.withContext(async (ctx) => {
        const lang = kit.lang(ctx.policy);
        if (options.rejected)
          assertWritable(options.rejected, { force: options.force, dbPath: kit.dbPath() });
        const progress = terminalProgress(true);
        const report = await importContacts(ctx, { path: file }, file, {
          by: kit.who(),
          skipInvalid: options.skipInvalid,
          sheet: options.sheet,
          onProgress: progress.update,
        }).finally(progress.stop);
        const reason = (e: { error: InputError; field?: string; column?: string }) =>
          rowProblem(lang, e.error, e.field, e.column);
        // Every problem of the file in its order: the rows rejected, and the fields left out of rows kept.
        const told = [
          ...report.errors.map((e) => ({ line: e.line, text: reason(e) })),
          ...report.dropped.map((d) => ({
            line: d.line,
            text: t(lang, 'cli_import_field_dropped', { problem: reason(d) }),
          })),
        ].sort((a, b) => a.line - b.line);
        for (const { line, text } of told) kit.err(`${file}:${line}: ${text}`);
        if (options.rejected && report.file && report.errors.length > 0) {
          const { header, shape, delimiter } = report.file;
          const lines = [
            [safeLine(header, delimiter), safeCell(t(lang, 'cli_import_reason_column'), delimiter)].join(
              delimiter,
            ),
            // A bad row goes back to Excel: a cell that would run as a formula is neutralised there too.
            ...report.errors.map((e) =>
              [safeLine(e.raw ?? '', delimiter), safeCell(reason(e), delimiter)].join(delimiter),
            ),
          ];
          writeOutput(options.rejected, fileText(lines, shape), {
            force: options.force,
            dbPath: kit.dbPath(),
          });
        }
        if (report.errors.length > 0 && !report.skipped) {
          kit.err(
            t(kit.lang(ctx.policy), 'cli_import_none', { bad: report.errors.length, rows: report.rows }),
          );
          kit.setStatus(EXIT.usage);
          return;
        }
        kit.out(
          t(kit.lang(ctx.policy), 'cli_import_done', {
            rows: report.rows,
            encoding: report.sheet ? t(lang, 'cli_import_sheet', { sheet: report.sheet }) : report.encoding,
            created: report.created,
            updated: report.updated,
          }),
        );
        if (report.objections > 0) kit.out(t(lang, 'cli_import_objections', { count: report.objections }));
        // The good rows are in: a success, with the bad ones told on stderr (and in --rejected).
        if (report.skipped) kit.err(t(lang, 'cli_import_skipped', { bad: report.errors.length }));
        if (report.dropped.length > 0)
          kit.err(t(lang, 'cli_import_dropped', { dropped: report.dropped.length }));
      });
    });
}

/**
 * A row's problem, naming the column at fault as the file does ("column "Portable" (phone)"), once: before the
 * message when the message does not name the field itself (a bad number, a bad département).
 */
function rowProblem(lang: Lang, error: InputError, field?: string, column?: string): string {
  // The field in brackets when the header does not say it already ("Portable" (phone), but "email").
  const key =
    column?.trim().toLowerCase() === field?.toLowerCase()
      ? 'cli_import_column_is_field'
      : 'cli_import_column';
  const label = column && field ? t(lang, key, { column, field }) : undefined;
  const problem = problemLine(lang, error, {
    fieldName: (name) => (label && name === field ? label : flagOf(name)),
  });
  return label && !problem.includes(label) ? t(lang, 'cli_import_about', { label, problem }) : problem;
}
