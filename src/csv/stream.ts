import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse as parseCsvStream } from 'csv-parse';
import iconv from 'iconv-lite';
import { InputError } from '../domain/errors.ts';
import {
  type CsvRow,
  detectDelimiter,
  type TextEncoding,
  type TextShape,
  withoutLineEndings,
} from './read.ts';

/**
 * Reading a large file as a stream, so memory stays bounded whatever its size: the bytes are read in slices
 * (from memory, or from disk), decoded slice by slice and parsed into batches of rows.
 */

/** Where a file's bytes are: in memory (a Slack download) or on disk (the command line). */
export type ByteSource = { bytes: Uint8Array } | { path: string };

/** What a first pass over the bytes learns: how to decode them, and the sha256 of the very file read. */
export interface Sniffed {
  encoding: TextEncoding;
  bom: boolean;
  finalEol: boolean;
  sha256: string;
  size: number;
}

const CHUNK = 256 * 1024;

async function* byteChunks(source: ByteSource, fileName: string): AsyncGenerator<Buffer> {
  if ('bytes' in source) {
    const all = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.length);
    for (let at = 0; at < all.length; at += CHUNK) yield all.subarray(at, at + CHUNK);
    return;
  }
  try {
    for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK })) yield chunk as Buffer;
  } catch (error) {
    throw new InputError('file_unreadable', {
      file: fileName,
      reason: (error as NodeJS.ErrnoException).code,
    });
  }
}

/**
 * The encoding as Excel leaves it: a UTF-16 BOM, else UTF-8 if every byte is valid UTF-8 (with or without BOM),
 * else Windows-1252 (French Excel's "CSV (séparateur : point-virgule)"). Reads every byte once, keeping none.
 */
export async function sniff(source: ByteSource, fileName: string): Promise<Sniffed> {
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  let head: Buffer | undefined;
  let tail = Buffer.alloc(0);
  let size = 0;
  for await (const chunk of byteChunks(source, fileName)) {
    hash.update(chunk);
    head ??= Buffer.from(chunk.subarray(0, 3));
    tail = Buffer.concat([tail, chunk.subarray(-2)]).subarray(-2);
    size += chunk.length;
    if (valid) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        valid = false;
      }
    }
  }
  if (valid) {
    try {
      utf8.decode();
    } catch {
      valid = false; // a character cut at the very end
    }
  }
  const b = head ?? Buffer.alloc(0);
  let encoding: TextEncoding = valid ? 'utf-8' : 'windows-1252';
  let bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  if (b[0] === 0xff && b[1] === 0xfe) [encoding, bom] = ['utf-16le', true];
  else if (b[0] === 0xfe && b[1] === 0xff) [encoding, bom] = ['utf-16be', true];
  const finalEol =
    encoding === 'utf-16le'
      ? tail[0] === 0x0a && tail[1] === 0
      : encoding === 'utf-16be'
        ? tail[0] === 0 && tail[1] === 0x0a
        : tail.at(-1) === 0x0a;
  return { encoding, bom, finalEol, sha256: hash.digest('hex'), size };
}

/** The text of the bytes, slice by slice, without the BOM; `read` counts the bytes consumed (progress). */
export async function* textChunks(
  source: ByteSource,
  fileName: string,
  encoding: TextEncoding,
  read: { bytes: number } = { bytes: 0 },
): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  let first = true;
  for await (const chunk of byteChunks(source, fileName)) {
    read.bytes += chunk.length;
    let text = decoder.write(chunk);
    if (first && text !== '') {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** The shape of a file from its first text and what `sniff` learnt: written back the same way. */
export function shapeOf(sniffed: Sniffed, firstText: string): TextShape & { delimiter: string } {
  const firstBreak = firstText.indexOf('\n');
  const eol = firstBreak > 0 && firstText[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  return {
    encoding: sniffed.encoding,
    bom: sniffed.bom,
    eol,
    finalEol: sniffed.finalEol,
    delimiter: detectDelimiter(firstText),
  };
}

/**
 * The rows of a text, parsed as it comes, in batches (one per slice of text): every non-empty row with the line
 * it ends on, its cells and its text as written. Whoever reads them counts them against a limit.
 */
export async function* csvBatches(
  text: AsyncIterable<string>,
  fileName: string,
  delimiter: string,
): AsyncGenerator<CsvRow[]> {
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
  let rows: CsvRow[] = [];
  let failure: InputError | undefined;
  parser.on('readable', () => {
    let row: { record: string[]; info: { lines: number }; raw: string } | null = parser.read();
    while (row !== null) {
      rows.push({ cells: row.record, line: row.info.lines, raw: withoutLineEndings(row.raw) });
      row = parser.read();
    }
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('error', (error) => {
      failure = new InputError('csv_unreadable', { file: fileName, reason: error.message });
      resolve();
    });
    parser.on('end', resolve);
  });
  const take = () => {
    if (failure) throw failure;
    const batch = rows;
    rows = [];
    return batch;
  };
  try {
    for await (const slice of text) {
      parser.write(slice);
      // The parser hands its rows over on the next turn; the app answers others meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = take();
      if (batch.length > 0) yield batch;
    }
    parser.end();
    await ended;
    const batch = take();
    if (batch.length > 0) yield batch;
  } finally {
    parser.destroy();
  }
}

/** A CSV file opened for one reading: what `sniff` learnt, its shape, its rows in batches, and how far it is read. */
export interface OpenedCsv {
  sniffed: Sniffed;
  shape: TextShape & { delimiter: string };
  rows: AsyncGenerator<CsvRow[]>;
  /** The share of the bytes read so far, from 0 to 1. */
  readShare(): number;
}

/** Sniffs a file, reads its first slice of text to learn its shape, then gives its rows as they are parsed. */
export async function openCsv(source: ByteSource, fileName: string): Promise<OpenedCsv> {
  const sniffed = await sniff(source, fileName);
  const read = { bytes: 0 };
  const texts = textChunks(source, fileName, sniffed.encoding, read);
  const first = await texts.next();
  const shape = shapeOf(sniffed, first.done ? '' : first.value);
  const text = (async function* () {
    if (!first.done) yield first.value;
    yield* texts;
  })();
  return {
    sniffed,
    shape,
    rows: csvBatches(text, fileName, shape.delimiter),
    readShare: () => (sniffed.size === 0 ? 1 : read.bytes / sniffed.size),
  };
}
