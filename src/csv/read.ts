import iconv from 'iconv-lite';

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
