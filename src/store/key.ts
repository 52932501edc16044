import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { type HashKeySetting, readHashKey } from '../config.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { StoreError } from './errors.ts';

/**
 * The secret behind the suppression list's keyed hashes, by one rule for every store: the secret set
 * (PROSPECT_GUARD_HASH_KEY, 32 characters or more), else the key file's (hex). A missing key file is made (mode
 * 600) only for a new file store: a register whose key went missing must not get another one silently. Lose the
 * key and the hashes no longer match: back it up with the store.
 */
export function loadHashKey(setting: HashKeySetting, keyFile: string, mayCreate = false): Buffer {
  if (setting.secret !== undefined && setting.secret !== '') {
    if (setting.secret.length < 32)
      throw new StoreError('PROSPECT_GUARD_HASH_KEY must be at least 32 characters');
    return Buffer.from(setting.secret, 'utf8');
  }
  try {
    return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new StoreError(`cannot read the hash key file ${keyFile}: ${(error as Error).message}`);
    }
  }
  if (!mayCreate)
    throw new StoreError(
      `the hash key file ${keyFile} is missing, and the store was made with it: restore it from your backup (or set PROSPECT_GUARD_HASH_KEY). A new key would match no objection.`,
    );
  const key = randomBytes(32);
  try {
    writeFileSync(keyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadHashKey(setting, keyFile, false);
    throw new StoreError(`cannot create the hash key file ${keyFile}: ${(error as Error).message}`);
  }
}

/**
 * The hash key of a PostgreSQL register: every replica must hash with the same one, so it is never made here.
 * The secret, or the key file a file store made (PROSPECT_GUARD_HASH_KEY_FILE), so a register copied from one
 * keeps matching its objections.
 */
export function sharedHashKey(setting: HashKeySetting): Buffer {
  if (!setting.secret && !setting.file)
    throw new StoreError(
      'PostgreSQL needs the hash key of the register: set PROSPECT_GUARD_HASH_KEY (32 characters or more) or PROSPECT_GUARD_HASH_KEY_FILE, the same on every replica',
    );
  return loadHashKey(setting, setting.file ?? '');
}

/**
 * How a store is told its hash key: the setting (config.ts `Config.hashKey`), or an environment its caller holds
 * (the command line's `io.env`, a test's), read by config.ts all the same; neither is no key set.
 */
export interface HashKeyOptions {
  hashKey?: HashKeySetting;
  env?: NodeJS.ProcessEnv;
}

export function hashKeySetting(options: HashKeyOptions): HashKeySetting {
  return options.hashKey ?? readHashKey(options.env ?? {});
}

export function hashIdentifier(key: Buffer, target: Identifier): string {
  return createHmac('sha256', key).update(`${target.kind}:${target.value}`).digest('hex');
}

/** A fingerprint of the key kept in the store, so a wrong key is caught before it silently unblocks people. */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('prospect-guard key check').digest('hex').slice(0, 16);
}
