import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

/**
 * The layers, lowest first (ARCHITECTURE.md). A module may import from its own folder and from lower layers,
 * never from a higher one: the domain and the policy engine stay pure, shells stay thin.
 */
const LAYERS: string[][] = [
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
  ['main.ts'],
  ['cli'],
];

const SRC = resolve(import.meta.dirname, '..', 'src');
const MAX_LINES = 300;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The layer of a file: its longest matching folder (or its own name, for the files at the root of src/). */
function place(file: string): { layer: number; unit: string } {
  const path = relative(SRC, file);
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

const files = sources(SRC);

it('no module imports from a higher layer', () => {
  const upward: string[] = [];
  for (const file of files) {
    const from = place(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = resolve(dirname(file), match[1] as string);
      const to = place(target);
      if (to.layer > from.layer || (to.layer === from.layer && to.unit !== from.unit))
        upward.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
    }
  }
  expect(upward).toEqual([]);
});

it(`no source file is over ${MAX_LINES} lines`, () => {
  const long = files
    .map((file) => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES);
  expect(long).toEqual([]);
});
