import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashKeyVariables, readStoreSettings } from '../../src/config.ts';
import { StoreError } from '../../src/store/errors.ts';
import { loadHashKey, sharedHashKey } from '../../src/store/key.ts';
import { tempDir } from '../support/dirs.ts';

const SECRET = 'test-key-test-key-test-key-test-key-0123';

describe('the store settings, read once from the environment', () => {
  it('says which store, which hash key setting, and whether to show details', () => {
    expect(readStoreSettings({}, '/srv')).toMatchObject({
      store: { kind: 'file', path: '/srv/data/prospect-guard.json' },
      hashKey: {},
      debug: false,
    });
    const pg = readStoreSettings(
      { DATABASE_URL: 'postgres://u@db/x', PROSPECT_GUARD_HASH_KEY_FILE: '/k', PROSPECT_GUARD_DEBUG: '1' },
      '/srv',
    );
    expect(pg).toMatchObject({ store: { kind: 'postgres', url: 'postgres://u@db/x' }, debug: true });
    expect(pg.hashKey).toEqual({ file: '/k' });
    expect(hashKeyVariables(readStoreSettings({ PROSPECT_GUARD_HASH_KEY: SECRET }).hashKey)).toEqual({
      PROSPECT_GUARD_HASH_KEY: SECRET,
    });
  });
});

describe('the hash key, one rule for every store', () => {
  it('takes the secret, else the key file; makes a file only for a new file store', () => {
    const dir = tempDir();
    expect(loadHashKey({ secret: SECRET }, join(dir, 'none.key')).toString('utf8')).toBe(SECRET);
    expect(() => loadHashKey({ secret: 'short' }, join(dir, 'none.key'))).toThrow(/at least 32 characters/);
    expect(() => loadHashKey({}, join(dir, 'none.key'))).toThrow(/none\.key is missing/);
    const made = loadHashKey({}, join(dir, 'db.key'), true);
    expect(existsSync(join(dir, 'db.key'))).toBe(true);
    expect(loadHashKey({}, join(dir, 'db.key'))).toEqual(made);
  });

  it('for PostgreSQL, never makes one: the secret or a key file, else it says what to set', () => {
    const file = join(tempDir(), 'shared.key');
    writeFileSync(file, `${'ab'.repeat(32)}\n`);
    expect(sharedHashKey({ file }).toString('hex')).toBe('ab'.repeat(32));
    expect(sharedHashKey({ secret: SECRET, file }).toString('utf8')).toBe(SECRET);
    expect(() => sharedHashKey({})).toThrow(StoreError);
    expect(() => sharedHashKey({})).toThrow(/PROSPECT_GUARD_HASH_KEY_FILE, the same on every replica/);
  });
});
