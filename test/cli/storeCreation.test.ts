import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';

/** The CLI with the store given by PROSPECT_GUARD_DB, the default path (no --db). */
function atDefaultPath(db: string, lang: 'fr' | 'en' = 'en') {
  return async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runCli(['--policy', POLICY_PATH, '--lang', lang, ...args], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { ...HASH_ENV, PROSPECT_GUARD_DB: db, USER: 'tester' },
      clock: () => new Date('2026-11-23T10:30:00+01:00'),
      input: Readable.from([]),
    });
    return { status, out: out.join('\n'), err: err.join('\n') };
  };
}

it('a write at a mistyped --db creates nothing: "no store at PATH", exit 2, for every kind of write', async () => {
  const dir = tempDir();
  const csv = join(dir, 'contacts.csv');
  writeFileSync(csv, 'email\nalice@corp.fr\n');
  const run = cli(dir, { lang: 'en', init: false });
  for (const args of [
    ['contact', 'add', '--email', 'alice@corp.fr', '--source', 'form'],
    ['contact', 'edit', '--email', 'alice@corp.fr', '--name', 'Alice'],
    ['consent', 'withdraw', '--email', 'alice@corp.fr', '--channel', 'email'],
    ['event', '--email', 'alice@corp.fr', '--type', 'reply'],
    ['optout', '--email', 'alice@corp.fr'],
    ['import', csv],
    ['retention', 'purge', '--yes'],
    ['privacy', 'erase', '--email', 'alice@corp.fr', '--yes'],
    ['api-key', 'create', '--name', 'crm', '--scopes', 'decide'],
    ['webhook', 'add', '--url', 'https://hooks.example.fr/pg'],
    ['contact', 'list'],
    ['store', 'verify'],
    ['store', 'backup', join(dir, 'backup')],
    ['start'],
  ]) {
    const result = await run(...args);
    expect(result.status, args.join(' ')).toBe(2);
    expect(result.err, args.join(' ')).toBe(
      `prospect-guard: No store at ${join(dir, 'db.json')}: check --db, or create one with \`prospect-guard init\`.`,
    );
  }
  // Neither a register nor a hash key was made.
  expect(readdirSync(dir)).toEqual(['contacts.csv']);
});

it('says it in French too', async () => {
  const dir = tempDir();
  const result = await cli(dir, { lang: 'fr', init: false })('optout', '--email', 'alice@corp.fr');
  expect(result.status).toBe(2);
  expect(result.err).toContain(
    `Aucun registre à ${join(dir, 'db.json')} : vérifiez --db, ou créez-le avec \`prospect-guard init\`.`,
  );
});

it('init creates the store where --db says, and the writes after it go there', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en', init: false });
  const init = await run('init');
  expect(init.status).toBe(0);
  expect(init.err).toBe(`prospect-guard: created a new, empty store at ${join(dir, 'db.json')}`);
  expect(init.out).toBe(`store ready: ${join(dir, 'db.json')}`);
  const added = await run('contact', 'add', '--email', 'alice@corp.fr', '--source', 'form');
  expect(added.status).toBe(0);
  expect(added.err).toBe('');
  expect((await run('contact', 'show', '--email', 'alice@corp.fr')).status).toBe(0);
});

it('a first write at the default path creates the store and says so, once, in the reader’s language', async () => {
  const db = join(tempDir(), 'data', 'prospect-guard.json');
  const run = atDefaultPath(db, 'fr');
  // A read still never creates it.
  const read = await run('can-i', 'email', 'alice@corp.fr');
  expect(read.status).toBe(2);
  expect(existsSync(db)).toBe(false);
  const first = await run('optout', '--email', 'alice@corp.fr');
  expect(first.status).toBe(0);
  expect(first.err).toBe(`prospect-guard: nouveau registre vide créé à ${db}`);
  expect(existsSync(db)).toBe(true);
  const second = await run('optout', '--email', 'bob@corp.fr');
  expect(second.err).toBe('');
  expect((await run('can-i', 'email', 'alice@corp.fr')).status).toBe(1);
});

it('a workspace register is made by the app at install, never by a CLI write with a mistyped --workspace', async () => {
  const db = join(tempDir(), 'prospect-guard.json');
  const run = atDefaultPath(db);
  const result = await run('--workspace', 'T0TYPO', 'optout', '--email', 'alice@corp.fr');
  expect(result.status).toBe(2);
  expect(result.err).toContain(
    `No store at ${join(db, '..', 'workspaces', 'T0TYPO', 'prospect-guard.json')}`,
  );
  expect(existsSync(join(db, '..', 'workspaces'))).toBe(false);
});

// An import writes its contacts' audit entries with them, in one journal entry: `store verify` read only the
// entries written one at a time, and called the trail of a sound store incomplete (newcomer trial, issue 26).
it('store verify finds the trail whole after an import', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'fr' });
  writeFileSync(join(dir, 'i.csv'), 'email\na@acme.fr\nb@acme.fr\n');
  expect((await run('import', join(dir, 'i.csv'))).status).toBe(0);
  const verified = await run('store', 'verify');
  expect(verified.status).toBe(0);
  expect(verified.out).toContain('registre intact');
});
