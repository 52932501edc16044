import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';

export interface PolicyIssue {
  file: string;
  line: number;
  col: number;
  message: string;
}

export type Path = (string | number)[];

export class YamlFile {
  readonly lines = new LineCounter();
  readonly doc: Document;
  constructor(
    readonly file: string,
    source: string,
  ) {
    this.doc = parseDocument(source, { lineCounter: this.lines, prettyErrors: false });
  }

  /**
   * The document as plain data. Aliases are expanded within a bound (an "alias bomb" of nested aliases would
   * otherwise take all memory): past it, one problem at the first alias.
   */
  toData(): { data?: unknown; issue?: PolicyIssue } {
    try {
      return { data: this.doc.toJS({ maxAliasCount: 100 }) };
    } catch (error) {
      let first: number | undefined;
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
    return this.doc.errors.map((error) => {
      const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
      return { file: this.file, line: pos.line, col: pos.col, message: error.message.split('\n')[0] ?? '' };
    });
  }

  /** The position of the node at `path`, or of its nearest ancestor that exists; `key` points at a map key. */
  at(path: Path, message: string, key?: string): PolicyIssue {
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
