import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.ts';
import { importPlan } from '../../src/i18n/importPlan.ts';
import { storeExists } from '../../src/store/fileStore.ts';
import { HASH_ENV } from './env.ts';
import { POLICY_PATH } from './paths.ts';

/**
 * Runs the CLI in-process on a store in `dir`, at a fixed time, as the given user. The store is made by `init`
 * before the first command (an explicit --db is never created by a write), unless `init: false`.
 */
export function cli(
  dir: string,
  options: { at?: string; lang?: 'fr' | 'en'; user?: string; init?: boolean } = {},
) {
  const { at = '2026-11-23T10:30:00+01:00', lang, user = 'tester' } = options;
  let ready = options.init === false;
  return async (...args: string[]) => {
    if (!ready) {
      ready = true;
      if (!storeExists(join(dir, 'db.json')) && args[0] !== 'init') await initStore(join(dir, 'db.json'));
    }
    const out: string[] = [];
    const err: string[] = [];
    const globals = [
      '--db',
      join(dir, 'db.json'),
      '--policy',
      POLICY_PATH,
      ...(lang ? ['--lang', lang] : []),
    ];
    const status = await runCli([...globals, ...args], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { ...HASH_ENV, USER: user },
      clock: () => new Date(at),
      input: Readable.from([]), // `start` reads commands until the end of input
    });
    return { status, out: out.join('\n'), err: err.join('\n') };
  };
}

/** An empty store made by `init` at `path` (a write never creates one at an explicit --db); returns the path. */
export async function initStore(path: string): Promise<string> {
  const status = await runCli(['--db', path, '--policy', POLICY_PATH, 'init'], {
    out: () => undefined,
    err: () => undefined,
    env: HASH_ENV,
    clock: () => new Date(),
  });
  if (status !== 0) throw new Error(`init ${path}: exit ${status}`);
  return path;
}

/**
 * A CLI import's stderr without the summary of what it understood of the header (reports/importPlan.ts), for
 * tests about the rows' problems: each summary line starts as one of the plan's messages does.
 */
export function withoutPlan(err: string): string {
  const starts = Object.values(importPlan)
    .flatMap((m) => [m.fr, m.en])
    .map((text) => text.split('{')[0] as string)
    .filter((start) => start.length > 3);
  return err
    .split('\n')
    .filter((line) => !starts.some((start) => line.startsWith(start)))
    .join('\n');
}
