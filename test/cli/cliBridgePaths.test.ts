import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { absolutePaths } from '../../src/cli/bridge.ts';

// A command typed while the app runs is sent to it over a socket: its files are made absolute first (the app
// runs elsewhere), but a sheet's name or a column's header is a word, even when a file of that name is here
// (README.md and package.json stand for them: both exist in the folder the tests run in).
it('makes the files of a forwarded command absolute, never the words', () => {
  const argv = [
    'import',
    'README.md',
    '--sheet',
    'package.json',
    '--rejected',
    'out.csv',
    '--from',
    'README.md',
  ];
  expect(absolutePaths(argv)).toEqual([
    'import',
    resolve('README.md'),
    '--sheet',
    'package.json',
    '--rejected',
    resolve('out.csv'),
    '--from',
    'README.md',
  ]);
});
