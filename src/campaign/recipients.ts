import { createHash } from 'node:crypto';
import { columnFor } from '../csv/columns.ts';
import { type CsvRow, csvRows, decodeText, detectDelimiter, type TextShape } from '../csv/read.ts';
import type { Channel } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { emailIdentifier, type Identifier, phoneIdentifier } from '../domain/identifiers.ts';

export interface Recipient {
  line: number;
  target: Identifier;
}

export interface InvalidRow {
  line: number;
  value: string;
  problem: string;
}

export interface RecipientList {
  encoding: string;
  rows: number;
  recipients: Recipient[];
  invalid: InvalidRow[];
  duplicates: number;
  /** sha256 of the distinct recipients, sorted: the same people in another order or file is the same list. */
  hash: string;
  /** sha256 of the bytes read (the file, or the pasted text): the very file whose line numbers a check keeps. */
  inputSha256: string;
  /** A pasted list rather than a file. */
  pasted?: boolean;
  /** The file as written, for a cleaned list and a details file with every original column (files only). */
  source?: SourceFile;
}

export interface SourceFile {
  shape: TextShape;
  delimiter: string;
  header?: CsvRow;
  /** The data rows by line. */
  rows: Map<number, CsvRow>;
}

/** What identifies a recipient on this channel: an email address, or a phone number for SMS, calls and DMs. */
export function recipientKind(channel: Channel): 'email' | 'phone' {
  if (channel === 'post') throw new InputError('postal_not_checked');
  return channel === 'email' ? 'email' : 'phone';
}

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export function listHash(values: string[]): string {
  return createHash('sha256')
    .update([...values].sort().join('\n'))
    .digest('hex');
}

function build(
  kind: 'email' | 'phone',
  values: { line: number; value: string }[],
  encoding: string,
  input: Buffer | string,
): RecipientList {
  const read = kind === 'email' ? emailIdentifier : phoneIdentifier;
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  const invalid: InvalidRow[] = [];
  let duplicates = 0;
  for (const { line, value } of values) {
    if (value === '') continue;
    let target: Identifier;
    try {
      target = read(value);
    } catch (error) {
      invalid.push({ line, value, problem: error instanceof InputError ? error.problem : 'invalid' });
      continue;
    }
    if (seen.has(target.value)) {
      duplicates++;
      continue;
    }
    seen.add(target.value);
    recipients.push({ line, target });
  }
  return {
    encoding,
    rows: values.length,
    recipients,
    invalid,
    duplicates,
    hash: listHash([...seen]),
    inputSha256: sha256(input),
  };
}

/**
 * A recipient file as people have them: Excel's French CSV (`;`, Windows-1252 or UTF-8 with BOM), quoted
 * fields, extra columns, blank lines. The column is found by its header (email/e-mail/courriel,
 * phone/téléphone…); without a header, the first column that holds an address or a number.
 */
export async function parseRecipientFile(
  bytes: Buffer,
  channel: Channel,
  fileName: string,
  /** The policy's row limit: a longer file is refused while it is read. */
  maxRows?: number,
): Promise<RecipientList> {
  const kind = recipientKind(channel);
  const { text, encoding, shape } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  // One row more than the limit is allowed for a header line.
  const rows = await csvRows(text, fileName, delimiter, maxRows === undefined ? undefined : maxRows + 1);
  const header = rows[0]?.cells.map(columnFor) ?? [];
  let column = header.indexOf(kind);
  let data = rows;
  if (column >= 0) data = rows.slice(1);
  else if (header.includes('email') || header.includes('phone')) {
    throw new InputError('csv_no_column', { file: fileName, value: kind, field: channel });
  } else {
    const looks =
      kind === 'email' ? (c: string) => c.includes('@') : (c: string) => /^[+(0-9][0-9 .()\-/]{5,}$/.test(c);
    // No header names the column: the first column whose values look like addresses (or numbers) in the
    // first rows; a first row that does not look so is a header with names we do not know ("Contact").
    const sample = rows.slice(0, 20);
    const width = Math.max(0, ...sample.map((r) => r.cells.length));
    column = -1;
    for (let c = 0; c < width && column < 0; c++) if (sample.some((r) => looks(r.cells[c] ?? ''))) column = c;
    if (column < 0 && rows.length > 0) {
      throw new InputError('csv_no_column', { file: fileName, value: kind });
    }
    if (rows[0] && !looks(rows[0].cells[column] ?? '')) data = rows.slice(1);
  }
  const values = data.map(({ cells, line }) => ({ line, value: cells[column] ?? '' }));
  const source: SourceFile = {
    shape,
    delimiter,
    header: data === rows ? undefined : rows[0],
    rows: new Map(data.map((row) => [row.line, row])),
  };
  return { ...build(kind, values, encoding, bytes), source };
}

/** A list pasted in the modal: one per line, or separated by commas or semicolons (emails also by spaces). */
export function parsePastedRecipients(text: string, channel: Channel): RecipientList {
  const kind = recipientKind(channel);
  const values: { line: number; value: string }[] = [];
  text.split(/\r?\n/).forEach((row, i) => {
    for (const value of row.split(kind === 'email' ? /[\s,;]+/ : /[,;\t]+/)) {
      if (value.trim()) values.push({ line: i + 1, value: value.trim() });
    }
  });
  return { ...build(kind, values, 'utf-8', text), pasted: true };
}
