import type { Command } from 'commander';
import { fileText, safeCell, safeLine } from '../csv/write.ts';
import { InputError } from '../domain/errors.ts';
import { type Lang, t } from '../i18n.ts';
import { fieldWords, problemLine } from '../reports/problems.ts';
import type { FactFile, RowError } from '../services/factRows.ts';
import { type CliKit, EXIT } from './kit.ts';
import { writeOutput } from './output.ts';

/**
 * What `import-consents` and `import-suppressions` share at the terminal: each bad row told as
 * `FILE:LINE: column "…" (field): problem` in the reader's language, the rejected rows written back in the
 * file's own shape with their reason, and the refusal of a file with bad rows (exit 2, nothing written).
 */

/** The options every file import takes (`import`, `import-consents`, `import-suppressions`), said once. */
export function fileImportOptions(command: Command): Command {
  return command
    .option('--dry-run', 'read and check every row, show what would be recorded, write nothing')
    .option(
      '--skip-invalid',
      'record the good rows, leave out the bad ones (listed, and written with --rejected)',
    )
    .option('--rejected <file>', 'write the bad rows with their reason, to fix and import again')
    .option('--force', 'replace the --rejected file if it exists');
}

/**
 * Runs a bulk import; a problem with the file as a whole (a column it lacks) names the field in the reader's
 * words, as its rows' problems do, not as a command-line flag.
 */
export async function fileProblems<T>(
  kit: CliKit,
  lang: Lang,
  work: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InputError) || error.problem !== 'csv_missing_column') throw error;
    kit.err(`prospect-guard: ${problemLine(lang, error, { fieldName: fieldWords(lang) })}`);
    kit.setStatus(EXIT.usage);
    return undefined;
  }
}

/** A row's problem, naming the file's column and, when its header does not say it, the field in words. */
export function rowReason(lang: Lang, e: RowError): string {
  const words = fieldWords(lang);
  const field = e.field;
  const column = e.column?.trim() ? e.column : undefined;
  const shown = field ? words(field) : '';
  const key =
    column?.toLowerCase() === shown.toLowerCase() ? 'cli_import_column_is_field' : 'cli_import_column';
  const label = column && field ? t(lang, key, { column, field: shown }) : undefined;
  const problem = problemLine(lang, e.error, {
    fieldName: (name) => (label && name === field ? label : words(name)),
  });
  return label && !problem.includes(label) ? t(lang, 'cli_import_about', { label, problem }) : problem;
}

/**
 * Tells every bad row on stderr and writes them to `rejected` (with a reason column, in the input's encoding and
 * separator); returns false, with exit 2, when the file is refused because of them.
 */
export function tellRows(
  kit: CliKit,
  lang: Lang,
  fileArg: string,
  report: { file: FactFile; errors: RowError[]; dropped?: RowError[]; skipped: boolean },
  options: { rejected?: string; force?: boolean },
): boolean {
  // Every problem of the file in its order: the rows refused, and what was left out of rows kept.
  const told = [
    ...report.errors.map((e) => ({ line: e.line, text: rowReason(lang, e) })),
    ...(report.dropped ?? []).map((d) => ({
      line: d.line,
      text: t(lang, 'cli_import_field_dropped', { problem: rowReason(lang, d) }),
    })),
  ].sort((a, b) => a.line - b.line);
  for (const { line, text } of told) kit.err(`${fileArg}:${line}: ${text}`);
  if (report.dropped?.length) kit.err(t(lang, 'cli_bulk_dropped', { count: report.dropped.length }));
  if (options.rejected && report.errors.length > 0) {
    const { header, shape, delimiter } = report.file.shape;
    const reasonHeader = safeCell(t(lang, 'cli_import_reason_column'), delimiter);
    const lines = [
      header ? [safeLine(header, delimiter), reasonHeader].join(delimiter) : reasonHeader,
      // A bad row goes back to Excel: a cell that would run as a formula is neutralised there too.
      ...report.errors.map((e) =>
        [safeLine(e.raw ?? '', delimiter), safeCell(rowReason(lang, e), delimiter)].join(delimiter),
      ),
    ];
    writeOutput(options.rejected, fileText(lines, shape), { force: options.force, dbPath: kit.dbPath() });
  }
  if (report.errors.length === 0) return true;
  if (report.skipped) {
    kit.err(t(lang, 'cli_bulk_skipped', { bad: report.errors.length }));
    return true;
  }
  kit.err(t(lang, 'cli_bulk_none', { bad: report.errors.length, rows: report.file.rows }));
  kit.setStatus(EXIT.usage);
  return false;
}
