import type pg from 'pg';
import {
  type Contact,
  objectionDates,
  renewObjection,
  type Suppression,
  suppressionKey,
} from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import { type Identifier, identifiersOf } from '../../domain/identifiers.ts';
import { chainedMany } from '../auditChain.ts';
import { carriedBy, hashesCarried } from '../contactUpdate.ts';
import type {
  AuditDraft,
  AuditEntry,
  ContactsUpdate,
  CurrentContacts,
  PurgeRequest,
  PurgeResult,
} from '../types.ts';
import { lockKeys, rowsOf } from './db.ts';

/** The writes of the PostgreSQL store, inside the transaction its caller holds. */

/** The contacts holding any of these addresses or numbers (each a current identifier of one contact). */
export const CONTACTS_HOLDING =
  'select c.data from contacts c where c.id in (select contact_id from contact_identifiers where value = any($1))';

/**
 * The contacts an update reads, in the transaction that writes it: those with these ids (their rows locked),
 * and those holding these addresses or numbers (locked by identifier already, `lockKeys`).
 */
export async function currentContacts(
  client: pg.PoolClient,
  ids: string[],
  values: string[],
): Promise<CurrentContacts> {
  const byId =
    ids.length > 0
      ? rowsOf<Contact>(await client.query('select data from contacts where id = any($1) for update', [ids]))
      : [];
  const holding = values.length > 0 ? rowsOf<Contact>(await client.query(CONTACTS_HOLDING, [values])) : [];
  const all = [...byId, ...holding];
  const byValue = new Map(all.flatMap((c) => identifiersOf(c).map((i) => [i.value, c] as const)));
  return { byId: (id) => all.find((c) => c.id === id), holding: (value) => byValue.get(value) };
}

/**
 * An update written in its transaction: a joined record's consents and events moved to the kept one and the
 * joined one deleted, the contacts written whole, the objections they carry, the audit entries chained.
 */
export async function writeUpdate(
  client: pg.PoolClient,
  update: ContactsUpdate<unknown>,
  hash: (id: Identifier) => string,
): Promise<void> {
  const contacts = update.written.map(([, after]) => after);
  const kept = contacts[0];
  if (update.joined && kept) await moveRecords(client, update.joined, kept.id);
  if (contacts.length > 0) await putContacts(client, contacts);
  await carryObjections(client, hash, update.written);
  if (update.audit && update.audit.length > 0) await appendAudit(client, update.audit);
}

/**
 * Contacts written whole (added or replaced), with the index of their identifiers, whose primary key refuses an
 * address or number held by another contact (a race lost to another replica: `twoContacts`).
 */
export async function putContacts(client: pg.PoolClient, contacts: Contact[]): Promise<void> {
  await client.query(
    `insert into contacts (id, email, phone, owner, data)
     select x->>'id', x->>'email', x->>'phone', x->>'owner', x from jsonb_array_elements($1::jsonb) as x
     on conflict (id) do update set email = excluded.email, phone = excluded.phone, owner = excluded.owner, data = excluded.data`,
    [JSON.stringify(contacts)],
  );
  const ids = contacts.map((c) => c.id);
  const pairs = contacts.flatMap((c) => identifiersOf(c).map((i) => ({ value: i.value, id: c.id })));
  await client.query('delete from contact_identifiers where contact_id = any($1)', [ids]);
  await client.query(
    `insert into contact_identifiers (value, contact_id)
     select x->>'value', x->>'id' from jsonb_array_elements($1::jsonb) as x`,
    [JSON.stringify(pairs)],
  );
}

/**
 * Objections, each kept at its first date with the later ones in its history (domain renewObjection); never
 * deleted. The rows already there are read under lock, so two replicas adding a date keep both.
 */
export async function suppress(client: pg.PoolClient, records: Suppression[]): Promise<void> {
  for (const record of records) {
    // A withdrawal has a row of its own (kind, purpose): it never renews an objection of the same scope.
    const key = [record.hash, record.scope, ...suppressionColumns(record)];
    const existing = rowsOf<Suppression>(
      await client.query(
        'select data from suppressions where hash = $1 and scope = $2 and kind = $3 and purpose = $4 for update',
        key,
      ),
    )[0];
    const next = existing ? renewObjection(existing, record) : record;
    if (!next) continue;
    await client.query(
      `insert into suppressions (hash, scope, kind, purpose, at, data) values ($1, $2, $3, $4, $5, $6)
       on conflict (hash, scope, kind, purpose) do update set data = excluded.data, at = excluded.at`,
      // The column is the latest date (objections counted since a day); the record's `at` is the first.
      [...key, objectionDates(next).at(-1), next],
    );
  }
}

/** Objections written, then read back as stored: one told again keeps its first date, the others after it. */
export async function objectionsStored(
  client: pg.PoolClient,
  records: Suppression[],
): Promise<Suppression[]> {
  if (records.length === 0) return [];
  await suppress(client, records);
  const stored = rowsOf<Suppression>(
    await client.query("select data from suppressions where kind = 'objection' and hash = any($1)", [
      [...new Set(records.map((r) => r.hash))],
    ]),
  );
  const byKey = new Map(stored.map((s) => [suppressionKey(s), s]));
  return records.map((r) => byKey.get(suppressionKey(r)) ?? r);
}

/** The kind and purpose columns of a suppression row: `objection` and '' for an objection. */
export function suppressionColumns(record: Suppression): [string, string] {
  return record.kind === 'withdrawal' ? ['withdrawal', record.purpose ?? ''] : ['objection', ''];
}

/** The objections the contacts' current identifiers inherit (domain/carriedObjections.ts), written with them. */
export async function carryObjections(
  client: pg.PoolClient,
  hash: (id: Identifier) => string,
  pairs: Array<[Contact | undefined, Contact]>,
): Promise<void> {
  const hashes = hashesCarried(pairs, hash);
  if (hashes.length === 0) return;
  const known = rowsOf<Suppression>(
    await client.query('select data from suppressions where hash = any($1)', [hashes]),
  );
  const objectionsOf = (h: string) => known.filter((s) => s.hash === h);
  await suppress(client, carriedBy(pairs, hash, objectionsOf));
}

/** A join (domain/contactJoin.ts): the consents and events of `goneId` become `keptId`'s, the gone record goes. */
async function moveRecords(client: pg.PoolClient, goneId: string, keptId: string): Promise<void> {
  for (const table of ['consents', 'interactions'])
    await client.query(
      `update ${table} set contact_id = $2, data = jsonb_set(data, '{contactId}', to_jsonb($2::text)) where contact_id = $1`,
      [goneId, keptId],
    );
  await client.query('delete from contact_identifiers where contact_id = $1', [goneId]);
  await client.query('delete from contacts where id = $1', [goneId]);
}

/** A unique identifier taken by another contact (a race lost to another replica) is the same refusal. */
export function twoContacts(error: unknown): never {
  if ((error as { code?: string }).code === '23505') throw new InputError('identifiers_of_two_contacts');
  throw error;
}

/** What a purge names, deleted and counted (the totals kept in `purged`). */
export async function purgeRecords(client: pg.PoolClient, request: PurgeRequest): Promise<PurgeResult> {
  const contactIds = request.contactIds ?? [];
  const count = async (sql: string, values: unknown[]) => (await client.query(sql, values)).rowCount ?? 0;
  const removed: PurgeResult = {
    contacts: await count(
      'with gone as (delete from contact_identifiers where contact_id = any($1)) delete from contacts where id = any($1)',
      [contactIds],
    ),
    consents: await count('delete from consents where contact_id = any($1) or id = any($2)', [
      contactIds,
      request.consentIds ?? [],
    ]),
    interactions: await count('delete from interactions where contact_id = any($1)', [contactIds]),
    decisions: await count('delete from decisions where target_hash = any($1)', [
      request.decisionHashes ?? [],
    ]),
  };
  for (const [kind, n] of Object.entries(removed))
    await client.query('update purged set count = count + $2 where kind = $1', [kind, n]);
  return removed;
}

/**
 * Audit entries appended in order, chained after the last one, in one statement; the chain's lock makes
 * replicas append one at a time (taken after the identifiers' locks, never before: no circle of waits).
 */
export async function appendAudit(client: pg.PoolClient, drafts: AuditDraft[]): Promise<void> {
  await lockKeys(client, ['audit-chain']);
  const last = rowsOf<AuditEntry>(await client.query('select data from audit order by seq desc limit 1'))[0];
  await client.query(
    `insert into audit (id, actor, action, hash, data)
     select x->>'id', x->>'actor', x->>'action', x->>'hash', x
     from jsonb_array_elements($1::jsonb) with ordinality as e(x, n) order by n`,
    [JSON.stringify(chainedMany(last, drafts))],
  );
}
