import type { Command } from 'commander';
import { fileText, safeCell, safeLine } from '../../csv/write.ts';
import type { InputError } from '../../domain/errors.ts';
import { localDay } from '../../domain/time.ts';
import { normaliseWords } from '../../domain/words.ts';
import { type Lang, t } from '../../i18n.ts';
import { headerOf, planLines, quote } from '../../reports/importPlan.ts';
import { fieldWords, problemLine } from '../../reports/problems.ts';
import { type ImportReport, importContacts } from '../../services/importCsv.ts';
import type { ContactInput } from '../../store/index.ts';
import { fileImportOptions } from '../bulkFacts.ts';
import { type CliKit, EXIT } from '../kit.ts';
import { assertWritable, writeOutput } from '../output.ts';
import { terminalProgress } from '../progress.ts';

/** Problems told one per line on the terminal; the rest are counted (all of them are in --rejected). */
const SHOWN = 20;

/** `import FILE: contacts from a CSV, all or nothing`. */
export function register(program: Command, kit: CliKit): void {
  fileImportOptions(
    program
      .command('import')
      .description(
        'import contacts from a CRM export or a sheet (CSV in UTF-8, UTF-16 or Windows-1252; "," ";" or tab; or an .xlsx workbook)',
      )
      .argument('<file>')
      .option('--sheet <name|number>', 'the sheet of an .xlsx workbook to read (default: the first)')
      .option(
        '--from <tool>',
        'the tool the file is an export of: hubspot, brevo, pipedrive, lemlist, salesforce, excel',
      )
      .option(
        '--column <field=header>',
        'read a field from this column (repeatable): --column email="E-mail professionnel"',
        (value: string, all: string[]) => [...all, value],
        [] as string[],
      )
      .option(
        '--collected-at-column <header>',
        'the column of the collection date (none: the date of the import)',
      ),
  ).action(async (file: string, options) => {
    await kit.withContext(async (ctx) => {
      const lang = kit.lang(ctx.policy);
      if (options.rejected) assertWritable(options.rejected, { force: options.force, dbPath: kit.dbPath() });
      const progress = terminalProgress(true);
      const report = await importContacts(ctx, { path: file }, file, {
        by: kit.who(),
        skipInvalid: options.skipInvalid,
        dryRun: options.dryRun,
        from: options.from,
        columns: columnChoices(options.column),
        collectedAtColumn: options.collectedAtColumn,
        // What was understood, before any row is written: the user can stop and choose otherwise.
        onPlan: (plan) => {
          progress.stop();
          for (const line of planLines(lang, plan)) kit.err(line);
        },
        sheet: options.sheet,
        onProgress: progress.update,
      }).finally(progress.stop);
      tellProblems(kit, lang, file, report, options.rejected);
      if (options.rejected && report.errors.length > 0) writeRejected(kit, lang, options, report);
      if (options.dryRun) return tellDryRun(kit, lang, report, ctx.policy.timeZone);
      if (report.errors.length > 0 && !report.skipped) {
        kit.err(t(lang, 'cli_import_none', { bad: report.errors.length, rows: report.rows }));
        kit.setStatus(EXIT.usage);
        return;
      }
      kit.out(
        t(lang, 'cli_import_done', {
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

/** `--column email=Courriel --column phone="Tél. pro"` as field → header; the service says what is wrong. */
function columnChoices(values: string[]): Record<string, string> {
  return Object.fromEntries(
    values.map((value) => {
      const at = value.indexOf('=');
      return at < 0 ? [value, ''] : [value.slice(0, at).trim(), value.slice(at + 1).trim()];
    }),
  );
}

type Told = { error: InputError; field?: string; column?: string };

/** Every problem of the file in its order (rows rejected, fields left out), the first ones, then how many more. */
function tellProblems(
  kit: CliKit,
  lang: Lang,
  file: string,
  report: ImportReport,
  rejected: string | undefined,
): void {
  const reason = (e: Told) => rowProblem(lang, e, report);
  const told = [
    ...report.errors.map((e) => ({ line: e.line, text: reason(e) })),
    ...report.dropped.map((d) => ({
      line: d.line,
      text: t(lang, 'cli_import_field_dropped', { problem: reason(d) }),
    })),
  ].sort((a, b) => a.line - b.line);
  for (const { line, text } of told.slice(0, SHOWN)) kit.err(`${file}:${line}: ${text}`);
  if (told.length > SHOWN) {
    const what = rejected
      ? t(lang, 'cli_import_more_in_file', { file: rejected })
      : t(lang, 'cli_import_more_flag');
    kit.err(t(lang, 'cli_import_more', { count: told.length - SHOWN, what }));
  }
}

/**
 * The bad rows back as a file to fix in Excel: the file's header, its rows as written, and the reason in the
 * user's language, in the input's encoding. A UTF-8 file gets a BOM (the reasons are not ASCII, and Excel reads
 * a BOM-less file as Windows-1252: "nâ€™est"); a cell that would run as a formula is neutralised.
 */
function writeRejected(
  kit: CliKit,
  lang: Lang,
  options: { rejected: string; force?: boolean },
  report: ImportReport,
): void {
  if (!report.file) return;
  const { header, shape, delimiter } = report.file;
  const lines = [
    [safeLine(header, delimiter), safeCell(t(lang, 'cli_import_reason_column'), delimiter)].join(delimiter),
    ...report.errors.map((e) =>
      [
        safeLine(e.raw ?? '', delimiter),
        safeCell(`${t(lang, 'cli_import_line', { line: e.line })} ${rowProblem(lang, e, report)}`, delimiter),
      ].join(delimiter),
    ),
  ];
  const bom = shape.bom || shape.encoding === 'utf-8';
  writeOutput(options.rejected, fileText(lines, { ...shape, bom }), {
    force: options.force,
    dbPath: kit.dbPath(),
  });
}

/** A dry run: the first rows as they would be recorded, and what the whole file would give. */
function tellDryRun(kit: CliKit, lang: Lang, report: ImportReport, zone: string): void {
  kit.out(t(lang, 'plan_preview'));
  const words = fieldWords(lang);
  for (const { line, input } of report.preview ?? [])
    kit.out(t(lang, 'plan_preview_row', { line, fields: previewFields(input, words, zone) }));
  kit.out(
    t(lang, 'plan_dry_run_done', {
      rows: report.rows,
      bad: report.errors.length,
      objections: report.objections,
    }),
  );
  if (report.errors.length > 0 && !report.skipped) kit.setStatus(EXIT.usage);
}

/** A row as it would be recorded, field by field, dates in local time as the user typed them. */
function previewFields(input: ContactInput, words: (field: string) => string, zone: string): string {
  const day = (iso: string | undefined) => (iso ? localDay(new Date(iso), zone) : undefined);
  const shown: Array<[string, string | undefined]> = [
    ['email', input.email],
    ['phone', input.phone],
    ['name', input.name],
    ['company', input.company],
    ['function', input.jobFunction],
    [
      'source',
      input.provenance
        ? [input.provenance.source, input.provenance.detail].filter(Boolean).join(':')
        : undefined,
    ],
    ['collectedAt', day(input.provenance?.collectedAt)],
    ['customerSince', day(input.customer?.since)],
  ];
  return shown
    .filter(([, value]) => value)
    .map(([field, value]) => `${words(field)} ${value}`)
    .join(' · ');
}

/**
 * A row's problem, naming the column at fault as the file does ("column "Portable" (phone)"), once: before the
 * message when the message does not name the field itself (a bad number, a bad département). Another field the
 * message names is named by its column too, or in words: never by a command-line flag the user did not type.
 */
function rowProblem(lang: Lang, { error, field, column }: Told, report: ImportReport): string {
  // The field in brackets when the header does not say it already ("Portable" (phone), but "email").
  const words = fieldWords(lang);
  const key =
    column && field && [field, words(field)].map(normaliseWords).includes(normaliseWords(column))
      ? 'cli_import_column_is_field'
      : 'cli_import_column';
  const label = column && field ? t(lang, key, { column, field: words(field) }) : undefined;
  const problem = problemLine(lang, error, {
    fieldName: (name) => {
      if (label && name === field) return label;
      const header = headerOf(report.plan, name);
      return header ? quote(lang, header) : words(name);
    },
  });
  return label && !problem.includes(label) ? t(lang, 'cli_import_about', { label, problem }) : problem;
}
