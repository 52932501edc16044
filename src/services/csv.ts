import { parse as parseCsv } from 'csv-parse/sync';
import { InputError } from '../domain/errors.ts';

/** Excel in French saves Windows-1252 unless told otherwise; UTF-8 (with or without BOM) is tried first. */
export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** French Excel separates with `;`, the rest of the world with `,`: whichever the first line has more of. */
export function detectDelimiter(text: string): ';' | ',' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** Every non-empty row with the line it starts on (quoted fields may span lines). */
export function csvRows(text: string, fileName: string): { cells: string[]; line: number }[] {
  try {
    return (
      parseCsv(text, {
        bom: true,
        delimiter: detectDelimiter(text),
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
        relax_quotes: true,
        info: true,
      }) as unknown as { record: string[]; info: { lines: number } }[]
    ).map((row) => ({ cells: row.record, line: row.info.lines }));
  } catch (error) {
    throw new InputError(`${fileName}: ${(error as Error).message}`);
  }
}
