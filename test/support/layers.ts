import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

/**
 * The fitness checks of test/layers.test.ts as plain functions over `{path, text}` (paths relative to src/), so
 * the test can run them on planted sources too and prove that each one bites.
 */
export interface Source {
  path: string;
  text: string;
}

export interface Import {
  from: string;
  /** What the source names: './x.ts', 'pg', 'node:fs'. */
  specifier: string;
  line: number;
}

/**
 * The layers, lowest first (ARCHITECTURE.md). A module may import from its own folder and from lower layers,
 * never from a higher one: the domain and the policy engine stay pure, shells stay thin.
 */
export const LAYERS: string[][] = [
  ['domain', 'i18n', 'config.ts'],
  ['policy'],
  ['csv', 'store'],
  ['campaign', 'retention'],
  ['services'],
  ['reports'],
  ['slack/blocks'],
  ['slack/listeners'],
  ['slack'],
  ['slack/emulator'],
  ['api'],
  ['web'],
  ['main.ts'],
  ['cli'],
];

/**
 * Which packages a folder may import (node built-ins are allowed everywhere). A package owned by a folder is
 * imported there only: the database driver stays in its store, Slack in its shell, HTTP in the API, the
 * terminal in the CLI. The pure core (domain, policy) may use only the libraries it lists, so it stays a
 * library of rules without I/O.
 */
export const OWNED_PACKAGES: Record<string, string[]> = {
  'store/pg': ['pg', 'pg-copy-streams'],
  slack: ['@slack/*'],
  api: ['hono', '@hono/*'],
  web: ['hono', '@hono/*'],
  cli: ['commander', 'cli-progress'],
};
export const PURE_PACKAGES: Record<string, string[]> = {
  domain: ['date-holidays', 'email-providers', 'libphonenumber-js', 'luxon'],
  policy: ['croner', 'luxon', 're2js', 'yaml', 'zod'],
};

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;

/** Each source parsed once, however many checks read it. */
const parsed = new WeakMap<Source, ts.SourceFile>();
function parse(source: Source): ts.SourceFile {
  let file = parsed.get(source);
  if (!file) {
    file = ts.createSourceFile(source.path, source.text, ts.ScriptTarget.Latest, true);
    parsed.set(source, file);
  }
  return file;
}

/** Every import of a file: static, `export … from`, `import('…')`, `require('…')` (plain or from createRequire). */
export function importsOf(source: Source): Import[] {
  const file = parse(source);
  const found: Import[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    found.push({ from: source.path, specifier: literal.text, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && isLoader(node.expression)) add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node, node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `import(…)`, `require(…)`, `createRequire(…)(…)`. */
function isLoader(callee: ts.Expression): boolean {
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return (
    ts.isCallExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'createRequire'
  );
}

/** The layer of a path in src/: its longest matching unit (a folder, or a file at the root of src/). */
export function place(path: string): { layer: number; unit: string } {
  let best = { layer: -1, unit: '' };
  LAYERS.forEach((units, layer) => {
    for (const unit of units) {
      // A folder's unit holds the root file of the same name too: i18n.ts and i18n/ are one module.
      const matches = unit.endsWith('.ts')
        ? path === unit
        : path.startsWith(`${unit}/`) || path === `${unit}.ts`;
      if (matches && unit.length > best.unit.length) best = { layer, unit };
    }
  });
  if (best.layer < 0) throw new Error(`${path} is in no layer: add its folder to LAYERS`);
  return best;
}

const isRelative = (specifier: string) => specifier.startsWith('.');
const target = (imported: Import) =>
  posix.normalize(posix.join(posix.dirname(imported.from), imported.specifier));
const where = (imported: Import) => `${imported.from}:${imported.line}`;

/** Imports that point up a layer, or sideways into another unit of the same layer. */
export function upwardImports(sources: Source[]): string[] {
  return sources.flatMap((source) => {
    const from = place(source.path);
    return importsOf(source)
      .filter((imported) => isRelative(imported.specifier))
      .filter((imported) => {
        const to = place(target(imported));
        return to.layer > from.layer || (to.layer === from.layer && to.unit !== from.unit);
      })
      .map((imported) => `${where(imported)} → ${target(imported)}`);
  });
}

/** 'pg', '@slack/bolt', 'libphonenumber-js' for 'pg', '@slack/bolt', 'libphonenumber-js/max'. */
/**
 * Imports of the store from outside it that bypass its facade (`store/index.ts`): the rest of the app sees the
 * contract, never how a store keeps its data.
 */
export function storeBehindFacade(sources: Source[]): string[] {
  return sources.flatMap((source) =>
    source.path.startsWith('store/')
      ? []
      : importsOf(source)
          .filter((imported) => isRelative(imported.specifier))
          .filter(
            (imported) => target(imported).startsWith('store/') && target(imported) !== 'store/index.ts',
          )
          .map((imported) => `${where(imported)} → ${target(imported)}`),
  );
}

export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);
const named = (name: string, patterns: string[]) =>
  patterns.some((pattern) =>
    pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern,
  );
const within = (path: string, folder: string) => path.startsWith(`${folder}/`) || path === `${folder}.ts`;

/** Package imports a folder may not make (OWNED_PACKAGES, PURE_PACKAGES). */
export function forbiddenPackages(sources: Source[]): string[] {
  return sources.flatMap((source) =>
    importsOf(source)
      .filter((imported) => !isRelative(imported.specifier) && !isBuiltin(imported.specifier))
      .filter((imported) => {
        const name = packageOf(imported.specifier);
        const owners = Object.keys(OWNED_PACKAGES).filter((folder) =>
          named(name, OWNED_PACKAGES[folder] ?? []),
        );
        if (owners.length > 0 && !owners.some((folder) => within(source.path, folder))) return true;
        const pure = Object.keys(PURE_PACKAGES).find((folder) => within(source.path, folder));
        return pure !== undefined && !(PURE_PACKAGES[pure] ?? []).includes(name);
      })
      .map((imported) => `${where(imported)} imports ${imported.specifier}`),
  );
}

/** The module graph's cycles: its strongly connected components of more than one module (Tarjan). */
export function importCycles(sources: Source[]): string[][] {
  const known = new Set(sources.map((source) => source.path));
  const edges = new Map<string, string[]>();
  for (const source of sources)
    edges.set(
      source.path,
      importsOf(source)
        .filter((imported) => isRelative(imported.specifier))
        .map(target)
        .filter((path) => known.has(path)),
    );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (module: string) => {
    index.set(module, index.size);
    low.set(module, index.get(module) as number);
    stack.push(module);
    onStack.add(module);
    for (const next of edges.get(module) ?? []) {
      if (!index.has(next)) connect(next);
      if (onStack.has(next)) low.set(module, Math.min(low.get(module) as number, low.get(next) as number));
    }
    if (low.get(module) !== index.get(module)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const module of edges.keys()) if (!index.has(module)) connect(module);
  return cycles;
}

export interface LongFunction {
  /** 'file.ts name', the name being the function's, its method's, or the variable or property it is given to. */
  where: string;
  lines: number;
}

/** Functions (declarations, methods, arrows and function expressions with a body) longer than `max` lines. */
export function longFunctions(sources: Source[], max = MAX_FUNCTION_LINES): LongFunction[] {
  return sources.flatMap((source) => {
    const file = parse(source);
    const long: LongFunction[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const line = (position: number) => file.getLineAndCharacterOfPosition(position).line;
        const lines = line(node.getEnd()) - line(node.getStart(file)) + 1;
        if (lines > max) long.push({ where: `${source.path} ${functionName(node)}`, lines });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    return long;
  });
}

function functionName(node: ts.Node): string {
  const own = (node as { name?: ts.Node }).name;
  if (own && (ts.isIdentifier(own) || ts.isStringLiteral(own))) return own.text;
  const parent = node.parent;
  if (
    parent &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) &&
    ts.isIdentifier(parent.name)
  )
    return parent.name.text;
  if (parent && ts.isCallExpression(parent)) {
    const callee = parent.expression.getText().split('(')[0] as string;
    return `${callee}(…)`;
  }
  return '(anonymous)';
}

/** Files over `max` lines. */
export function longFiles(sources: Source[], max = MAX_FILE_LINES): string[] {
  return sources
    .map((source) => ({ path: source.path, lines: source.text.split('\n').length - 1 }))
    .filter(({ lines }) => lines > max)
    .map(({ path, lines }) => `${path}: ${lines} lines`);
}
