import { parse as parseCsvStream } from 'csv-parse';
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

const SLICE = 256 * 1024;

/**
 * Every non-empty row with the line it starts on (quoted fields may span lines). The text is fed to the parser
 * in slices with a pause between them, so a 100,000-row file does not stop the app answering others.
 */
export async function csvRows(text: string, fileName: string): Promise<{ cells: string[]; line: number }[]> {
  const rows: { cells: string[]; line: number }[] = [];
  const parser = parseCsvStream({
    bom: true,
    delimiter: detectDelimiter(text),
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    relax_quotes: true,
    info: true,
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on('readable', () => {
      let row: { record: string[]; info: { lines: number } } | null = parser.read();
      while (row !== null) {
        rows.push({ cells: row.record, line: row.info.lines });
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
    await new Promise((resolve) => setImmediate(resolve));
  }
  parser.end();
  await done;
  return rows;
}
