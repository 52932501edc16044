import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { type ListInput, openList, recipientSorter } from '../src/campaign/recipients.ts';
import { runCli } from '../src/cli/main.ts';
import type { Channel, SubjectFacts } from '../src/domain/contacts.ts';
import { importPlan } from '../src/i18n/importPlan.ts';
import { loadPolicy } from '../src/policy/load.ts';
import { storeExists } from '../src/store/fileStore.ts';
import type { ContactInput } from '../src/store/types.ts';

export const POLICY_PATH = resolve(import.meta.dirname, '..', 'policy.yaml');
export const policy = loadPolicy(POLICY_PATH, { scenarios: true });

/** The folders made by the current test file: removed once it has run (test/setup/tempDirs.ts). */
export const madeDirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  madeDirs.push(dir);
  return dir;
}

export const HASH_ENV = { PROSPECT_GUARD_HASH_KEY: 'test-key-test-key-test-key-test-key-0123' };

export function subject(overrides: Partial<SubjectFacts> = {}): SubjectFacts {
  return {
    target: { kind: 'email', value: 'alice@gmail.com' },
    consents: [],
    interactions: [],
    objections: [],
    ...overrides,
  };
}

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

/** A finance professional, collected by a form and informed on 2026-01-05: allowed for accounting software. */
export function financeProfessional(email: string): ContactInput {
  return {
    email,
    jobFunction: 'finance',
    provenance: {
      source: 'form',
      collection: 'direct',
      collectedAt: '2026-01-05T00:00:00Z',
      informedAt: '2026-01-05T00:00:00Z',
    },
  };
}

/** A recipient list read to the end and sorted, as a campaign check reads it (recipients, repeats, invalid). */
export async function readRecipients(input: ListInput, channel: Channel) {
  const list = await openList(input, channel);
  const sorter = recipientSorter(list.layout.kind);
  const recipients: { line: number; value: string }[] = [];
  const invalid: { line: number; value: string; problem: string }[] = [];
  let duplicates = 0;
  for await (const batch of list.entries) {
    for (const { line, value } of batch) {
      const sorted = sorter.sort(value);
      if (sorted.kind === 'recipient') recipients.push({ line, value: sorted.target.value });
      if (sorted.kind === 'invalid') invalid.push({ line, value, problem: sorted.problem });
      if (sorted.kind === 'duplicate') duplicates++;
    }
  }
  return { ...list.layout, recipients, invalid, duplicates, hash: sorter.seen.hash() };
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
