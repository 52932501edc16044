import { createReadStream } from 'node:fs';

/**
 * Reading a snapshot of format 2 line by line: one record per line, each collection's closing bracket on a line
 * of its own (it is still one JSON document). The file's text is never held whole: at a million contacts that
 * text was 400 MB of string on top of the objects parsed from it, and the process kept the memory.
 */

/** The lines of a file, read 1 MB at a time (a character cut between two reads is put back together). */
async function* linesOf(path: string): AsyncGenerator<string> {
  let carry = '';
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<string>) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop() ?? '';
    yield* lines;
  }
  if (carry) yield carry;
}

/** Where the key of a `"key":value` line ends: its closing quote, escaped quotes skipped. */
function keyEnd(line: string): number {
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return i;
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

/**
 * The parts of a format-2 snapshot, or undefined when the file is of another layout (format 1, written whole
 * before): the caller then parses it as one document. A damaged line throws SyntaxError.
 */
export async function readSnapshotLines(path: string, version: number): Promise<SnapshotParts | undefined> {
  const parts: SnapshotParts = { head: {}, maps: new Map(), lists: new Map(), rest: {} };
  let section: { map?: Map<string, unknown>; list?: unknown[] } | undefined;
  let first = true;
  let ended = false;
  for await (const raw of linesOf(path)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (first) {
      first = false;
      if (!line.startsWith('{"format":') || !line.endsWith(',')) return undefined;
      parts.head = JSON.parse(`${line.slice(0, -1)}}`) as Record<string, unknown>;
      if (parts.head.version !== version) return undefined;
      continue;
    }
    if (!section) {
      if (line === '') continue;
      if (ended) throw new SyntaxError('text after the end of the document');
      if (line === '}') {
        ended = true;
        continue;
      }
      const opening = /^"(\w+)":([[{])$/.exec(line);
      const name = opening?.[1];
      if (!name) {
        Object.assign(parts.rest, JSON.parse(`{${line.endsWith(',') ? line.slice(0, -1) : line}}`));
        continue;
      }
      if (opening[2] === '{') {
        const map = new Map<string, unknown>();
        parts.maps.set(name, map);
        section = { map };
      } else {
        const list: unknown[] = [];
        parts.lists.set(name, list);
        section = { list };
      }
      continue;
    }
    if (/^[}\]],?$/.test(line)) {
      section = undefined;
      continue;
    }
    const record = line.endsWith(',') ? line.slice(0, -1) : line;
    if (section.list) section.list.push(JSON.parse(record));
    else {
      const end = keyEnd(record);
      section.map?.set(JSON.parse(record.slice(0, end + 1)) as string, JSON.parse(record.slice(end + 2)));
    }
  }
  // A file cut between two lines is still refused: only a complete document ends with its own last line.
  if (section || !ended) throw new SyntaxError('the file ends before its last line');
  return parts;
}
