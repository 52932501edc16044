import { parse as parseCsv } from 'csv-parse/sync';
import { columnFor } from '../csv/columns.ts';
import { decodeText, detectDelimiter, type TextShape, withoutLineEndings } from '../csv/read.ts';
import { InputError } from '../domain/errors.ts';
import type { ContactInput } from '../store/types.ts';
import { type ContactFields, contactInput } from './contacts.ts';
import type { AppContext } from './context.ts';

const PROGRESS_EVERY = 1000;

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
 * Imports contacts from a CSV (header row; `,` `;` or tab; UTF-8, UTF-16 or Windows-1252). All or nothing: when
 * any row is wrong, nothing is written and every bad row is reported with its line number; with `skipInvalid`
 * the good rows are written and the bad ones reported.
 */
export async function importContacts(
  ctx: AppContext,
  bytes: Buffer,
  fileName: string,
  options: { skipInvalid?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  const { text, encoding, shape } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  let records: { record: Record<string, string>; line: number; raw: string }[];
  try {
    records = (
      parseCsv(text, {
        bom: true,
        delimiter,
        columns: (header: string[]) => header.map((h) => columnFor(h) ?? `ignored:${h}`),
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
        info: true,
        raw: true,
      }) as unknown as { record: Record<string, string>; info: { lines: number }; raw: string }[]
    ).map((row) => ({
      record: row.record,
      line: row.info.lines,
      raw: withoutLineEndings(row.raw),
    }));
  } catch (error) {
    throw new InputError('csv_unreadable', { file: fileName, reason: (error as Error).message });
  }
  // A file without an email or phone column is one error, not one per row.
  if (
    records.length > 0 &&
    !('email' in (records[0]?.record ?? {})) &&
    !('phone' in (records[0]?.record ?? {}))
  ) {
    throw new InputError('csv_no_identifier_column', { file: fileName });
  }
  const now = ctx.clock();
  const inputs: ContactInput[] = [];
  const errors: ImportReport['errors'] = [];
  for (const [i, { record, line, raw }] of records.entries()) {
    if (i % PROGRESS_EVERY === PROGRESS_EVERY - 1) {
      options.onProgress?.(i + 1, records.length);
      // A long import leaves room for others: the bot keeps answering while the CLI imports through it.
      await new Promise((resolve) => setImmediate(resolve));
    }
    try {
      inputs.push(contactInput(withFullName(record), ctx, now, 'import'));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push({ line, error, raw });
    }
  }
  const file = { header, shape, delimiter };
  const skipped = errors.length > 0 && options.skipInvalid === true;
  if (errors.length > 0 && !skipped)
    return { encoding, rows: records.length, created: 0, updated: 0, errors, skipped, file };
  const withProvenance = inputs.map((input) =>
    input.provenance
      ? input
      : {
          ...input,
          provenance: {
            source: 'import' as const,
            collection: 'indirect' as const,
            collectedAt: now.toISOString(),
          },
        },
  );
  const result = await ctx.store.saveContacts(withProvenance, now);
  return { encoding, rows: records.length, ...result, errors, skipped, file };
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
