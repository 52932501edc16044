import { basename } from 'node:path';
import { type ColumnPlan, type PlanOptions, planColumns } from '../csv/columnPlan.ts';
import { PRESETS } from '../csv/presets.ts';
import type { TextShape } from '../csv/read.ts';
import type { ByteSource } from '../csv/stream.ts';
import { openTable } from '../csv/table.ts';
import type { ContactField } from '../domain/errors.ts';
import { InputError } from '../domain/errors.ts';
import type { AuditDraft, BatchChange, ContactInput } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { type OptOut, optOutsOf, recordOptOuts, WRITE_SLICE } from './importOptOuts.ts';
import { type DroppedField, readRow, recordOf } from './importRows.ts';
import { clean } from './parse.ts';

export interface ImportReport {
  /** The file's text encoding, or `xlsx` for a workbook (whose `sheet` was read). */
  encoding: string;
  sheet?: string;
  /** The file's sha256, as the audit entry of the import records it. */
  sha256: string;
  rows: number;
  created: number;
  updated: number;
  /** People the file says opted out (an unsubscribe, blocklist or do-not-call column): recorded as objections. */
  objections: number;
  /**
   * Each bad row: its line, what is wrong (a coded problem, told by the shell), the column at fault when one is,
   * and the row as written.
   */
  errors: Array<{ line: number; error: InputError; field?: string; column?: string; raw?: string }>;
  /** Each field left out of a row that was kept (an unreadable phone beside a good email…), by line. */
  dropped: Array<DroppedField & { line: number }>;
  /** Whether the good rows were imported though some were bad (`skipInvalid`). */
  skipped: boolean;
  /** The file's header row and shape, to write the bad rows back as a file people can fix. */
  file?: { header: string; shape: TextShape; delimiter: string };
  /** How the header was read: the summary shown before writing. */
  plan?: ColumnPlan;
  /** With `dryRun`: nothing written; the first rows as they would be recorded, with their line. */
  preview?: Array<{ line: number; input: ContactInput }>;
}

export interface ImportOptions extends PlanOptions {
  by: string;
  skipInvalid?: boolean;
  /** The sheet of an .xlsx workbook to read, by name or number (the first by default). */
  sheet?: string;
  /** Read and check every row, write nothing: the plan, the problems and the first rows. */
  dryRun?: boolean;
  /** Told once the header is read, before any row: the shell shows what was understood. */
  onPlan?: (plan: ColumnPlan) => void;
  onProgress?: (done: number, total: number) => void;
}

/** Rows a dry run shows as they would be recorded. */
const PREVIEW = 5;

/**
 * Imports contacts from a CSV (header row; `,` `;` or tab; UTF-8, UTF-16 or Windows-1252), read as a stream.
 * All or nothing: every row is checked before any is written; when any is wrong, nothing is written and every
 * bad row is reported with its line number; with `skipInvalid` the good rows are written and the bad ones
 * reported. A row keeps what can be read of it (importRows.ts). The rows are then written a slice at a time,
 * each contact created or filled with its audit entry; the import's own entry (file, sha256, counts, actor)
 * closes it. If the process dies midway, the slices written stay, and importing the same file again completes
 * it (contacts merge on their email or phone, an unchanged contact is neither rewritten nor audited again).
 */
export async function importContacts(
  ctx: AppContext,
  source: ByteSource,
  fileName: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const opened = await openTable(source, fileName, { sheet: options.sheet });
  const { sniffed, shape: fileShape, workbook } = opened;
  const { delimiter, ...shape } = fileShape;
  const now = ctx.clock();
  const read = await readContacts(ctx, opened, fileName, options, now);
  const { header, rows, inputs, lines, errors, dropped, optOuts, plan } = read;
  const file = { header, shape, delimiter };
  const report = {
    encoding: workbook ? 'xlsx' : sniffed.encoding,
    sheet: workbook?.sheet,
    sha256: sniffed.sha256,
    rows,
    created: 0,
    updated: 0,
    objections: 0,
  };
  const done = { ...report, errors, dropped, file, plan };
  const skipped = errors.length > 0 && options.skipInvalid === true;
  if (options.dryRun) {
    const preview = inputs.slice(0, PREVIEW).map((input, i) => ({ line: lines[i] as number, input }));
    return { ...done, skipped, preview, objections: optOuts.length };
  }
  if (errors.length > 0 && !skipped) return { ...done, skipped };
  const name = basename(fileName);
  // What was written before a failure stays, audited: the import's entry says where it stopped.
  await writeContacts(ctx, { inputs, lines, fileName, now, by: options.by }, done, (at) =>
    auditImport(
      ctx,
      options.by,
      now,
      `${importDetail(name, done, errors.length)}; stopped at line ${lines[at]}`,
    ),
  );
  done.objections = await recordOptOuts(ctx, optOuts, options.by);
  await auditImport(ctx, options.by, now, importDetail(name, done, errors.length));
  return { ...done, skipped };
}

/**
 * Every row of the file read before any is written: the header into a plan (told through `onPlan`), each row
 * into a contact input (with its line) or an error, the opt-outs its columns say.
 */
async function readContacts(
  ctx: AppContext,
  { rows: batches, readShare }: Awaited<ReturnType<typeof openTable>>,
  fileName: string,
  options: ImportOptions,
  now: Date,
) {
  const provenance = { source: 'import', collection: 'indirect', collectedAt: now.toISOString() } as const;
  const inputs: ContactInput[] = [];
  const lines: number[] = [];
  const errors: ImportReport['errors'] = [];
  const dropped: ImportReport['dropped'] = [];
  const optOuts: OptOut[] = [];
  let plan: ColumnPlan | undefined;
  let header: string | undefined;
  let rows = 0;
  const estimate = () => Math.max(rows, Math.round(rows / Math.max(readShare(), 1e-9)));
  for await (const batch of batches) {
    for (const row of batch) {
      if (!plan) {
        plan = planColumns(row.cells, options);
        header = row.raw;
        // A file without an email or phone column is one error, not one per row.
        if (plan.identifiers.email.length + plan.identifiers.phone.length === 0)
          throw new InputError('csv_no_identifier_column', { file: fileName });
        options.onPlan?.(plan);
        continue;
      }
      rows++;
      const { fields, columnOf, identifiers } = recordOf(plan, row.cells);
      // A tool's export says where the details came from: that tool, through this import.
      if (plan.preset && !clean(fields.source)) fields.source = `import:${PRESETS[plan.preset.id].name}`;
      try {
        optOuts.push(...optOutsOf(plan, row.cells, identifiers, now));
        const read = readRow(fields, columnOf, ctx, now);
        inputs.push(read.input.provenance ? read.input : { ...read.input, provenance });
        lines.push(row.line);
        for (const field of read.dropped) dropped.push({ ...field, line: row.line });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const field = fieldOf(error);
        errors.push({ line: row.line, error, field, column: columnOf.get(field ?? ''), raw: row.raw });
      }
    }
    options.onProgress?.(rows, estimate());
  }
  // An empty file is a mistake (the wrong export, a file still being written), never "0 rows imported".
  if (header === undefined) throw new InputError('csv_empty', { file: fileName });
  if (rows === 0) throw new InputError('csv_no_data_row', { file: fileName });
  return { header, rows, inputs, lines, errors, dropped, optOuts, plan };
}

/**
 * The contacts written a slice at a time, each change audited with its line, counted in `written` as each slice
 * is (so a failure's audit says what was written); `stopped` audits a failure after the first slice.
 */
async function writeContacts(
  ctx: AppContext,
  {
    inputs,
    lines,
    fileName,
    now,
    by,
  }: { inputs: ContactInput[]; lines: number[]; fileName: string; now: Date; by: string },
  written: { created: number; updated: number },
  stopped: (at: number) => Promise<void>,
): Promise<void> {
  const name = basename(fileName);
  for (let at = 0; at < inputs.length; at += WRITE_SLICE) {
    const slice = inputs.slice(at, at + WRITE_SLICE);
    const entry = (change: BatchChange): AuditDraft => ({
      ...contactEntry(ctx, by, slice[change.input] as ContactInput, change, now),
      detail: `${changeDetail(change)}; from ${name}:${lines[at + change.input]}`,
    });
    const result = await ctx.store.saveContacts(slice, now, entry).catch(async (error) => {
      if (at > 0) await stopped(at);
      return Promise.reject(await located(ctx, error, slice, lines.slice(at), fileName, at));
    });
    written.created += result.created;
    written.updated += result.updated;
    // A long import leaves room for others: the bot keeps answering while the CLI imports through it.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function auditImport(ctx: AppContext, by: string, now: Date, detail: string): Promise<void> {
  return ctx.store.audit({
    at: now.toISOString(),
    actor: by,
    action: 'contact.import',
    outcome: 'done',
    detail,
  });
}

/**
 * A row that joins two people (its email is one contact's, its phone another's) is found only when written, and
 * refuses its slice: which row, and how many rows before it are in, so the user can fix it and import again.
 */
async function located(
  ctx: AppContext,
  error: unknown,
  slice: ContactInput[],
  lines: number[],
  file: string,
  written: number,
): Promise<unknown> {
  if (!(error instanceof InputError) || error.problem !== 'identifiers_of_two_contacts') return error;
  // Who each identifier is: a known contact, or a person an earlier row of the slice gave.
  const person = new Map<string, string>();
  let row = 0;
  for (const [i, input] of slice.entries()) {
    const who = async (id: string | undefined, kind: 'email' | 'phone') =>
      id ? (person.get(id) ?? (await ctx.store.findContact({ kind, value: id }))?.id) : undefined;
    const [byEmail, byPhone] = [await who(input.email, 'email'), await who(input.phone, 'phone')];
    if (byEmail && byPhone && byEmail !== byPhone) {
      row = i;
      break;
    }
    for (const id of [input.email, input.phone]) if (id) person.set(id, byEmail ?? byPhone ?? `row ${i}`);
  }
  return new InputError('import_two_contacts', { file, line: lines[row], limit: written });
}

/** The field a row's problem is about: the one it names, or the identifier a bad address or number is. */
function fieldOf(error: InputError): string | undefined {
  if (error.params.field) return String(error.params.field);
  return { invalid_email: 'email', invalid_phone: 'phone' }[error.problem as string];
}

/** A contact created or filled by the import, as `contact add` audits it: the person hashed, the fields named. */
function contactEntry(ctx: AppContext, by: string, input: ContactInput, change: BatchChange, now: Date) {
  const target = input.email
    ? { kind: 'email' as const, value: input.email }
    : { kind: 'phone' as const, value: input.phone as string };
  return {
    at: now.toISOString(),
    actor: by,
    action: change.created ? 'contact.add' : 'contact.fill',
    outcome: 'done' as const,
    targetHash: ctx.store.hash(target),
  };
}

function changeDetail(change: BatchChange): string {
  const kept = change.kept.length > 0 ? `; kept ${change.kept.join(',')}` : '';
  return `fields ${change.changed.join(',') || '-'}${kept}`;
}

/** The import's own entry: which file (its sha256 proves which bytes), and what became of its rows. */
function importDetail(
  name: string,
  done: Pick<ImportReport, 'sha256' | 'sheet' | 'rows' | 'created' | 'updated' | 'dropped' | 'objections'>,
  rejected: number,
): string {
  const byField = new Map<ContactField, number>();
  for (const { field } of done.dropped) byField.set(field, (byField.get(field) ?? 0) + 1);
  const fields = [...byField].map(([field, count]) => `${field} ${count}`).join(', ');
  return [
    `file ${name}${done.sheet === undefined ? '' : `, sheet "${done.sheet}"`} (sha256 ${done.sha256})`,
    `${done.rows} rows: ${done.created} new, ${done.updated} updated, ${rejected} rejected`,
    ...(done.objections > 0 ? [`${done.objections} opt-outs recorded as objections`] : []),
    `${done.dropped.length} fields dropped${fields ? ` (${fields})` : ''}`,
  ].join('; ');
}
