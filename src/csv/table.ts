import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { InputError } from '../domain/errors.ts';
import type { CsvRow } from './read.ts';
import { type ByteSource, type OpenedCsv, openCsv } from './stream.ts';
import { HEAD_BYTES, isZipOrOle2, kindOf, REFUSAL, readWorkbook, WORKBOOK_DELIMITER } from './workbook.ts';
import { EXCEL_SHAPE } from './write.ts';

/**
 * A table as people hand it over: a CSV (any of the encodings and separators csv/stream.ts reads) or an Excel
 * workbook (.xlsx, one sheet of it), told apart by its bytes, never by its name. Either gives the same rows
 * (CsvRow), so an import or a campaign check reads both alike. A .xls, .xlsb, .ods or other archive is refused,
 * saying how to save it.
 */

/** A table opened for one reading; a workbook says which of its sheets the rows are. */
export interface OpenedTable extends OpenedCsv {
  workbook?: { sheet: string; sheets: string[] };
}

/** Rows handed over at a time from a sheet read whole, so whoever reads them leaves room for others. */
const BATCH = 2000;

async function head(source: ByteSource, fileName: string): Promise<Uint8Array> {
  if ('bytes' in source) return source.bytes.subarray(0, HEAD_BYTES);
  try {
    const file = await open(source.path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code;
    throw new InputError('file_unreadable', { file: fileName, reason });
  }
}

async function wholeFile(source: ByteSource, fileName: string): Promise<Buffer> {
  if ('bytes' in source)
    return Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.length);
  return readFile(source.path).catch((error: NodeJS.ErrnoException) => {
    throw new InputError('file_unreadable', { file: fileName, reason: error.code });
  });
}

/** Whether a file is an .xlsx workbook, by its bytes: the files given back for it are workbooks too. */
export async function isWorkbook(source: ByteSource, fileName: string): Promise<boolean> {
  if (!isZipOrOle2(await head(source, fileName))) return false;
  return kindOf(await wholeFile(source, fileName)) === 'xlsx';
}

/**
 * Opens a table for one reading. `sheet`: a workbook's sheet, by name or number (the first by default); asked
 * of a CSV it is refused, since the user expected a workbook. A workbook is read whole (a zip of XML is no
 * stream); a CSV as a stream.
 */
export async function openTable(
  source: ByteSource,
  fileName: string,
  options: { sheet?: string } = {},
): Promise<OpenedTable> {
  const first = await head(source, fileName);
  if (!isZipOrOle2(first)) {
    if (options.sheet !== undefined) throw new InputError('sheet_without_workbook', { file: fileName });
    return openCsv(source, fileName);
  }
  const bytes = await wholeFile(source, fileName);
  const kind = kindOf(bytes);
  if (kind === 'text') return openCsv(source, fileName);
  if (kind !== 'xlsx') throw new InputError(REFUSAL[kind], { file: fileName });
  const { sheet, sheets, rows } = await readWorkbook(bytes, fileName, options.sheet);
  let given = 0;
  return {
    // The files written from a workbook as CSV get Excel's own: UTF-8 with a BOM, `;`, CRLF.
    sniffed: {
      encoding: 'utf-8',
      bom: true,
      finalEol: true,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    },
    shape: { ...EXCEL_SHAPE, delimiter: WORKBOOK_DELIMITER },
    rows: (async function* (): AsyncGenerator<CsvRow[]> {
      for (let at = 0; at < rows.length; at += BATCH) {
        const batch = rows.slice(at, at + BATCH);
        given += batch.length;
        yield batch;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })(),
    readShare: () => (rows.length === 0 ? 1 : given / rows.length),
    workbook: { sheet, sheets },
  };
}
