import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { StoreError, StoreLockedError } from '../../src/store/errors.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';

it('tells a store held by another process by its type, a StoreError still', async () => {
  const path = join(tempDir(), 'db.json');
  const held = await FileStore.open(path, { env: HASH_ENV });
  try {
    const refused = await FileStore.open(path, { env: HASH_ENV }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as Error).message).toMatch(/in use by prospect-guard process/);
  } finally {
    await held.close();
  }
});

it('takes over at once the lock of an owner killed but not yet reaped (a zombie), saying so', async () => {
  // `sh` starts a child, then becomes a `sleep` that never waits for it: once killed, the child stays a zombie.
  const parent = spawn('sh', ['-c', 'sleep 300 & echo $!; exec sleep 300'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const pid = Number((await once(parent.stdout, 'data'))[0].toString().trim());
  const stat = () => readFileSync(`/proc/${pid}/stat`, 'utf8');
  const started = stat()
    .slice(stat().lastIndexOf(')') + 2)
    .split(' ')[19];
  const path = join(tempDir(), 'db.json');
  (await FileStore.open(path, { env: HASH_ENV })).close();
  writeFileSync(`${path}.lock`, JSON.stringify({ pid, started, host: hostname() }), { mode: 0o600 });
  process.kill(pid, 'SIGKILL');
  try {
    for (let i = 0; i < 100 && !/\) Z/.test(stat()); i++) await new Promise((done) => setTimeout(done, 10));
    expect(stat()).toMatch(/\) Z/);
    const warnings: string[] = [];
    const store = await FileStore.open(path, { env: HASH_ENV, warn: (line) => warnings.push(line) });
    await store.close();
    expect(warnings.join('\n')).toContain(`from process ${pid}, which is no longer running`);
  } finally {
    parent.kill('SIGKILL');
  }
});
