import type pg from 'pg';
import { StoreError } from '../errors.ts';
import { keyCheck } from '../key.ts';
import { connect, pool } from './db.ts';
import { migrate } from './migrations.ts';

/** Applies the migrations not yet applied, then checks the key against the one the database was made with. */
export async function prepareDatabase(db: pg.Pool, key: Buffer, location: string): Promise<void> {
  const client = await connect(db);
  try {
    await migrate(client);
  } finally {
    client.release();
  }
  const check = keyCheck(key);
  await db.query("insert into meta (key, value) values ('keyCheck', $1) on conflict do nothing", [check]);
  const stored = (await db.query<{ value: string }>("select value from meta where key = 'keyCheck'")).rows[0];
  if (stored?.value !== check)
    throw new StoreError(
      `the hash key does not match the one ${location} was created with: set the register's key (PROSPECT_GUARD_HASH_KEY or PROSPECT_GUARD_HASH_KEY_FILE)`,
    );
}

/** A workspace's schema, made if missing (its tables come with the migrations, run inside it). */
export async function createSchema(url: string, schema: string): Promise<void> {
  const db = pool(url);
  try {
    await db.query(`create schema if not exists ${schema}`);
  } catch (error) {
    // Two replicas making it at once: one wins, the other finds it made.
    if ((error as { code?: string }).code !== '23505') throw error;
  } finally {
    await db.end();
  }
}

/** The database's address without its password, for messages and `location`. */
export function masked(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

/** Whether a store location names a PostgreSQL database rather than a file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}
