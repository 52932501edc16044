import { basename } from 'node:path';
import type { CsvRow, TextShape } from '../csv/read.ts';
import type { ByteSource } from '../csv/stream.ts';
import { openTable } from '../csv/table.ts';
import { excelSerialText } from '../domain/dates.ts';
import { InputError } from '../domain/errors.ts';

/**
 * Reading a file of facts in bulk (consents, another tool's suppression list) the way contact imports read theirs
 * (csv/table.ts openTable: a CSV of any encoding, delimiter and size, or an .xlsx sheet), row by row, each problem kept with its line and the
 * file's column at fault, so that every bad row is told before anything is written.
 */

/** A bad row: its line, what is wrong (told by the shell), the field and the file's column at fault, the row. */
export interface RowError {
  line: number;
  error: InputError;
  field?: string;
  column?: string;
  raw?: string;
}

/** What a bulk import learnt of its file: how it was read, its sha256 (the audit's proof), and its shape. */
export interface FactFile {
  name: string;
  encoding: string;
  sha256: string;
  rows: number;
  /** The file's header row and shape, to write the bad rows back as a file people can fix. */
  shape: { header: string; shape: TextShape; delimiter: string };
}

/** One row by field (its first non-empty cell for each), with the column each field came from. */
export interface FactRow<F extends string> {
  row: CsvRow;
  fields: Partial<Record<F, string>>;
  columnOf: Map<string, string>;
  /** The file's header cells (one empty header for a bare list). */
  headers: string[];
}

/**
 * Reads the file: its header is mapped by `columnFor`, then each row is given to `read`; a problem `read` throws
 * (an InputError) is kept against that row with the column of the field it names. `header(fields)` may refuse
 * the header as a whole (no identifier column…); `headerless(cells)` says when the first row is already data
 * (a bare list of addresses), read as one column of `F`.
 */
export async function readFacts<F extends string>(
  source: ByteSource,
  fileName: string,
  columns: {
    columnFor: (header: string) => F | undefined;
    header: (fields: Array<F | undefined>) => void;
    headerless?: { column: F; when: (cells: string[]) => boolean };
  },
  read: (row: FactRow<F>) => Promise<void>,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<{ file: FactFile; errors: RowError[] }> {
  const { sniffed, shape: fileShape, rows: batches, readShare } = await openTable(source, fileName);
  const { delimiter, ...shape } = fileShape;
  const errors: RowError[] = [];
  let fields: Array<F | undefined> | undefined;
  let headers: string[] = [];
  let header: string | undefined;
  let rows = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      if (!fields) {
        const bare = columns.headerless?.when(row.cells) === true;
        fields = bare ? [columns.headerless?.column as F] : row.cells.map(columns.columnFor);
        headers = bare ? [''] : row.cells;
        header = bare ? '' : row.raw;
        columns.header(fields);
        if (!bare) continue;
      }
      rows++;
      const record = recordOf(fields, headers, row);
      try {
        await read(record);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const field = fieldOf(error);
        errors.push({ line: row.line, error, field, column: record.columnOf.get(field ?? ''), raw: row.raw });
      }
    }
    options.onProgress?.(rows, Math.max(rows, Math.round(rows / Math.max(readShare(), 1e-9))));
  }
  // An empty file is a mistake (the wrong export, a file still being written), never "0 rows imported".
  if (rows === 0) throw new InputError('csv_nothing_to_import', { file: fileName });
  return {
    file: {
      name: basename(fileName),
      encoding: sniffed.encoding,
      sha256: sniffed.sha256,
      rows,
      shape: { header: header ?? '', shape, delimiter },
    },
    errors,
  };
}

function recordOf<F extends string>(
  fields: Array<F | undefined>,
  headers: string[],
  row: CsvRow,
): FactRow<F> {
  const record: Partial<Record<F, string>> = {};
  const columnOf = new Map<string, string>();
  for (const [i, field] of fields.entries()) {
    const cell = row.cells[i]?.trim();
    if (!field || !cell || record[field] !== undefined) continue;
    record[field] = cell;
    columnOf.set(field, headers[i] as string);
  }
  // A field with no cell in the row still names its column, so "required" can say which one is empty.
  for (const [i, field] of fields.entries())
    if (field && !columnOf.has(field)) columnOf.set(field, headers[i] as string);
  return { row, fields: record, columnOf, headers };
}

/** The field a row's problem is about: the one it names, or the identifier a bad address or number is. */
function fieldOf(error: InputError): string | undefined {
  if (error.params.field) return String(error.params.field);
  return { invalid_email: 'email', invalid_phone: 'phone' }[error.problem as string];
}

/**
 * A date as a file writes it, for the date readers (which take JJ/MM/AAAA and ISO 8601, with a space for its `T`
 * as Mailchimp and SQL write it): a bare number is an Excel serial, only in a file (domain/dates.ts). Without an
 * offset it is read in the policy's time zone, as every date typed is.
 */
export function isoOf(cell: string | undefined, field = 'at'): string | undefined {
  const text = cell?.trim();
  if (!text) return undefined;
  return /^\d{4,6}(?:[.,]\d+)?$/.test(text)
    ? excelSerialText(Number(text.replace(',', '.')), text, field)
    : text;
}
