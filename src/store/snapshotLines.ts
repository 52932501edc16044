import { createReadStream } from 'node:fs';

/**
 * Reading a snapshot of format 2 line by line: one record per line, each collection's closing bracket on a line
 * of its own (it is still one JSON document). The file's text is never held whole: at a million contacts that
 * text was 400 MB of string on top of the objects parsed from it, and the process kept the memory.
 */

/**
 * The lines of a file, a batch per 1 MB read (a character cut between two reads is put back together): one
 * await per batch, not per line, which at a million lines is most of the time.
 */
async function* lineBatches(path: string): AsyncGenerator<string[]> {
  let carry = '';
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<string>) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop() ?? '';
    yield lines;
  }
  if (carry) yield [carry];
}

/**
 * The key of a `"key":value` line and where it ends. Parsed, not sliced: a slice would keep the whole megabyte
 * of text it was cut from alive for as long as the key lives.
 */
function keyOf(line: string): { key: string; end: number } {
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return { key: JSON.parse(line.slice(0, i + 1)) as string, end: i };
  }
  throw new SyntaxError('a record line without its key');
}

export interface SnapshotParts {
  head: Record<string, unknown>;
  /** The keyed collections (contacts, suppressions, reminders, campaigns), as Maps. */
  maps: Map<string, Map<string, unknown>>;
  /** The lists (consents, interactions, decisions, audit). */
  lists: Map<string, unknown[]>;
  /** Members written on one line (purged, and empty collections). */
  rest: Record<string, unknown>;
}

/** Takes the lines of a snapshot one by one and puts each record in its collection. */
class PartsReader {
  readonly parts: SnapshotParts = { head: {}, maps: new Map(), lists: new Map(), rest: {} };
  private section?: { map?: Map<string, unknown>; list?: unknown[] };
  private first = true;
  private ended = false;

  constructor(private readonly version: number) {}

  /** Takes one line; false when the file turns out to be of another layout. */
  take(raw: string): boolean {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.first) {
      this.first = false;
      if (!line.startsWith('{"format":') || !line.endsWith(',')) return false;
      this.parts.head = JSON.parse(`${line.slice(0, -1)}}`) as Record<string, unknown>;
      return this.parts.head.version === this.version;
    }
    if (this.section) this.record(line);
    else this.member(line);
    return true;
  }

  /** A line between collections: a collection opening, a member on one line, or the document's end. */
  private member(line: string): void {
    if (line === '') return;
    if (this.ended) throw new SyntaxError('text after the end of the document');
    if (line === '}') {
      this.ended = true;
      return;
    }
    const opening = /^"(\w+)":([[{])$/.exec(line);
    const name = opening?.[1];
    if (!name) {
      Object.assign(this.parts.rest, JSON.parse(`{${line.endsWith(',') ? line.slice(0, -1) : line}}`));
    } else if (opening[2] === '{') {
      const map = new Map<string, unknown>();
      this.parts.maps.set(name, map);
      this.section = { map };
    } else {
      const list: unknown[] = [];
      this.parts.lists.set(name, list);
      this.section = { list };
    }
  }

  /** A line inside a collection: one record, or the collection's closing bracket. */
  private record(line: string): void {
    if (line === '}' || line === '},' || line === ']' || line === '],') {
      this.section = undefined;
      return;
    }
    const record = line.endsWith(',') ? line.slice(0, -1) : line;
    if (this.section?.list) this.section.list.push(JSON.parse(record));
    else {
      const { key, end } = keyOf(record);
      this.section?.map?.set(key, JSON.parse(record.slice(end + 2)));
    }
  }

  finish(): SnapshotParts {
    // A file cut between two lines is still refused: only a complete document ends with its own last line.
    if (this.section || !this.ended) throw new SyntaxError('the file ends before its last line');
    return this.parts;
  }
}

/**
 * The parts of a format-2 snapshot, or undefined when the file is of another layout (format 1, written whole
 * before): the caller then parses it as one document. A damaged line throws SyntaxError.
 */
export async function readSnapshotLines(path: string, version: number): Promise<SnapshotParts | undefined> {
  const reader = new PartsReader(version);
  for await (const batch of lineBatches(path)) {
    for (const line of batch) if (!reader.take(line)) return undefined;
  }
  return reader.finish();
}
