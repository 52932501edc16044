import { verifyChain } from '../auditChain.ts';
import { documentFiles } from '../documents.ts';
import { StoreError } from '../errors.ts';
import { FileStore, keyFileOf, storeExists } from '../fileStore.ts';
import { loadHashKey } from '../key.ts';
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
 * Then counts both sides and proves the audit chain; any difference is an error.
 */
export async function copyFileToPostgres(
  from: string,
  to: string,
  env: NodeJS.ProcessEnv,
): Promise<CopyReport> {
  if (!storeExists(from)) throw new StoreError(`no store at ${from}`);
  const source = await FileStore.open(from, { env });
  try {
    const keyFile = env.PROSPECT_GUARD_HASH_KEY ? undefined : keyFileOf(from);
    const key = loadHashKey(keyFile ?? '', env, false);
    const target = await PgStore.open(to, { key, listen: false });
    try {
      const empty = await target.counts();
      if (Object.values(empty).some((n) => n > 0) || (await target.auditTrail()).length > 0)
        throw new StoreError(`${target.location} already holds a register: copy into an empty database`);
      const data = source.exportData();
      await transaction(target.pool, async (client) => {
        const contacts = [...data.contacts.values()];
        for (let i = 0; i < contacts.length; i += SLICE)
          await putContacts(client, contacts.slice(i, i + SLICE));
        const rows = async (sql: string, values: unknown[][]) => {
          for (const row of values) await client.query(sql, row);
        };
        await rows(
          'insert into consents (id, contact_id, data) values ($1, $2, $3)',
          data.consents.map((r) => [r.id, r.contactId, r]),
        );
        await rows(
          'insert into interactions (id, contact_id, data) values ($1, $2, $3)',
          data.interactions.map((r) => [r.id, r.contactId, r]),
        );
        await rows(
          'insert into suppressions (hash, scope, at, data) values ($1, $2, $3, $4)',
          [...data.suppressions.values()].map((r) => [r.hash, r.scope, r.at, r]),
        );
        await rows(
          'insert into decisions (id, asked_by, target_hash, data) values ($1, $2, $3, $4)',
          data.decisions.map((r) => [r.id, r.askedBy, r.targetHash, r]),
        );
        await rows(
          'insert into audit (id, actor, action, hash, data) values ($1, $2, $3, $4, $5)',
          data.audit.map((r) => [r.id, r.actor, r.action, r.hash ?? null, r]),
        );
        await rows(
          'insert into campaigns (id, data) values ($1, $2)',
          Object.values(data.campaigns).map((c) => [c.id, c]),
        );
        await rows('insert into reminders (key, at) values ($1, $2)', [...data.reminders]);
        await rows(
          'update purged set count = $2 where kind = $1',
          Object.entries(data.purged).map(([kind, count]) => [kind, count]),
        );
        // The settings beside the register: API keys (hashed), webhooks and their deliveries.
        for (const { collection } of documentFiles(from))
          for (const [key, value] of await source.documents(collection).all())
            await client.query('insert into documents (collection, key, data) values ($1, $2, $3)', [
              collection,
              key,
              JSON.stringify(value),
            ]);
      });
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
        ...(keyFile ? { keyFile } : {}),
      };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
