import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Campaign } from '../../domain/campaign.ts';
import type { JoinOutcome } from '../../domain/contactJoin.ts';
import type {
  ConsentRecord,
  Contact,
  EventType,
  Interaction,
  Suppression,
  SuppressionScope,
} from '../../domain/contacts.ts';
import { type Identifier, identifiersOf } from '../../domain/identifiers.ts';
import { editOne, joinTwo, saveMany, saveOne } from '../contactUpdate.ts';
import { type Documents, Shelf } from '../documents.ts';
import { LeaseLost, StoreError } from '../errors.ts';
import type { Installations } from '../installations.ts';
import { type HashKeyOptions, hashIdentifier, hashKeySetting, sharedHashKey } from '../key.ts';
import { consentRecord, interactionRecord, objectionRecords, withdrawalsOf } from '../records.ts';
import type {
  AuditDraft,
  BatchAudit,
  ConsentInput,
  ContactInput,
  ContactKeys,
  ContactsUpdate,
  CurrentContacts,
  DecisionLogEntry,
  Lease,
  ObjectionInput,
  PurgeRequest,
  PurgeResult,
  SaveOutcome,
  Store,
} from '../types.ts';
import { lockKeys, pool, rowsOf, transaction } from './db.ts';
import { PgDocuments, PgInstallations } from './pgDocuments.ts';
import { PgLeases } from './pgLeases.ts';
import {
  appendAudit,
  carryObjections,
  currentContacts,
  objectionsStored,
  purgeRecords,
  suppress,
  twoContacts,
  writeUpdate,
} from './pgWrites.ts';
import { createSchema, masked, prepareDatabase } from './register.ts';

/**
 * The register in PostgreSQL, for several replicas on one database: the same contract as the file store. Every
 * write that must hold together is one transaction; writes about one person are serialised by advisory locks on
 * their identifiers, the audit chain by a lock of its own. Other replicas hear of changed contacts by NOTIFY.
 */
export class PgStore extends PgLeases implements Store {
  private constructor(location: string, db: pg.Pool, key: Buffer) {
    super(location, db, key);
  }

  /** Connects, applies the migrations not yet applied, and checks the hash key against the database's. */
  static async open(
    url: string,
    options: HashKeyOptions & { listen?: boolean; key?: Buffer; schema?: string } = {},
  ): Promise<PgStore> {
    const key = options.key ?? sharedHashKey(hashKeySetting(options));
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z][a-z0-9_]{0,62}$/.test(schema))
      throw new StoreError(`not a schema name: ${schema}`);
    if (schema) await createSchema(url, schema);
    const db = pool(url, schema);
    const store = new PgStore(`${masked(url)}${schema ? ` (schema ${schema})` : ''}`, db, key);
    store.scope = schema ?? '';
    try {
      await prepareDatabase(db, key, store.location);
      if (options.listen !== false) await store.listen();
    } catch (error) {
      await db.end().catch(() => undefined);
      throw error instanceof StoreError ? error : new StoreError(`PostgreSQL: ${(error as Error).message}`);
    }
    return store;
  }

  /** One write about people, in a transaction holding the locks of their identifiers; listeners told after. */
  private async write<T>(
    identifiers: Array<string | undefined>,
    work: (client: pg.PoolClient) => Promise<{ result: T; touched: string[] | 'all' }>,
  ): Promise<T> {
    const { result, touched } = await transaction(this.db, async (client) => {
      await lockKeys(
        client,
        identifiers.filter((i): i is string => !!i).map((i) => `identifier:${i}`),
      );
      const done = await work(client);
      await this.touched(client, done.touched);
      return done;
    }).catch(twoContacts);
    if (touched === 'all' || touched.length > 0) this.changes.tell(touched);
    return result;
  }

  /** Read, decided and written in one transaction holding the locks of the identifiers named. */
  async updateContacts<T>(
    keys: ContactKeys,
    change: (current: CurrentContacts) => ContactsUpdate<T>,
  ): Promise<T> {
    const values = keys.identifiers ?? [];
    return this.write(values, async (client) => {
      const update = change(await currentContacts(client, keys.ids ?? [], values));
      await writeUpdate(client, update, this.hashOf);
      const written = update.written.map(([, after]) => after.id);
      return { result: update.result, touched: [...written, ...(update.joined ? [update.joined] : [])] };
    });
  }

  saveContact(input: ContactInput, now: Date): Promise<SaveOutcome> {
    return saveOne(this, input, now);
  }

  editContact(id: string, changes: ContactInput, now: Date): Promise<SaveOutcome> {
    return editOne(this, id, changes, now);
  }

  mergeContacts(keptId: string, goneId: string, now: Date): Promise<JoinOutcome> {
    return joinTwo(this, keptId, goneId, now);
  }

  saveContacts(inputs: ContactInput[], now: Date, audit?: BatchAudit) {
    return saveMany(this, inputs, now, audit);
  }

  async recordConsent(contact: Contact, input: ConsentInput, now: Date): Promise<ConsentRecord> {
    const record = consentRecord(contact, input, now);
    // A withdrawal is also remembered on every identifier of the person, in the same transaction (records.ts).
    const withdrawals = withdrawalsOf(record, identifiersOf(contact).map(this.hashOf));
    return this.write([], async (client) => {
      await client.query('insert into consents (id, contact_id, data) values ($1, $2, $3)', [
        record.id,
        contact.id,
        record,
      ]);
      await suppress(client, withdrawals);
      return { result: record, touched: [contact.id] };
    });
  }

  async recordInteraction(contact: Contact, type: EventType, at: Date, now: Date): Promise<Interaction> {
    const record = interactionRecord(contact, type, at, now);
    return this.write([], async (client) => {
      await client.query('insert into interactions (id, contact_id, data) values ($1, $2, $3)', [
        record.id,
        contact.id,
        record,
      ]);
      return { result: record, touched: [contact.id] };
    });
  }

  addObjection(targets: Identifier[], scope: SuppressionScope, at: Date, origin: string, reason?: string) {
    const objections = targets.map((target) => ({ target, scope, at }));
    return this.addObjections(objections, origin, reason);
  }

  async addObjections(objections: ObjectionInput[], origin: string, reason?: string): Promise<Suppression[]> {
    const records = objectionRecords(objections, this.hashOf, origin, reason);
    return this.write([], async (client) => ({
      result: await objectionsStored(client, records),
      touched: [],
    }));
  }

  async logDecision(entry: Omit<DecisionLogEntry, 'id'>): Promise<void> {
    const record = { id: randomUUID(), ...entry };
    await this.db.query('insert into decisions (id, asked_by, target_hash, data) values ($1, $2, $3, $4)', [
      record.id,
      record.askedBy,
      record.targetHash,
      record,
    ]);
  }

  async logDecisions(entries: Omit<DecisionLogEntry, 'id'>[]): Promise<void> {
    if (entries.length === 0) return;
    const records = entries.map((entry) => ({ id: randomUUID(), ...entry }));
    await this.db.query(
      `insert into decisions (id, asked_by, target_hash, data)
       select x->>'id', x->>'askedBy', x->>'targetHash', x from jsonb_array_elements($1::jsonb) as x`,
      [JSON.stringify(records)],
    );
  }

  /** Chained to the entry before it; the chain's lock makes replicas append one at a time. */
  async audit(entry: AuditDraft): Promise<void> {
    await transaction(this.db, (client) => appendAudit(client, [entry]));
  }

  /** Contacts with their records, single consents, decisions by hash; objections stay. Counted. */
  async purge(request: PurgeRequest): Promise<PurgeResult> {
    return this.write([], async (client) => {
      // Objections stay on each identifier of a purged person, former ones too (domain/carriedObjections.ts).
      const gone = rowsOf<Contact>(
        await client.query('select data from contacts where id = any($1)', [request.contactIds ?? []]),
      );
      await carryObjections(
        client,
        this.hashOf,
        gone.map((c) => [c, c]),
      );
      return {
        result: await purgeRecords(client, request),
        touched: (request.consentIds ?? []).length > 0 ? 'all' : (request.contactIds ?? []),
      };
    });
  }

  async markReminders(keys: string[], at: Date, lease?: Lease): Promise<void> {
    if (!lease) {
      await this.db.query(
        'insert into reminders (key, at) select k, $2 from unnest($1::text[]) as k on conflict do nothing',
        [keys, at.toISOString()],
      );
      return;
    }
    // Fenced: written only while the lease's token is the current one. `for share` makes a new holder's token
    // increase wait for this insert, or this insert see the new token.
    const { rows } = await this.db.query<{ held: boolean }>(
      `with fence as (select 1 from leases where name = $3 and token = $4 for share),
       written as (insert into reminders (key, at) select k, $2 from unnest($1::text[]) as k
                   where exists (select 1 from fence) on conflict do nothing)
       select exists (select 1 from fence) as held`,
      [keys, at.toISOString(), this.leaseKey(lease.name), lease.token],
    );
    if (!rows[0]?.held) throw new LeaseLost(lease.name);
  }

  async saveCampaign(campaign: Campaign): Promise<void> {
    await this.db.query(
      'insert into campaigns (id, data) values ($1, $2) on conflict (id) do update set data = excluded.data',
      [campaign.id, campaign],
    );
  }

  private readonly shelf = new Shelf((collection) => new PgDocuments(this.db, collection));
  documents<T>(collection: string): Documents<T> {
    return this.shelf.open<T>(collection);
  }

  /** The installations table of the default schema, which every replica and workspace shares. */
  installations(): Installations {
    return new PgInstallations(this.db);
  }

  hash(target: Identifier): string {
    return hashIdentifier(this.key, target);
  }

  private readonly hashOf = (target: Identifier) => this.hash(target);

  /** The connections, for what works on the database as a whole (store copy). */
  get pool(): pg.Pool {
    return this.db;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listener?.release();
    this.listener = undefined;
    await this.db.end();
  }
}
