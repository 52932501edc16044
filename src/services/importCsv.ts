import { columnFor } from '../csv/columns.ts';
import type { TextShape } from '../csv/read.ts';
import { type ByteSource, openCsv } from '../csv/stream.ts';
import { InputError } from '../domain/errors.ts';
import type { ContactInput } from '../store/types.ts';
import { type ContactFields, contactInput } from './contacts.ts';
import type { AppContext } from './context.ts';

/**
 * Rows written to the store at a time: one journal entry (and one fsync) each, small enough that writing one
 * never holds the app's other work up for long, large enough that a million rows are not a million fsyncs.
 */
const WRITE_SLICE = 5000;

export interface ImportReport {
  encoding: string;
  rows: number;
  created: number;
  updated: number;
  /** Each bad row: its line, what is wrong (a coded problem, told by the shell) and the row as written. */
  errors: Array<{ line: number; error: InputError; raw?: string }>;
  /** Whether the good rows were imported though some were bad (`skipInvalid`). */
  skipped: boolean;
  /** The file's header row and shape, to write the bad rows back as a file people can fix. */
  file?: { header: string; shape: TextShape; delimiter: string };
}

/**
 * Imports contacts from a CSV (header row; `,` `;` or tab; UTF-8, UTF-16 or Windows-1252), read as a stream.
 * All or nothing: every row is checked before any is written; when any is wrong, nothing is written and every
 * bad row is reported with its line number; with `skipInvalid` the good rows are written and the bad ones
 * reported. The rows are then written a slice at a time: if the process dies midway, the slices written stay,
 * and importing the same file again completes it (contacts merge on their email or phone).
 */
export async function importContacts(
  ctx: AppContext,
  source: ByteSource,
  fileName: string,
  options: { skipInvalid?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  const { sniffed, shape: fileShape, rows: batches, readShare } = await openCsv(source, fileName);
  const { delimiter, ...shape } = fileShape;
  const now = ctx.clock();
  const provenance = { source: 'import', collection: 'indirect', collectedAt: now.toISOString() } as const;
  const inputs: ContactInput[] = [];
  const errors: ImportReport['errors'] = [];
  let columns: string[] | undefined;
  let header = '';
  let rows = 0;
  const estimate = () => Math.max(rows, Math.round(rows / Math.max(readShare(), 1e-9)));
  for await (const batch of batches) {
    for (const row of batch) {
      if (!columns) {
        columns = row.cells.map((h) => columnFor(h) ?? `ignored:${h}`);
        header = row.raw;
        // A file without an email or phone column is one error, not one per row.
        if (!columns.includes('email') && !columns.includes('phone'))
          throw new InputError('csv_no_identifier_column', { file: fileName });
        continue;
      }
      rows++;
      try {
        const input = contactInput(withFullName(recordOf(columns, row.cells)), ctx, now, 'import');
        inputs.push(input.provenance ? input : { ...input, provenance });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        errors.push({ line: row.line, error, raw: row.raw });
      }
    }
    options.onProgress?.(rows, estimate());
  }
  const file = { header, shape, delimiter };
  const report = { encoding: sniffed.encoding, rows, created: 0, updated: 0, errors, file };
  const skipped = errors.length > 0 && options.skipInvalid === true;
  if (errors.length > 0 && !skipped) return { ...report, skipped };
  for (let at = 0; at < inputs.length; at += WRITE_SLICE) {
    const result = await ctx.store.saveContacts(inputs.slice(at, at + WRITE_SLICE), now);
    report.created += result.created;
    report.updated += result.updated;
    // A long import leaves room for others: the bot keeps answering while the CLI imports through it.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ...report, skipped };
}

/** A row's cells by column name; a name read twice keeps its first non-empty cell. */
function recordOf(columns: string[], cells: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) {
    const name = columns[i] as string;
    const cell = cells[i];
    if (cell !== undefined && !record[name]) record[name] = cell;
  }
  return record;
}

/** First name and last name in two columns make one name ("Amélie" + "Girard" → "Amélie Girard"). */
function withFullName(record: Record<string, string>): ContactFields {
  const { firstName, ...fields } = record;
  const name = [firstName, fields.name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return { ...fields, ...(name ? { name } : {}) } as ContactFields;
}
