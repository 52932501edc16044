import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';

it('read commands never create a store: a typo in --db says so, and exits 2', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en', init: false });
  for (const args of [
    ['can-i', 'email', 'alice@corp.fr'],
    ['privacy', 'export', '--email', 'alice@corp.fr'],
    ['retention', 'scan'],
    ['retention', 'purge', '--dry-run'],
    ['campaign', 'show', 'cmp-1'],
    ['audit'],
    ['audit', 'verify'],
  ]) {
    const result = await run(...args);
    expect(result.status, args.join(' ')).toBe(2);
    expect(result.err).toContain(`No store at ${join(dir, 'db.json')}: check --db, or create one with`);
  }
  expect(existsSync(join(dir, 'db.json'))).toBe(false);
  expect((await run('init')).out).toContain('store ready');
  expect((await run('can-i', 'email', 'alice@corp.fr')).status).toBe(3); // unknown: review
});

it('output files never overwrite the store or an existing file, and are private (mode 600)', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  await run('contact', 'add', '--email', 'alice@corp.fr', '--source', 'form');
  for (const file of ['db.json', 'db.json.journal', 'db.key']) {
    const onStore = await run('privacy', 'export', '--email', 'alice@corp.fr', '--out', join(dir, file));
    expect(onStore.status, file).toBe(2);
    expect(onStore.err).toContain('is one of the store’s files');
  }
  const out = join(dir, 'alice.json');
  writeFileSync(out, 'keep me');
  const existing = await run('privacy', 'export', '--email', 'alice@corp.fr', '--out', out);
  expect(existing.err).toContain('already exists: add --force to replace it');
  expect((await run('privacy', 'export', '--email', 'alice@corp.fr', '--out', out, '--force')).status).toBe(
    0,
  );
  expect(statSync(out).mode & 0o777).toBe(0o600);
});

it('emails: internationalised domains are one person in either form; RFC 5321 lengths are enforced', async () => {
  const run = cli(tempDir(), { lang: 'en' });
  const added = await run('contact', 'add', '--email', 'amelie.girard@société.fr', '--source', 'form');
  expect(added.out).toContain('a***@société.fr');
  const again = await run('contact', 'add', '--email', 'Amelie.Girard@xn--socit-esab.fr', '--source', 'form');
  expect(again.out).toContain('nothing new');
  const long = await run('contact', 'add', '--email', `${'a'.repeat(65)}@corp.fr`);
  expect(long.status).toBe(2);
  expect(long.err).toContain('is not a valid email address');
});

it('re-importing a known address keeps its provenance, grows its history, and never restarts its retention clock', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  await run('contact', 'add', '--email', 'bob@acme.fr', '--source', 'form', '--collected-at', '2024-01-10');
  const deadline = async () =>
    JSON.parse((await run('retention', 'scan', '--days', '3650', '--json')).out).due[0]?.deadline as string;
  const before = await deadline();
  expect(before).toBe('2027-01-10T00:00:00.000+01:00'); // in the policy's time zone
  const csv = join(dir, 'list.csv');
  writeFileSync(csv, 'email;source\nbob@acme.fr;purchase:broker\n');
  expect((await run('import', csv)).status).toBe(0);
  expect(await deadline()).toBe(before);
  const exported = JSON.parse((await run('privacy', 'export', '--email', 'bob@acme.fr')).out);
  expect(exported.contact.provenance).toMatchObject({
    source: 'form',
    collectedAt: '2024-01-09T23:00:00.000Z',
  });
  expect(exported.contact.sources).toHaveLength(1);
  expect(exported.contact.sources[0]).toMatchObject({
    source: 'purchase',
    detail: 'broker',
    recordedBy: 'import',
  });
});

it('store verify checks the files without opening the store: whole, then a line removed from the journal', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  await run('contact', 'add', '--email', 'a@corp.fr', '--source', 'form');
  await run('optout', '--email', 'b@corp.fr');
  await run('contact', 'add', '--email', 'c@corp.fr', '--source', 'form');
  const whole = await run('store', 'verify');
  expect(whole.status).toBe(0);
  expect(whole.out).toMatch(/store intact: \d+ changes/);
  const journal = join(dir, 'db.json.journal');
  const lines = readFileSync(journal, 'utf8').split('\n');
  writeFileSync(journal, lines.filter((_, i) => i !== 2).join('\n'));
  const damaged = await run('store', 'verify');
  expect(damaged.status).toBe(4);
  expect(damaged.out).toMatch(/misses changes 3–3/);
  const refused = await run('can-i', 'email', 'b@corp.fr');
  expect(refused.status).toBe(4);
  expect(refused.err).toContain('the store is incomplete and was not opened');
});

it('store backup makes a consistent copy while the store is open, and the copy verifies and opens', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  await run('contact', 'add', '--email', 'a@corp.fr', '--source', 'form');
  await run('optout', '--email', 'b@corp.fr');
  const { FileStore } = await import('../../src/store/fileStore.ts');
  const open = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV }); // the app holds the store
  const backup = join(tempDir(), 'copy');
  const made = await run('store', 'backup', backup);
  await open.close();
  expect(made.status).toBe(0);
  expect(made.out).toMatch(/copy made: .*prospect-guard\.json \(up to change \d+\)/);
  const restored = cli(backup, { lang: 'en' });
  const copyDb = ['--db', join(backup, 'prospect-guard.json')];
  expect((await restored(...copyDb, 'store', 'verify')).out).toContain('store intact');
  expect((await restored(...copyDb, 'can-i', 'email', 'b@corp.fr')).status).toBe(1);
});

it('the command line beside the running app: commands go to it over a private socket, same output, status and actor', async () => {
  const dir = tempDir();
  const path = join(dir, 'db.json');
  const { FileStore } = await import('../../src/store/fileStore.ts');
  const { serveCommands, socketPathOf } = await import('../../src/cli/bridge.ts');
  const { runCli } = await import('../../src/cli/main.ts');
  const { policy } = await import('../support/policy.ts');
  const store = await FileStore.open(path, { env: HASH_ENV }); // the app owns the store
  const ctx = { store, policy, clock: () => new Date('2026-11-23T10:30:00+01:00') };
  const stop = await serveCommands(ctx, socketPathOf(path), runCli);
  try {
    expect(statSync(socketPathOf(path)).mode & 0o777).toBe(0o600);
    const run = cli(dir, { lang: 'en', user: 'dominique' });
    const objected = await run('optout', '--email', 'x@corp.fr');
    expect(objected.status).toBe(0);
    expect(objected.out).toBe('objection recorded (every channel) for 1 identifier');
    expect((await run('can-i', 'email', 'x@corp.fr')).status).toBe(1);
    expect((await store.auditTrail({ action: 'objection.record' }))[0]?.actor).toBe('cli:dominique');
    expect((await run('start')).status).toBe(2);
  } finally {
    await stop();
    await store.close();
  }
});
