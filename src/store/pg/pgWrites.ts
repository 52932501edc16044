import type pg from 'pg';
import type { Contact, Suppression } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import type { Identifier } from '../../domain/identifiers.ts';
import { chainedMany } from '../auditChain.ts';
import { carriedObjections, hashesToCarry } from '../carried.ts';
import type { AuditDraft, AuditEntry, PurgeRequest, PurgeResult } from '../types.ts';
import { lockKeys, rowsOf } from './db.ts';

/** The writes of the PostgreSQL store, inside the transaction its caller holds. */

/** The contact reached at the input's email or phone; refuses two identifiers of two different contacts. */
export async function existingContact(
  client: pg.PoolClient,
  input: Pick<Contact, 'email' | 'phone'>,
): Promise<Contact | undefined> {
  const rows = rowsOf<Contact>(
    await client.query('select data from contacts where email = $1 or phone = $2', [
      input.email ?? null,
      input.phone ?? null,
    ]),
  );
  return knownContacts(rows)(input);
}

/** Contacts written whole (added or replaced), in one statement. */
export async function putContacts(client: pg.PoolClient, contacts: Contact[]): Promise<void> {
  await client.query(
    `insert into contacts (id, email, phone, owner, data)
     select x->>'id', x->>'email', x->>'phone', x->>'owner', x from jsonb_array_elements($1::jsonb) as x
     on conflict (id) do update set email = excluded.email, phone = excluded.phone, owner = excluded.owner, data = excluded.data`,
    [JSON.stringify(contacts)],
  );
}

/** Objections, each kept at its latest date (the first date stays as firstAt); never deleted. */
export async function suppress(client: pg.PoolClient, records: Suppression[]): Promise<void> {
  for (const record of records)
    await client.query(
      `insert into suppressions (hash, scope, at, data) values ($1, $2, $3, $4)
       on conflict (hash, scope) do update set at = excluded.at,
         data = excluded.data || jsonb_build_object('firstAt', coalesce(suppressions.data->>'firstAt', suppressions.at))
       where excluded.at > suppressions.at`,
      [record.hash, record.scope, record.at, record],
    );
}

/** The global objections the contacts' new identifiers inherit (store/carried.ts), written with them. */
export async function carryObjections(
  client: pg.PoolClient,
  hash: (id: Identifier) => string,
  pairs: Array<[Contact | undefined, Contact]>,
): Promise<void> {
  const hashes = pairs.flatMap(([previous, contact]) => hashesToCarry(previous, contact, hash));
  if (hashes.length === 0) return;
  const global = new Map(
    rowsOf<Suppression>(
      await client.query("select data from suppressions where scope = 'all' and hash = any($1)", [hashes]),
    ).map((s) => [s.hash, s]),
  );
  await suppress(
    client,
    pairs.flatMap(([previous, contact]) => carriedObjections(previous, contact, hash, (h) => global.get(h))),
  );
}

/** The contact among `known` an input reaches (as the file store's index finds it). */
export function knownContacts(
  known: Contact[],
): (input: Pick<Contact, 'email' | 'phone'>) => Contact | undefined {
  const byEmail = new Map(known.flatMap((c) => (c.email ? [[c.email, c] as const] : [])));
  const byPhone = new Map(known.flatMap((c) => (c.phone ? [[c.phone, c] as const] : [])));
  return (input) => {
    const e = input.email ? byEmail.get(input.email) : undefined;
    const p = input.phone ? byPhone.get(input.phone) : undefined;
    if (e && p && e.id !== p.id) throw new InputError('identifiers_of_two_contacts');
    return e ?? p;
  };
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
    contacts: await count('delete from contacts where id = any($1)', [contactIds]),
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
