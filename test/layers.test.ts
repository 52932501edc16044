import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  forbiddenPackages,
  importCycles,
  importsOf,
  longFiles,
  longFunctions,
  MAX_FILE_LINES,
  MAX_FUNCTION_LINES,
  PURE_PACKAGES,
  packageOf,
  type Source,
  storeBehindFacade,
  upwardImports,
} from './support/layers.ts';

/** The rules (layers, packages per layer, caps) are in test/support/layers.ts; ARCHITECTURE.md tells them. */
const SRC = resolve(import.meta.dirname, '..', 'src');

function sources(dir: string): Source[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [{ path: relative(SRC, join(dir, entry.name)), text: readFileSync(join(dir, entry.name), 'utf8') }]
        : [],
  );
}

const files = sources(SRC);

it('no module imports from a higher layer, statically or with import()', () => {
  expect(upwardImports(files)).toEqual([]);
});

it('the store is reached through its facade only', () => {
  expect(storeBehindFacade(files)).toEqual([]);
});

it('each package is imported only by the layers allowed to', () => {
  expect(forbiddenPackages(files)).toEqual([]);
});

it('the pure layers allow exactly the packages they use', () => {
  const used = (folder: string) =>
    [
      ...new Set(
        files
          .filter((file) => file.path.startsWith(`${folder}/`))
          .flatMap(importsOf)
          .map((imported) => imported.specifier)
          .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
          .map(packageOf),
      ),
    ].sort();
  for (const [folder, allowed] of Object.entries(PURE_PACKAGES)) expect(used(folder)).toEqual(allowed);
});

it('no import cycle', () => {
  expect(importCycles(files)).toEqual([]);
});

it(`no source file is over ${MAX_FILE_LINES} lines`, () => {
  expect(longFiles(files)).toEqual([]);
});

it(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
  expect(longFunctions(files)).toEqual([]);
});

describe('each check bites on a planted source', () => {
  const service = (text: string): Source => ({ path: 'services/planted.ts', text });

  it('a store module imported past the facade', () => {
    const planted = service("import { FileStore } from '../store/fileStore.ts';\n");
    expect(storeBehindFacade([...files, planted])).toEqual(['services/planted.ts:1 → store/fileStore.ts']);
  });

  it('an import up a layer', () => {
    const planted = { path: 'domain/planted.ts', text: "import { ask } from '../services/ask.ts';\n" };
    expect(upwardImports([...files, planted])).toEqual(['domain/planted.ts:1 → services/ask.ts']);
  });

  it('an import() up a layer and an export … from', () => {
    const planted = {
      path: 'policy/planted.ts',
      text: "export { ask } from '../services/ask.ts';\nconst cli = () => import('../cli/main.ts');\n",
    };
    expect(upwardImports([planted])).toEqual([
      'policy/planted.ts:1 → services/ask.ts',
      'policy/planted.ts:2 → cli/main.ts',
    ]);
  });

  it("the database driver outside its store, by import('pg') or require", () => {
    const planted = service("const pg = await import('pg');\nconst slack = require('@slack/bolt');\n");
    expect(forbiddenPackages([planted])).toEqual([
      'services/planted.ts:1 imports pg',
      'services/planted.ts:2 imports @slack/bolt',
    ]);
  });

  it('a package the pure core does not allow', () => {
    const planted = {
      path: 'domain/planted.ts',
      text: "import { Cron } from 'croner';\nimport 'node:fs';\n",
    };
    expect(forbiddenPackages([planted])).toEqual(['domain/planted.ts:1 imports croner']);
  });

  it('a cycle', () => {
    const a = { path: 'domain/a.ts', text: "import { b } from './b.ts';\nexport const a = 1;\n" };
    const b = { path: 'domain/b.ts', text: "import type { a } from './a.ts';\nexport const b = 2;\n" };
    expect(importCycles([...files, a, b])).toEqual([['domain/a.ts', 'domain/b.ts']]);
  });

  it('a 100-line function, an arrow and a method', () => {
    const body = Array.from({ length: 98 }, (_, i) => `  const x${i} = ${i};`).join('\n');
    const planted = service(
      `export function planted() {\n${body}\n}\nconst arrow = () => {\n${body}\n};\nclass C {\n  method() {\n${body}\n  }\n}\n`,
    );
    expect(longFunctions([planted])).toEqual([
      { where: 'services/planted.ts planted', lines: 100 },
      { where: 'services/planted.ts arrow', lines: 100 },
      { where: 'services/planted.ts method', lines: 100 },
    ]);
  });

  it('a file over the cap', () => {
    expect(longFiles([service('\n'.repeat(MAX_FILE_LINES + 1))])).toEqual([`services/planted.ts: 301 lines`]);
  });
});
