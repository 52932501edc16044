import { parse as parseCsvStream } from 'csv-parse';
import iconv from 'iconv-lite';
import { InputError } from '../domain/errors.ts';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** How a file was written, so a file made from it (the cleaned list) is written the same way. */
export interface TextShape {
  encoding: TextEncoding;
  bom: boolean;
  /** The line ending of its first line: Excel on Windows writes CRLF. */
  eol: '\r\n' | '\n';
  /** Whether the last line ends with a line ending. */
  finalEol: boolean;
}

/**
 * Excel in French saves Windows-1252 unless told otherwise, and UTF-16 with a BOM for "Unicode text"; UTF-8
 * (with or without BOM) is tried first.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding; shape: TextShape } {
  let encoding: TextEncoding;
  let bom = false;
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, bom] = ['utf-16le', true];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, bom] = ['utf-16be', true];
  else {
    bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      encoding = 'windows-1252';
    }
  }
  text = iconv.decode(bytes, encoding, { stripBOM: true });
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const shape: TextShape = { encoding, bom, eol, finalEol: /\n$/.test(text) };
  // Parsers still see a BOM-less text: the BOM is part of the shape, not of the first header.
  text = text.replace(/^\uFEFF/, '');
  return { text, encoding, shape };
}

/** Text written back in the shape of the file it came from (encoding, BOM); line endings are the caller's. */
export function encodeText(text: string, shape: Pick<TextShape, 'encoding' | 'bom'>): Buffer {
  return iconv.encode(text, shape.encoding, { addBOM: shape.bom });
}

/** French Excel separates with `;`, the rest of the world with `,`: whichever the first line has more of. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  const [semi, comma, tab] = [count(';'), count(','), count('\t')];
  // Excel's "Unicode text" separates with tabs.
  if (tab > semi && tab > comma) return '\t';
  return semi > comma ? ';' : ',';
}

const SLICE = 256 * 1024;

/**
 * A row as written, from csv-parse's `raw`: without the line ending around it (csv-parse keeps a CR, or the
 * line ending of blank lines skipped before it, depending on the file's line endings).
 */
export function withoutLineEndings(raw: string): string {
  return raw.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
}

/** One row: its cells, the line it ends on, and its text exactly as in the file (for the cleaned list). */
export interface CsvRow {
  cells: string[];
  line: number;
  raw: string;
}

/**
 * Every non-empty row with the line it starts on (quoted fields may span lines). The text is fed to the parser
 * in slices with a pause between them, so a 100,000-row file does not stop the app answering others.
 */
export async function csvRows(
  text: string,
  fileName: string,
  delimiter: string = detectDelimiter(text),
  /** Past this many rows (a header counts as one) the file is refused at once, not after reading it all. */
  maxRows = Number.POSITIVE_INFINITY,
): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  const parser = parseCsvStream({
    bom: true,
    delimiter,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    relax_quotes: true,
    info: true,
    raw: true,
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on('readable', () => {
      let row: { record: string[]; info: { lines: number }; raw: string } | null = parser.read();
      while (row !== null) {
        rows.push({ cells: row.record, line: row.info.lines, raw: withoutLineEndings(row.raw) });
        row = parser.read();
      }
    });
    parser.on('error', (error) =>
      reject(new InputError('csv_unreadable', { file: fileName, reason: error.message })),
    );
    parser.on('end', resolve);
  });
  for (let i = 0; i < text.length; i += SLICE) {
    parser.write(text.slice(i, i + SLICE));
    if (rows.length > maxRows) {
      parser.destroy();
      throw new InputError('too_long', { field: 'file', limit: maxRows - 1 });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  parser.end();
  await done;
  return rows;
}
