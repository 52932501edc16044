import type { PoolClient } from 'pg';
import { connect, pool } from './db.ts';

/**
 * The schema, as numbered migrations applied in order, each in its own transaction, once (schema_migrations).
 * Records are JSON documents (the same shapes as the file store's) with the columns every lookup needs beside
 * them, indexed: identifiers, owner, keyed hashes, who asked. Suppressions and the audit trail are never deleted
 * nor updated by the app (an objection only moves to a later date); the decision log only loses what a purge names.
 */
export const MIGRATIONS: Array<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'register',
    sql: `
create table meta (key text primary key, value text not null);
create table contacts (
  seq bigserial not null,
  id text primary key,
  email text unique,
  phone text unique,
  owner text,
  data jsonb not null
);
create index contacts_owner on contacts (owner);
create index contacts_seq on contacts (seq);
create table consents (
  seq bigserial primary key,
  id text not null unique,
  contact_id text not null,
  data jsonb not null
);
create index consents_contact on consents (contact_id, seq);
create table interactions (
  seq bigserial primary key,
  id text not null unique,
  contact_id text not null,
  data jsonb not null
);
create index interactions_contact on interactions (contact_id, seq);
create table suppressions (
  seq bigserial not null,
  hash text not null,
  scope text not null,
  at text not null,
  data jsonb not null,
  primary key (hash, scope)
);
create index suppressions_at on suppressions (at);
create table decisions (
  seq bigserial primary key,
  id text not null unique,
  asked_by text not null,
  target_hash text not null,
  data jsonb not null
);
create index decisions_asked_by on decisions (asked_by, seq);
create index decisions_target on decisions (target_hash);
create table audit (
  seq bigserial primary key,
  id text not null unique,
  actor text not null,
  action text not null,
  hash text,
  data jsonb not null
);
create index audit_actor on audit (actor);
create index audit_action on audit (action);
create table campaigns (id text primary key, data jsonb not null);
create table reminders (key text primary key, at text not null);
create table purged (kind text primary key, count bigint not null default 0);
insert into purged (kind) values ('contacts'), ('consents'), ('interactions'), ('decisions');
`,
  },
  {
    version: 2,
    name: 'claims',
    sql: `
-- Slack deliveries claimed by one replica (event or trigger id), forgotten after a day.
create table claims (key text primary key, at timestamptz not null default now());
create index claims_at on claims (at);
`,
  },
  {
    version: 3,
    name: 'installations',
    sql: `
-- Each workspace's installation (OAuth), by team or org-wide organisation id: its bot token is a secret.
create table installations (key text primary key, data jsonb not null, installed_at timestamptz not null default now());
`,
  },
  {
    version: 4,
    name: 'lease tokens',
    sql: `
-- Each lease's fencing token, one more for each new holder: a replica that lost the lease cannot write with it.
create table leases (name text primary key, token bigint not null);
`,
  },
  {
    version: 5,
    name: 'documents',
    sql: `
-- Settings kept beside the register (API keys, hashed; webhook endpoints; webhook deliveries), by collection.
create table documents (
  collection text not null,
  key text not null,
  data jsonb not null,
  at timestamptz not null default now(),
  primary key (collection, key)
);
`,
  },
  {
    version: 6,
    name: 'contact identifiers',
    sql: `
-- Every current address and number of a contact (a person has several): one owner each, looked up by value.
create table contact_identifiers (
  value text primary key,
  contact_id text not null
);
create index contact_identifiers_contact on contact_identifiers (contact_id);
insert into contact_identifiers (value, contact_id)
  select email, id from contacts where email is not null
  union all select phone, id from contacts where phone is not null;
`,
  },
  {
    version: 7,
    name: 'withdrawals',
    sql: `
-- A consent withdrawn is remembered beside the objections, of its own kind and with its purpose: one row per
-- hash, scope, kind and purpose, so a withdrawal never merges with an objection of the same scope.
alter table suppressions add column kind text not null default 'objection';
alter table suppressions add column purpose text not null default '';
update suppressions set kind = 'withdrawal', purpose = data->>'purpose' where data->>'kind' = 'withdrawal';
alter table suppressions drop constraint suppressions_pkey;
alter table suppressions add primary key (hash, scope, kind, purpose);
`,
  },
  {
    version: 8,
    name: 'overview',
    sql: `
-- The console's overview counts the questions of a few weeks by when they were asked: read on this index, never
-- the whole log.
create index decisions_asked_at on decisions ((data->>'askedAt'));
-- An objection told again moves its row's date to its latest one (objections are counted by it); rows renewed
-- before this kept their first.
update suppressions set at = (
  select max(d) from (
    select data->>'at' union all select jsonb_array_elements_text(data->'renewed')
  ) as dates(d)
) where data ? 'renewed';
`,
  },
];

/** Applies the migrations not yet applied; several replicas starting at once apply each one once. */
export async function migrate(client: PoolClient): Promise<number[]> {
  await client.query('select pg_advisory_lock(7461001)');
  try {
    await client.query(
      'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await client.query<{ version: number }>('select version from schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query('insert into schema_migrations (version, name) values ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query('select pg_advisory_unlock(7461001)');
  }
}

/** `store migrate`: the migrations applied to the database at `url`, now. */
export async function migrateDatabase(url: string): Promise<number[]> {
  const db = pool(url);
  try {
    const client = await connect(db);
    try {
      return await migrate(client);
    } finally {
      client.release();
    }
  } finally {
    await db.end();
  }
}
