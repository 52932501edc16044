import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import { cachedData, saveData } from './yamlCache.ts';

export interface PolicyIssue {
  file: string;
  line: number;
  col: number;
  message: string;
}

export type Path = (string | number)[];

/**
 * A YAML file read for its data and, when something is wrong, for the line and column of a node. The parse with
 * positions is slow (a tenth of a second for the policy): a file read before without problems comes from the
 * cache (yamlCache.ts), and the document is parsed only when a position is asked for.
 */
/** The yaml library, loaded the first time a file must really be parsed (most commands read from the cache). */
let library: typeof import('yaml') | undefined;
const yamlLibrary = () => {
  library ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return library;
};

export class YamlFile {
  private parsed?: { doc: Document; lines: LineCounter };
  private readonly cached: { data: unknown } | undefined;
  constructor(
    readonly file: string,
    private readonly source: string,
  ) {
    this.cached = cachedData(source);
  }

  private get lines(): LineCounter {
    return this.document().lines;
  }

  private get doc(): Document {
    return this.document().doc;
  }

  private document() {
    if (!this.parsed) {
      const { LineCounter, parseDocument } = yamlLibrary();
      const lines = new LineCounter();
      this.parsed = { lines, doc: parseDocument(this.source, { lineCounter: lines, prettyErrors: false }) };
    }
    return this.parsed;
  }

  /**
   * The document as plain data. Aliases are expanded within a bound (an "alias bomb" of nested aliases would
   * otherwise take all memory): past it, one problem at the first alias.
   */
  toData(): { data?: unknown; issue?: PolicyIssue } {
    if (this.cached) return { data: this.cached.data };
    try {
      const data = this.doc.toJS({ maxAliasCount: 100 });
      if (this.doc.errors.length === 0) saveData(this.source, data);
      return { data };
    } catch (error) {
      let first: number | undefined;
      const { visit } = yamlLibrary();
      visit(this.doc, {
        Alias(_, node) {
          first ??= node.range?.[0];
          return visit.BREAK;
        },
      });
      const pos = this.lines.linePos(first ?? 0);
      const message = `too many aliases to expand (${(error as Error).message.toLowerCase()}): use plain values`;
      return { issue: { file: this.file, line: pos.line, col: pos.col, message } };
    }
  }

  parseIssues(): PolicyIssue[] {
    if (this.cached) return []; // only a file read without problems is cached
    // Each error's own offset, turned into a line and column (without prettyErrors the library leaves linePos out).
    return this.doc.errors.map((error) => {
      // An unclosed [ or { is found where the next line starts: pointed at the bracket that was left open.
      const unclosed = /flow (sequence|mapping|collection)/i.test(error.message)
        ? openBracketBefore(this.source, error.pos[0])
        : undefined;
      const pos = this.lines.linePos(unclosed ?? error.pos[0]);
      const message =
        error.code === 'DUPLICATE_KEY' ? duplicateKey(this.source, error.pos[0]) : error.message;
      return { file: this.file, line: pos.line, col: pos.col, message: message.split('\n')[0] ?? '' };
    });
  }

  /** The position of the node at `path`, or of its nearest ancestor that exists; `key` points at a map key. */
  at(path: Path, message: string, key?: string): PolicyIssue {
    const { isMap, isPair, isScalar } = yamlLibrary();
    let node: unknown;
    for (let depth = path.length; depth >= 0; depth--) {
      node = this.doc.getIn(path.slice(0, depth), true);
      if (node && depth === path.length && key !== undefined && isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
        if (pair && isScalar(pair.key)) node = pair.key;
      }
      if (node) break;
    }
    if (!node) node = this.doc.contents;
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const pos = this.lines.linePos(range?.[0] ?? 0);
    return { file: this.file, line: pos.line, col: pos.col, message };
  }
}

/** "duplicate key "x": a key given twice in one map; the second would silently replace the first". */
function duplicateKey(source: string, offset: number): string {
  const key = /^["']?([^"':\n]+)/.exec(source.slice(offset))?.[1]?.trim() ?? '';
  return `duplicate key "${key}": a key given twice in one map, the second would silently replace the first`;
}

/** The offset of the last `[` or `{` before `offset` that no bracket closes, if any (quotes are not parsed). */
function openBracketBefore(source: string, offset: number): number | undefined {
  let depth = 0;
  for (let i = Math.min(offset, source.length) - 1; i >= 0; i--) {
    const c = source[i];
    if (c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}
