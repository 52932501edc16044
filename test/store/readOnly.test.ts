import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { initStore } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'prospect-guard.js');
/** Root reads and writes everything: the command then runs as `nobody`, as another account of the machine would. */
const root = process.getuid?.() === 0;
const asOther = root ? { uid: 65534, gid: 65534 } : {};
/** Files its owner may write but the one running the command may not: the other account's, or read-only. */
const READ_ONLY = root ? 0o644 : 0o444;
const SHUT_FOLDER = root ? 0o755 : 0o555;

function optOutAsOther(db: string) {
  return spawnSync(
    process.execPath,
    [BIN, '--db', db, '--policy', POLICY_PATH, '--lang', 'en', 'optout', '--email', 'bob@corp.fr'],
    { ...asOther, encoding: 'utf8', env: { ...process.env, ...HASH_ENV, PROSPECT_GUARD_DEBUG: '' } },
  );
}

it('tells another account that it may not write the register, naming the file and the fix, and changes nothing', () => {
  const dir = tempDir();
  const db = join(dir, 'db.json');
  return initStore(db).then(() => {
    // Everyone may enter the folder and read the files; only the owner may write the journal.
    chmodSync(dir, 0o777);
    for (const file of readdirSync(dir)) chmodSync(join(dir, file), READ_ONLY);
    const before = readFileSync(`${db}.journal`);
    const run = optOutAsOther(db);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim()).toMatch(
      new RegExp(
        `^prospect-guard: this user may not open ${db}\\.journal \\(permission denied\\): run prospect-guard as the account that owns the register`,
      ),
    );
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).not.toMatch(/EACCES|at .*\.(ts|js):\d+/);
    expect(readFileSync(`${db}.journal`)).toEqual(before);
  });
});

it('tells another account that it may not even lock a register in a folder it cannot write', async () => {
  const dir = tempDir();
  const db = join(dir, 'db.json');
  await initStore(db);
  chmodSync(dir, SHUT_FOLDER);
  for (const file of readdirSync(dir)) chmodSync(join(dir, file), READ_ONLY);
  const run = optOutAsOther(db);
  expect(run.stderr.trim()).toMatch(
    /^prospect-guard: this user may not open .*db\.json\.lock \(permission denied\)/,
  );
});
