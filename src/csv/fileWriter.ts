import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm, writeFile } from 'node:fs/promises';
import { encodeText, type TextShape } from './read.ts';
import { xlsxOf } from './xlsx.ts';

/**
 * A file written as it goes, for lists too large to hold: lines go to a temporary file beside the target (mode
 * 600: it holds personal data) and the file takes its name only when complete, so a failed check never leaves
 * half a list where a sending tool could pick it up.
 */
export interface FileOutput {
  /** Adds a row; the row's cells for a workbook, its text for CSV. */
  add(row: { text: string; cells: string[] }): void;
  /** Writes what was added (called every slice of rows). */
  flush(): Promise<void>;
  /** Completes the file and gives it its name. */
  commit(): Promise<void>;
  /** Removes what was written. */
  abort(): Promise<void>;
}

const temporary = (target: string) => `${target}.${randomBytes(4).toString('hex')}.tmp`;

/** CSV text in a file's shape: its encoding and BOM, its line ending, a final line ending if it had one. */
export async function textFile(target: string, shape: TextShape): Promise<FileOutput> {
  const temp = temporary(target);
  const handle: FileHandle = await open(temp, 'wx', 0o600);
  let lines: string[] = [];
  let written = 0;
  const write = (text: string) =>
    handle.write(encodeText(text, { encoding: shape.encoding, bom: shape.bom && written === 0 }));
  const flush = async () => {
    if (lines.length === 0) return;
    await write((written > 0 ? shape.eol : '') + lines.join(shape.eol));
    written += lines.length;
    lines = [];
  };
  return {
    add: (row) => void lines.push(row.text),
    flush,
    async commit() {
      await flush();
      if (written === 0) await write('');
      else if (shape.finalEol) await write(shape.eol);
      await handle.sync();
      await handle.close();
      await rename(temp, target);
    },
    async abort() {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}

/** An Excel workbook: the library builds it whole, so its rows are held until the end. */
export async function workbookFile(target: string): Promise<FileOutput> {
  const rows: string[][] = [];
  return {
    add: (row) => void rows.push(row.cells),
    flush: async () => undefined,
    async commit() {
      const temp = temporary(target);
      await writeFile(temp, await xlsxOf(rows), { mode: 0o600, flag: 'wx' });
      await rename(temp, target);
    },
    abort: async () => undefined,
  };
}
