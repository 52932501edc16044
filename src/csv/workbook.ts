import { InputError } from '../domain/errors.ts';
import type { CsvRow } from './read.ts';
import { safeCell } from './write.ts';
import { xlsxOf } from './xlsx.ts';

/**
 * Reading an Excel workbook (.xlsx) as the rows of one sheet, in the very shape a CSV gives them (csv/stream.ts
 * CsvRow): each cell as text, the sheet's row number as its line, and a `raw` text as a CSV line would be (`;`,
 * cells Excel would run as a formula neutralised), for the files written from it. read-excel-file does the
 * reading; it loads only when a workbook comes.
 */

/** What a file's bytes are, whatever its name says: a workbook saved as "list.csv" is still a workbook. */
export type FileKind = 'text' | 'xlsx' | 'xls' | 'xlsb' | 'ods' | 'archive';

const ZIP_ENTRY = Buffer.from('PK\x03\x04', 'latin1');
const ZIP_EMPTY = Buffer.from('PK\x05\x06', 'latin1');
/** The end of a zip's central directory (and the whole of an empty zip). */
const ZIP_END = ZIP_EMPTY;
/** OLE2 compound file: Excel 97-2003's .xls, and any workbook Excel encrypted with a password. */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The bytes to look at: OLE2 and zip tell themselves by their first 8 bytes. */
export const HEAD_BYTES = 8;

export function isZipOrOle2(head: Uint8Array): boolean {
  const b = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, HEAD_BYTES));
  return b.subarray(0, 4).equals(ZIP_ENTRY) || b.subarray(0, 4).equals(ZIP_EMPTY) || b.equals(OLE2);
}

/**
 * A zip's kind by the names of its entries, which a zip writes uncompressed: an .xlsx holds xl/workbook.xml,
 * an .xlsb xl/workbook.bin, an .ods starts with its mimetype; anything else is an archive, not a table.
 */
export function kindOf(bytes: Buffer): FileKind {
  if (bytes.subarray(0, HEAD_BYTES).equals(OLE2)) return 'xls';
  const zip = bytes.subarray(0, 4);
  if (!zip.equals(ZIP_ENTRY) && !zip.equals(ZIP_EMPTY)) return 'text';
  if (bytes.subarray(0, 100).includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (bytes.includes('xl/workbook.xml')) return 'xlsx';
  if (bytes.includes('xl/workbook.bin')) return 'xlsb';
  return 'archive';
}

/** The refusal of a file that is no table we read, saying how to save it. */
export const REFUSAL = {
  xls: 'workbook_xls',
  xlsb: 'workbook_xlsb',
  ods: 'workbook_ods',
  archive: 'file_is_archive',
} as const;

/** A name no sheet can have (Excel forbids [ ] ? in names): asking for it makes the reader list the sheets. */
const NO_SHEET = '[?]';

type Library = typeof import('read-excel-file/node');
type Cell = string | number | boolean | Date | null | undefined;

function damaged(error: unknown, fileName: string): InputError {
  return new InputError('workbook_damaged', { file: fileName, reason: (error as Error).message });
}

/** The workbook's sheets, in their order. */
async function sheetNames(library: Library, bytes: Buffer, fileName: string): Promise<string[]> {
  try {
    await library.readSheet(bytes, NO_SHEET);
  } catch (error) {
    const sheets = (error as { name?: string; sheets?: string[] }).sheets;
    if ((error as Error).name === 'SheetNotFoundError' && sheets) return sheets;
    throw damaged(error, fileName);
  }
  throw damaged(new Error('no sheet list'), fileName);
}

/**
 * The sheet asked for: its exact name, else its name as typed in another case or with spaces around it, else
 * its number (1 for the first); the first sheet when none is asked. A sheet named "2" wins over the second.
 */
export function chooseSheet(sheets: string[], asked: string | undefined, fileName: string): string {
  if (asked === undefined) return sheets[0] as string;
  if (sheets.includes(asked)) return asked;
  const folded = (s: string) => s.trim().toLocaleLowerCase('fr');
  const named = sheets.filter((s) => folded(s) === folded(asked));
  if (named.length === 1) return named[0] as string;
  const number = /^\s*\d+\s*$/.test(asked) ? Number(asked) : 0;
  if (number >= 1 && number <= sheets.length) return sheets[number - 1] as string;
  const choices = sheets.map((s) => ({ fr: s, en: s }));
  throw new InputError('unknown_sheet', { file: fileName, value: asked, choices });
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A cell as text, as the file would read in CSV: a number as its digits (a phone stored as 612345678 stays
 * 612345678; the phone reader takes 9 digits without a country code as a French number, the 0 dropped), a date
 * cell as the ISO local date (and time, to the second) it shows, true/false as words the readers know.
 */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // The reader gives the wall-clock time Excel shows as if it were UTC (Excel has no time zones).
    const at = new Date(Math.round(value.getTime() / 1000) * 1000);
    const day = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
    const [h, m, s] = [at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()];
    if (h === 0 && m === 0 && s === 0) return day;
    return `${day}T${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** The delimiter of the text a workbook's rows get (`raw`) and of the CSV files written from them. */
export const WORKBOOK_DELIMITER = ';';

/** One sheet's rows: every row with a value in it, numbered as the sheet numbers it. */
export interface SheetRows {
  sheet: string;
  sheets: string[];
  rows: CsvRow[];
}

/**
 * A workbook is read whole, unzipped in memory: past this size unzipped (Excel's 1,048,576 rows of a few columns
 * fit) it is refused before it is unzipped, a zip bomb as well; a CSV, read as a stream, has no such bound.
 */
export const MAX_UNZIPPED = 512 * 2 ** 20;

/**
 * The sum of the entries' unzipped sizes, from the zip's central directory; 0 when it does not tell (a ZIP64
 * directory, whose sizes are elsewhere, or a damaged one the reader will refuse): such a file is left to the
 * reader, never refused as too large on a guess.
 */
export function unzippedSize(bytes: Buffer): number {
  const end = bytes.lastIndexOf(ZIP_END);
  if (end < 0 || end + 22 > bytes.length) return 0;
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let n = bytes.readUInt16LE(end + 10); n > 0; n--) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return 0;
    const size = bytes.readUInt32LE(at + 24);
    if (size === 0xffffffff) return 0; // ZIP64: the size is in an extra field
    total += size;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

export async function readWorkbook(bytes: Buffer, fileName: string, asked?: string): Promise<SheetRows> {
  if (unzippedSize(bytes) > MAX_UNZIPPED)
    throw new InputError('workbook_too_large', { file: fileName, limit: MAX_UNZIPPED / 2 ** 20 });
  const library = await import('read-excel-file/node');
  const sheets = await sheetNames(library, bytes, fileName);
  const sheet = chooseSheet(sheets, asked, fileName);
  let data: Cell[][];
  try {
    data = (await library.readSheet(bytes, sheet)) as Cell[][];
  } catch (error) {
    throw damaged(error, fileName);
  }
  const rows: CsvRow[] = [];
  data.forEach((row, i) => {
    const cells = row.map(cellText);
    if (cells.every((c) => c === '')) return; // a blank row, skipped as a CSV's blank lines are
    const raw = cells.map((c) => safeCell(c, WORKBOOK_DELIMITER)).join(WORKBOOK_DELIMITER);
    rows.push({ cells, line: i + 1, raw });
  });
  return { sheet, sheets, rows };
}

/**
 * A sheet written again as a workbook of its own (same name), the rows at `lines` emptied and every other row on
 * its number, its cells as the text they read as: what erasing people (GDPR art. 17) leaves of a kept workbook.
 * The workbook's other sheets are not kept: they were never checked, and may hold the people erased.
 */
export async function withRowsEmptied(
  bytes: Buffer,
  fileName: string,
  sheet: string | undefined,
  lines: Set<number>,
): Promise<Buffer> {
  const read = await readWorkbook(bytes, fileName, sheet);
  const last = read.rows.at(-1)?.line ?? 0;
  const table: string[][] = Array.from({ length: last }, () => []);
  for (const row of read.rows) if (!lines.has(row.line)) table[row.line - 1] = row.cells;
  return xlsxOf(table, read.sheet);
}
