import { createHash } from 'node:crypto';
import { columnNamed, planColumns } from '../csv/columnPlan.ts';
import { headerWords } from '../csv/columns.ts';
import { optedOut } from '../csv/optOutColumns.ts';
import type { CsvRow, TextShape } from '../csv/read.ts';
import type { ByteSource } from '../csv/stream.ts';
import { openTable } from '../csv/table.ts';
import { type Channel, objectionCovers } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { emailIdentifier, type Identifier, phoneIdentifier } from '../domain/identifiers.ts';
import { DistinctSet } from './distinct.ts';

/**
 * A recipient list, read as a stream: a file of any size is read slice by slice, and only the rows of the
 * current slice are held. The column is found by its header; a file's shape is kept for the files made from it.
 */

/**
 * A recipient list as it arrives: a file (its bytes, or its path on disk; CSV or .xlsx, `sheet` the workbook's
 * sheet to read, by name or number; `column` the recipients' column a user chose), or a list pasted in the Slack modal.
 */
export type ListInput =
  | ({ kind: 'file'; fileName: string; column?: string; sheet?: string } & ByteSource)
  | { kind: 'pasted'; text: string };

export interface ListLayout {
  kind: 'email' | 'phone';
  encoding: string;
  /**
   * A file's shape, separator and header row (if it has one): the files made from it are written the same way.
   * For a workbook, the sheet read (its name) and Excel's own CSV shape.
   */
  file?: { shape: TextShape; delimiter: string; header?: CsvRow; sheet?: string };
}

/** One value of the list: the line it is on, the value in the recipient column, and a file's whole row. */
export interface ListEntry {
  line: number;
  value: string;
  row?: CsvRow;
  /** The header of a column in which the file says this person unsubscribed from this channel. */
  optedOut?: string;
  /** The header of an opt-out column whose value says neither yes nor no. */
  optOutUnclear?: string;
}

export interface OpenedList {
  layout: ListLayout;
  /** sha256 of the bytes read (the file, or the pasted text): the very file whose line numbers a check keeps. */
  inputSha256: string;
  /** The values in the order of the list, in batches. Past the row limit, reading stops with `too_long`. */
  entries: AsyncIterable<ListEntry[]>;
  /** The share of the input read so far, from 0 to 1 (the progress of a check). */
  readShare(): number;
}

/**
 * A checked campaign's list given again (the kept copy, the Slack file, `--list`): read with the sheet the
 * check read, for a workbook, so its lines are the same rows.
 */
export function asChecked(c: { input?: { sheet?: string } }, list: ListInput): ListInput {
  return list.kind === 'file' && c.input?.sheet !== undefined ? { ...list, sheet: c.input.sheet } : list;
}

/** What identifies a recipient on this channel: an email address, or a phone number for SMS, calls and DMs. */
export function recipientKind(channel: Channel): 'email' | 'phone' {
  if (channel === 'post') throw new InputError('postal_not_checked');
  return channel === 'email' ? 'email' : 'phone';
}

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export type Sorted =
  | { kind: 'recipient'; target: Identifier; index: number }
  | { kind: 'invalid'; problem: string }
  | { kind: 'duplicate' }
  | { kind: 'empty' };

/**
 * Tells each value of a list apart, in order: a new recipient, a repeat of one already seen (the same address
 * written differently too), a value that is not an address or a number, or an empty cell. Keeps only the
 * fingerprints of the distinct recipients, for the list's hash.
 */
export function recipientSorter(kind: 'email' | 'phone') {
  const read = kind === 'email' ? emailIdentifier : phoneIdentifier;
  const seen = new DistinctSet();
  return {
    seen,
    sort(value: string): Sorted {
      if (value === '') return { kind: 'empty' };
      let target: Identifier;
      try {
        target = read(value);
      } catch (error) {
        return { kind: 'invalid', problem: error instanceof InputError ? error.problem : 'invalid' };
      }
      const index = seen.add(target.value);
      return index < 0 ? { kind: 'duplicate' } : { kind: 'recipient', target, index };
    },
  };
}

async function* limited(entries: AsyncIterable<ListEntry[]>, maxRows: number): AsyncGenerator<ListEntry[]> {
  let count = 0;
  for await (const batch of entries) {
    count += batch.length;
    if (count > maxRows) throw new InputError('too_long', { field: 'file', limit: maxRows });
    yield batch;
  }
}

/** A list pasted in the modal: one per line, or separated by commas or semicolons (emails also by spaces). */
function pastedList(text: string, kind: 'email' | 'phone'): OpenedList {
  const values: ListEntry[] = [];
  text.split(/\r?\n/).forEach((row, i) => {
    for (const value of row.split(kind === 'email' ? /[\s,;]+/ : /[,;\t]+/)) {
      if (value.trim()) values.push({ line: i + 1, value: value.trim() });
    }
  });
  return {
    layout: { kind, encoding: 'utf-8' },
    inputSha256: sha256(text),
    entries: (async function* () {
      yield values;
    })(),
    readShare: () => 1,
  };
}

/** The rows read before the column is chosen: enough to see which column holds addresses or numbers. */
const SAMPLE = 20;

/**
 * The recipient column, and the header row if there is one: the one `--column` names; else the column named
 * email/e-mail/courriel (or phone/téléphone…), a work one before one that says nothing and a personal one last
 * (csv/columnPlan.ts, as an import reads it); without such a name, the first column whose first rows look like
 * addresses (or numbers). With a header, the columns that say the person unsubscribed from this channel.
 */
function chooseColumn(
  head: CsvRow[],
  kind: 'email' | 'phone',
  channel: Channel,
  input: { fileName: string; column?: string },
): { column: number; header?: CsvRow; optOuts: number[] } {
  const { fileName } = input;
  const headers = head[0]?.cells ?? [];
  // The header read once, as an import reads it: its address columns in order, and its opt-out columns.
  const plan = planColumns(headers);
  const optOuts = plan.optOuts.filter((o) => objectionCovers(o.scope, channel)).map((o) => o.column);
  if (input.column) return { column: columnNamed(headers, input.column, 'column'), header: head[0], optOuts };
  // A text goes to a mobile: for SMS and messaging, a column that says mobile comes first.
  const mobile = (i: number) => /\b(mobile|portable|gsm|cell|sms)\b/.test(headerWords(headers[i] ?? ''));
  const texts = channel === 'sms' || channel === 'messaging';
  const column = (texts ? plan.identifiers[kind].find(mobile) : undefined) ?? plan.identifiers[kind][0];
  if (column !== undefined) return { column, header: head[0], optOuts };
  if (plan.identifiers.email.length + plan.identifiers.phone.length > 0) {
    throw new InputError('csv_no_column', { file: fileName, value: kind, field: channel });
  }
  const looks =
    kind === 'email' ? (c: string) => c.includes('@') : (c: string) => /^[+(0-9][0-9 .()\-/]{5,}$/.test(c);
  const sample = head.slice(0, SAMPLE);
  const width = Math.max(0, ...sample.map((r) => r.cells.length));
  let found = -1;
  for (let c = 0; c < width && found < 0; c++) if (sample.some((r) => looks(r.cells[c] ?? ''))) found = c;
  if (found < 0 && head.length > 0) throw new InputError('csv_no_column', { file: fileName, value: kind });
  // A first row that does not look like an address is a header with names we do not know ("Contact").
  const header = head[0] && !looks(head[0].cells[found] ?? '') ? head[0] : undefined;
  return { column: found, header, optOuts: header ? optOuts : [] };
}

/**
 * A recipient file as people have them: Excel's French CSV (`;`, Windows-1252 or UTF-8 with BOM), quoted
 * fields, extra columns, blank lines. A first pass reads the encoding and the file's sha256; the second reads
 * the rows, a slice at a time.
 */
async function fileList(
  input: { fileName: string; column?: string; sheet?: string } & ByteSource,
  kind: 'email' | 'phone',
  channel: Channel,
): Promise<OpenedList> {
  const { fileName } = input;
  const opened = await openTable(input, fileName, { sheet: input.sheet });
  const { sniffed, shape, rows, readShare, workbook } = opened;
  const head: CsvRow[] = [];
  let more = true;
  let chosen: ReturnType<typeof chooseColumn>;
  try {
    while (more && head.length <= SAMPLE) {
      const next = await rows.next();
      if (next.done) more = false;
      else head.push(...next.value);
    }
    chosen = chooseColumn(head, kind, channel, input);
  } catch (error) {
    await rows.return(undefined); // the file is closed
    throw error;
  }
  const { column, header, optOuts } = chosen;
  const headers = header?.cells ?? [];
  // An unsubscribe the file itself records binds the check too (GDPR art. 21(3)): a cell that says "yes".
  const entry = (row: CsvRow): ListEntry => {
    const said = optOuts.find((i) => optedOut(row.cells[i]) === true);
    // A value that says neither yes nor no ("peut-être") is not read as "no": the recipient is to review.
    const unclear = optOuts.find((i) => optedOut(row.cells[i]) === undefined);
    return {
      line: row.line,
      value: row.cells[column] ?? '',
      row,
      optedOut: said === undefined ? undefined : headers[said],
      optOutUnclear: said === undefined && unclear !== undefined ? headers[unclear] : undefined,
    };
  };
  return {
    layout: {
      kind,
      encoding: workbook ? 'xlsx' : sniffed.encoding,
      file: { shape, delimiter: shape.delimiter, header, sheet: workbook?.sheet },
    },
    inputSha256: sniffed.sha256,
    entries: (async function* () {
      const data = header ? head.slice(1) : head;
      if (data.length > 0) yield data.map(entry);
      if (more) for await (const batch of rows) yield batch.map(entry);
    })(),
    readShare,
  };
}

/** Opens a list for one reading from start to end; files with more than `maxRows` rows are refused as read. */
export async function openList(
  input: ListInput,
  channel: Channel,
  maxRows = Number.POSITIVE_INFINITY,
): Promise<OpenedList> {
  const kind = recipientKind(channel);
  const list = input.kind === 'pasted' ? pastedList(input.text, kind) : await fileList(input, kind, channel);
  return { ...list, entries: limited(list.entries, maxRows) };
}
