import { parse } from 'csv-parse/sync';
import { encodeText, type TextShape } from './read.ts';

/**
 * Writing CSV files people open in Excel or give back to their sending tool. A cell Excel would run as a
 * formula (=, @, -, or + that is not a phone number) is prefixed with ' so it stays text (CSV injection).
 */
function startsFormula(value: string): boolean {
  // A phone number as people write it ("+33 6 12 34 56 78", "+33 (0)6…") holds no function, no reference and
  // no text: Excel can compute nothing harmful from it, and an SMS tool must get it unchanged.
  return /^[=@\-\t\r]/.test(value) || /^\+(?![\d ().\-\u00a0]+$)/.test(value);
}

/**
 * Every separator Excel may split a line on when it opens the file: its locale's list separator (`;` in France,
 * `,` elsewhere), a tab, or the `|` someone picks in the import wizard. Quotes protect a cell only from the
 * delimiter the file was written with, so `foo,=1+2` in a `;` file is a formula for whoever opens it with `,`.
 */
const SEPARATORS = /([,;\t|])/;

/** Whether any piece of the cell, split on any separator Excel may choose, would start a formula. */
function looksLikeFormula(value: string): boolean {
  return (
    value.startsWith('\t') || value.split(SEPARATORS).some((piece, i) => i % 2 === 0 && startsFormula(piece))
  );
}

/** The cell with a ' before each piece that would start a formula, whichever separator splits it. */
function neutralised(value: string): string {
  const pieces = value.split(SEPARATORS);
  const safe = pieces.map((piece, i) => (i % 2 === 0 && startsFormula(piece) ? `'${piece}` : piece)).join('');
  // A leading tab is a separator Excel may split on, and a formula start of its own.
  return value.startsWith('\t') ? `'${safe}` : safe;
}

export function safeCell(value: string, delimiter: string): string {
  const safe = neutralised(value);
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A row as it was written, unless a cell must be neutralised: then it is written again, cell by cell. */
export function rowText(row: { raw: string; cells: string[] }, delimiter: string): string {
  return row.cells.some(looksLikeFormula)
    ? row.cells.map((c) => safeCell(c, delimiter)).join(delimiter)
    : row.raw;
}

/** A row known only by its text (a rejected import row, a header): its cells read again if one must be neutralised. */
export function safeLine(raw: string, delimiter: string): string {
  if (!raw.split(SEPARATORS).some((c) => startsFormula(c.replace(/^\s*"?/, '')))) return raw;
  const cells = (parse(raw, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][])[0];
  return cells ? rowText({ raw, cells }, delimiter) : raw;
}

/** Lines joined and encoded in a file's shape: same encoding, BOM, line ending and final line ending. */
export function fileText(lines: string[], shape: TextShape): Buffer {
  const body = lines.join(shape.eol) + (shape.finalEol && lines.length > 0 ? shape.eol : '');
  return encodeText(body, shape);
}

/** A new file for Excel: UTF-8 with a BOM (French Excel reads "Résumé", not "RÃ©sumÃ©"), CRLF, `;`. */
export const EXCEL_SHAPE: TextShape = { encoding: 'utf-8', bom: true, eol: '\r\n', finalEol: true };
