import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';
import { freshDatabase } from './pg.ts';

/** The CLI on a PostgreSQL register named by DATABASE_URL, with the env given. */
function onDatabase(url: string, env: Record<string, string>) {
  return async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runCli(['--policy', POLICY_PATH, '--lang', 'en', ...args], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { ...env, DATABASE_URL: url, USER: 'tester' },
      clock: () => new Date('2026-11-23T10:30:00+01:00'),
      input: Readable.from([]),
    });
    return { status, out: out.join('\n'), err: err.join('\n') };
  };
}

describe('moving a file register to PostgreSQL', () => {
  it('copies everything with its key, checks the counts, and the objections keep matching', async () => {
    const dir = tempDir();
    const file = cli(dir, { lang: 'en' });
    const csv = join(dir, 'contacts.csv');
    writeFileSync(csv, 'email;name\nalice@acme.fr;Alice\nbob@acme.fr;Bob\n');
    await file('import', csv);
    await file('optout', '--email', 'bob@acme.fr');
    await file('can-i', 'email', 'alice@acme.fr');
    await file('api-key', 'create', '--name', 'lemlist', '--scopes', 'objections');
    const proof = ['--method', 'checkbox', '--wording', 'v1', '--evidence', 'form-1'];
    expect(
      (await file('consent', 'grant', '--email', 'alice@acme.fr', '--channel', 'sms', ...proof)).status,
    ).toBe(0);
    expect((await file('event', '--email', 'alice@acme.fr', '--type', 'reply')).status).toBe(0);
    const url = await freshDatabase();
    // The same key as the file store's (PROSPECT_GUARD_HASH_KEY here).
    const env = HASH_ENV;
    const copy = await runCopy(dir, url, env);
    expect(copy.err).toBe('');
    expect(copy.status).toBe(0);
    expect(copy.out).toContain('2 contacts, 1 consents, 1 interactions, 1 objections, 1 decisions');
    expect(copy.out).not.toContain('PROSPECT_GUARD_HASH_KEY_FILE');
    const db = onDatabase(url, HASH_ENV);
    const blocked = await db('can-i', 'email', 'bob@acme.fr');
    expect(blocked.status).toBe(1);
    expect(blocked.out).toContain('objected');
    expect((await db('audit', 'verify')).status).toBe(0);
    // The settings beside the register come too: the API key still works on PostgreSQL.
    expect(JSON.parse((await db('api-key', 'list', '--json')).out)).toMatchObject([{ name: 'lemlist' }]);
    const again = await runCopy(dir, url, env);
    expect(again.status).toBe(4);
    expect(again.err).toContain('already holds a register');
    expect((await db('store', 'migrate')).out).toContain('no migration to apply');
    expect((await db('store', 'verify')).err).toContain('reads the files of a file register');
  });

  it('uses the key file a file store made, and says every replica needs it', async () => {
    const dir = tempDir();
    const plain = onDatabase('', {});
    await plain('--db', join(dir, 'db.json'), 'init');
    await plain('--db', join(dir, 'db.json'), 'optout', '--email', 'carl@acme.fr');
    const url = await freshDatabase();
    const copy = await runCopy(dir, url, {});
    expect(copy.out).toContain(`PROSPECT_GUARD_HASH_KEY_FILE=${join(dir, 'db.key')}`);
    const db = onDatabase(url, { PROSPECT_GUARD_HASH_KEY_FILE: join(dir, 'db.key') });
    expect((await db('can-i', 'email', 'carl@acme.fr')).status).toBe(1);
  });
});

function runCopy(dir: string, url: string, env: Record<string, string>) {
  return onDatabase('', env)('store', 'copy', '--from', join(dir, 'db.json'), '--to', url);
}
