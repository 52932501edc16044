import type pg from 'pg';
import { readHashKey } from '../../config.ts';
import { verifyChain } from '../auditChain.ts';
import { documentFiles } from '../documents.ts';
import { StoreError } from '../errors.ts';
import { FileStore, keyFileOf, storeExists } from '../fileStore.ts';
import { loadHashKey } from '../key.ts';
import type { StoreData } from '../snapshot.ts';
import type { StoreCounts } from '../types.ts';
import { transaction } from './db.ts';
import { PgStore } from './pgStore.ts';
import { putContacts } from './pgWrites.ts';

export interface CopyReport {
  counts: StoreCounts;
  audit: number;
  campaigns: number;
  reminders: number;
  /** Whether the key came from the file store's key file (then every replica needs PROSPECT_GUARD_HASH_KEY_FILE). */
  keyFile?: string;
}

const SLICE = 5000;

/**
 * Moves a file register into an empty PostgreSQL database, with the same hash key (its objections keep
 * matching), every record as it was (the audit chain's hashes too), in one transaction: all of it or nothing.
 * Then counts both sides and proves the audit chain; any difference is an error. `env` is the command line's,
 * read by config.ts for the key's setting.
 */
export async function copyFileToPostgres(
  from: string,
  to: string,
  env: NodeJS.ProcessEnv,
): Promise<CopyReport> {
  if (!storeExists(from)) throw new StoreError(`no store at ${from}`);
  const hashKey = readHashKey(env);
  const source = await FileStore.open(from, { hashKey });
  try {
    const keyFile = hashKey.secret ? undefined : keyFileOf(from);
    const key = loadHashKey(hashKey, keyFileOf(from));
    const target = await PgStore.open(to, { key, listen: false });
    try {
      const empty = await target.counts();
      if (Object.values(empty).some((n) => n > 0) || (await target.auditTrail()).length > 0)
        throw new StoreError(`${target.location} already holds a register: copy into an empty database`);
      const data = source.exportData();
      await transaction(target.pool, async (client) => {
        await copyRecords(client, data);
        await copyDocuments(client, source, from);
      });
      return { ...(await checkCopy(source, target, data)), ...(keyFile ? { keyFile } : {}) };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** The register's records, table by table, in the register's order (the audit chain's). */
async function copyRecords(client: pg.PoolClient, data: Readonly<StoreData>): Promise<void> {
  const contacts = [...data.contacts.values()];
  for (let i = 0; i < contacts.length; i += SLICE) await putContacts(client, contacts.slice(i, i + SLICE));
  const insert = (table: string, columns: Record<string, string>, records: unknown[]) =>
    insertSlices(client, table, columns, records);
  await insert('consents', { id: 'id', contact_id: 'contactId', data: '' }, data.consents);
  await insert('interactions', { id: 'id', contact_id: 'contactId', data: '' }, data.interactions);
  // An objection's kind column is `objection`; a withdrawal's row has its kind and purpose (migration 7).
  const kind = "(coalesce(x->>'kind', 'objection'))";
  const purpose = "(case when x->>'kind' = 'withdrawal' then x->>'purpose' else '' end)";
  await insert('suppressions', { hash: 'hash', scope: 'scope', kind, purpose, at: 'at', data: '' }, [
    ...data.suppressions.values(),
  ]);
  await insert(
    'decisions',
    { id: 'id', asked_by: 'askedBy', target_hash: 'targetHash', data: '' },
    data.decisions,
  );
  await insert('audit', { id: 'id', actor: 'actor', action: 'action', hash: 'hash', data: '' }, data.audit);
  const rows = async (sql: string, values: unknown[][]) => {
    for (const row of values) await client.query(sql, row);
  };
  await rows(
    'insert into campaigns (id, data) values ($1, $2)',
    Object.values(data.campaigns).map((c) => [c.id, c]),
  );
  const reminders = [...data.reminders];
  for (let i = 0; i < reminders.length; i += SLICE) {
    const slice = reminders.slice(i, i + SLICE);
    await client.query('insert into reminders (key, at) select * from unnest($1::text[], $2::text[])', [
      slice.map(([key]) => key),
      slice.map(([, at]) => at),
    ]);
  }
  await rows(
    'update purged set count = $2 where kind = $1',
    Object.entries(data.purged).map(([kind, count]) => [kind, count]),
  );
}

/**
 * Each table in slices of 5,000 rows, one statement each, in the records' order; a column's field names a key
 * of the record, or is an SQL expression over it, in parentheses.
 */
async function insertSlices(
  client: pg.PoolClient,
  table: string,
  columns: Record<string, string>,
  records: unknown[],
): Promise<void> {
  const names = Object.keys(columns).join(', ');
  const values = Object.values(columns)
    .map((field) => (field === '' ? 'x' : field.startsWith('(') ? field : `x->>'${field}'`))
    .join(', ');
  for (let i = 0; i < records.length; i += SLICE)
    await client.query(
      `insert into ${table} (${names}) select ${values}
               from jsonb_array_elements($1::jsonb) with ordinality as t(x, n) order by n`,
      [JSON.stringify(records.slice(i, i + SLICE))],
    );
}

/** The settings beside the register: API keys (hashed), webhooks and their deliveries. */
async function copyDocuments(client: pg.PoolClient, source: FileStore, from: string): Promise<void> {
  for (const { collection } of documentFiles(from))
    for (const [key, value] of await source.documents(collection).all())
      await client.query('insert into documents (collection, key, data) values ($1, $2, $3)', [
        collection,
        key,
        JSON.stringify(value),
      ]);
}

/** Both sides counted and the copied audit chain proved: what the copy holds, or an error if it differs. */
async function checkCopy(
  source: FileStore,
  target: PgStore,
  data: Readonly<StoreData>,
): Promise<Omit<CopyReport, 'keyFile'>> {
  const [before, after] = [await source.counts(), await target.counts()];
  const trail = await target.auditTrail();
  const differs = (Object.keys(before) as (keyof StoreCounts)[]).filter((k) => before[k] !== after[k]);
  if (differs.length > 0 || trail.length !== data.audit.length)
    throw new StoreError(
      `the copy does not match the source (${differs.join(', ') || 'audit'}): check the database`,
    );
  if (!verifyChain(trail).ok) throw new StoreError('the copied audit trail does not prove whole');
  return {
    counts: after,
    audit: trail.length,
    campaigns: (await target.campaigns()).length,
    reminders: (await target.remindersSent()).size,
  };
}
