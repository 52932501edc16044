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
