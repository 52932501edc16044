import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Identifier } from '../domain/identifiers.ts';
import { StoreError } from './errors.ts';

/**
 * The secret behind the suppression list's keyed hashes. From PROSPECT_GUARD_HASH_KEY, or a key file made once
 * next to the store (mode 600). Lose it and the hashes no longer match: back it up with the store.
 */
export function loadHashKey(keyFile: string, env: NodeJS.ProcessEnv = process.env, mayCreate = true): Buffer {
  const fromEnv = env.PROSPECT_GUARD_HASH_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 32) throw new StoreError('PROSPECT_GUARD_HASH_KEY must be at least 32 characters');
    return Buffer.from(fromEnv, 'utf8');
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
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadHashKey(keyFile, env, false);
    throw new StoreError(`cannot create the hash key file ${keyFile}: ${(error as Error).message}`);
  }
}

export function hashIdentifier(key: Buffer, target: Identifier): string {
  return createHmac('sha256', key).update(`${target.kind}:${target.value}`).digest('hex');
}

/** A fingerprint of the key kept in the store, so a wrong key is caught before it silently unblocks people. */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('prospect-guard key check').digest('hex').slice(0, 16);
}
