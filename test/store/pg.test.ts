import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgStore } from '../../src/store/pg/pgStore.ts';
import { HASH_ENV } from '../helpers.ts';
import { storeContract } from './contract.ts';

const server = process.env.PROSPECT_GUARD_TEST_PG ?? '';

/** A fresh database on the test server for each store. */
async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const name = `pgtest_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

storeContract('PostgreSQL', async () => PgStore.open(await freshDatabase(), { env: HASH_ENV }));
