import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Campaign } from '../../domain/campaign.ts';
import { defined, editContact, fillContact } from '../../domain/contactMerge.ts';
import type {
  ConsentRecord,
  Contact,
  EventType,
  Interaction,
  SubjectFacts,
  Suppression,
  SuppressionScope,
} from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import type { Identifier } from '../../domain/identifiers.ts';
import { chained } from '../auditChain.ts';
import { carriedObjections, hashesToCarry } from '../carried.ts';
import { ChangeListeners, type ContactsListener } from '../changes.ts';
import { StoreError } from '../errors.ts';
import { hashIdentifier, keyCheck } from '../key.ts';
import type {
  AuditEntry,
  ConsentInput,
  ContactInput,
  DecisionLogEntry,
  PurgeRequest,
  PurgeResult,
  SaveOutcome,
  Store,
} from '../types.ts';
import { connect, lockKeys, pool, rowsOf, transaction } from './db.ts';
import { migrate } from './migrations.ts';
import { PgReads } from './pgReads.ts';

const CHANGES = 'prospect_guard_contacts';

/**
 * The register in PostgreSQL, for several replicas on one database: the same contract as the file store. Every
 * write that must hold together is one transaction; writes about one person are serialised by advisory locks on
 * their identifiers, the audit chain by a lock of its own. Other replicas hear of changed contacts by NOTIFY.
 */
export class PgStore extends PgReads implements Store {
  private readonly changes = new ChangeListeners();
  private readonly token = randomUUID();
  private listener?: pg.PoolClient;

  private constructor(location: string, db: pg.Pool, key: Buffer) {
    super(location, db, key);
  }

  /** Connects, applies the migrations not yet applied, and checks the hash key against the database's. */
  static async open(
    url: string,
    options: { env?: NodeJS.ProcessEnv; listen?: boolean } = {},
  ): Promise<PgStore> {
    const env = options.env ?? process.env;
    const secret = env.PROSPECT_GUARD_HASH_KEY ?? '';
    if (secret.length < 32)
      throw new StoreError(
        'PROSPECT_GUARD_HASH_KEY (at least 32 characters) is needed with PostgreSQL: every replica must hash with the same key',
      );
    const key = Buffer.from(secret, 'utf8');
    const db = pool(url);
    const store = new PgStore(masked(url), db, key);
    try {
      const client = await connect(db);
      try {
        await migrate(client);
      } finally {
        client.release();
      }
      const check = keyCheck(key);
      await db.query("insert into meta (key, value) values ('keyCheck', $1) on conflict do nothing", [check]);
      const stored = (await db.query<{ value: string }>("select value from meta where key = 'keyCheck'"))
        .rows[0];
      if (stored?.value !== check)
        throw new StoreError(`the hash key does not match the one ${store.location} was created with`);
      if (options.listen !== false) await store.listen();
    } catch (error) {
      await db.end().catch(() => undefined);
      throw error instanceof StoreError ? error : new StoreError(`PostgreSQL: ${(error as Error).message}`);
    }
    return store;
  }

  /** Hears the contacts other replicas changed. */
  private async listen(): Promise<void> {
    this.listener = await connect(this.db);
    this.listener.on('notification', (message) => {
      const [from, ids] = JSON.parse(message.payload ?? '[]') as [string, string[] | 'all'];
      if (from !== this.token) this.changes.tell(ids);
    });
    await this.listener.query(`listen ${CHANGES}`);
  }

  /** Tells this process's listeners now, and the other replicas' once the transaction commits. */
  private async touched(client: pg.PoolClient, ids: string[] | 'all'): Promise<void> {
    if (ids !== 'all' && ids.length === 0) return;
    const payload = JSON.stringify([this.token, ids !== 'all' && ids.length > 200 ? 'all' : ids]);
    await client.query('select pg_notify($1, $2)', [CHANGES, payload]);
  }

  onContactsChanged(listener: ContactsListener): () => void {
    return this.changes.add(listener);
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

  private async existing(
    client: pg.PoolClient,
    input: Pick<Contact, 'email' | 'phone'>,
  ): Promise<Contact | undefined> {
    const rows = rowsOf<Contact>(
      await client.query('select data from contacts where email = $1 or phone = $2', [
        input.email ?? null,
        input.phone ?? null,
      ]),
    );
    const byEmail = rows.find((c) => input.email && c.email === input.email);
    const byPhone = rows.find((c) => input.phone && c.phone === input.phone);
    if (byEmail && byPhone && byEmail.id !== byPhone.id) throw new InputError('identifiers_of_two_contacts');
    return byEmail ?? byPhone;
  }

  private async put(client: pg.PoolClient, contacts: Contact[]): Promise<void> {
    await client.query(
      `insert into contacts (id, email, phone, owner, data)
       select x->>'id', x->>'email', x->>'phone', x->>'owner', x from jsonb_array_elements($1::jsonb) as x
       on conflict (id) do update set email = excluded.email, phone = excluded.phone, owner = excluded.owner, data = excluded.data`,
      [JSON.stringify(contacts)],
    );
  }

  /** Objections, each kept at its latest date (the first date stays as firstAt); never deleted. */
  private async suppress(client: pg.PoolClient, records: Suppression[]): Promise<void> {
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
  private async carry(client: pg.PoolClient, pairs: Array<[Contact | undefined, Contact]>): Promise<void> {
    const hash = (id: Identifier) => this.hash(id);
    const hashes = pairs.flatMap(([previous, contact]) => hashesToCarry(previous, contact, hash));
    if (hashes.length === 0) return;
    const global = new Map(
      rowsOf<Suppression>(
        await client.query("select data from suppressions where scope = 'all' and hash = any($1)", [hashes]),
      ).map((s) => [s.hash, s]),
    );
    const carried = pairs.flatMap(([previous, contact]) =>
      carriedObjections(previous, contact, hash, (h) => global.get(h)),
    );
    await this.suppress(client, carried);
  }

  async saveContact(input: ContactInput, now: Date): Promise<SaveOutcome> {
    return this.write([input.email, input.phone], async (client) => {
      const previous = await this.existing(client, input);
      const outcome = fillContact(previous, input, now, randomUUID());
      if (previous && outcome.changed.length === 0)
        return { result: { ...outcome, created: false }, touched: [] };
      await this.put(client, [outcome.contact]);
      await this.carry(client, [[previous, outcome.contact]]);
      return { result: { ...outcome, created: !previous }, touched: [outcome.contact.id] };
    });
  }

  async editContact(id: string, changes: ContactInput, now: Date): Promise<SaveOutcome> {
    const current = await this.contactById(id);
    return this.write([current?.email, current?.phone, changes.email, changes.phone], async (client) => {
      const previous = rowsOf<Contact>(
        await client.query('select data from contacts where id = $1 for update', [id]),
      )[0];
      if (!previous) throw new InputError('unknown_contact');
      for (const value of [changes.email, changes.phone]) {
        if (!value) continue;
        const owner = (await client.query('select id from contacts where email = $1 or phone = $1', [value]))
          .rows[0];
        if (owner && owner.id !== id) throw new InputError('identifiers_of_two_contacts');
      }
      const { contact, changed } = editContact(previous, changes, now);
      if (changed.length === 0)
        return { result: { contact, created: false, changed, kept: [] }, touched: [] };
      await this.put(client, [contact]);
      await this.carry(client, [[previous, contact]]);
      return { result: { contact, created: false, changed, kept: [] }, touched: [id] };
    });
  }

  async saveContacts(inputs: ContactInput[], now: Date): Promise<{ created: number; updated: number }> {
    const emails = inputs.flatMap((i) => (i.email ? [i.email] : []));
    const phones = inputs.flatMap((i) => (i.phone ? [i.phone] : []));
    return this.write([...emails, ...phones], async (client) => {
      const known = rowsOf<Contact>(
        await client.query('select data from contacts where email = any($1) or phone = any($2)', [
          emails,
          phones,
        ]),
      );
      const byEmail = new Map(known.flatMap((c) => (c.email ? [[c.email, c] as const] : [])));
      const byPhone = new Map(known.flatMap((c) => (c.phone ? [[c.phone, c] as const] : [])));
      const contacts: Contact[] = [];
      const pairs: Array<[Contact | undefined, Contact]> = [];
      const pending = new Map<string, number>();
      let created = 0;
      for (const input of inputs) {
        const seen = pending.get(input.email ?? '') ?? pending.get(input.phone ?? '');
        const [e, p] = [
          input.email ? byEmail.get(input.email) : undefined,
          input.phone ? byPhone.get(input.phone) : undefined,
        ];
        if (e && p && e.id !== p.id) throw new InputError('identifiers_of_two_contacts');
        const previous = e ?? p;
        const { contact } = fillContact(previous, input, now, randomUUID());
        pairs.push([previous, contact]);
        if (seen !== undefined) {
          const first = contacts[seen] as Contact;
          contacts[seen] = { ...first, ...defined(contact), id: first.id };
          continue;
        }
        if (!previous) created++;
        if (input.email) pending.set(input.email, contacts.length);
        if (input.phone) pending.set(input.phone, contacts.length);
        contacts.push(contact);
      }
      if (contacts.length > 0) await this.put(client, contacts);
      await this.carry(client, pairs);
      return { result: { created, updated: contacts.length - created }, touched: contacts.map((c) => c.id) };
    });
  }

  async recordConsent(contact: Contact, input: ConsentInput, now: Date): Promise<ConsentRecord> {
    const record: ConsentRecord = {
      id: randomUUID(),
      contactId: contact.id,
      channel: input.channel,
      purpose: input.purpose,
      action: input.action,
      at: input.at.toISOString(),
      ...(input.until ? { until: input.until.toISOString() } : {}),
      ...(input.slot ? { slot: input.slot } : {}),
      proof: defined(input.proof),
      recordedAt: now.toISOString(),
    };
    return this.write([], async (client) => {
      await client.query('insert into consents (id, contact_id, data) values ($1, $2, $3)', [
        record.id,
        contact.id,
        record,
      ]);
      return { result: record, touched: [contact.id] };
    });
  }

  async recordInteraction(contact: Contact, type: EventType, at: Date, now: Date): Promise<Interaction> {
    const record: Interaction = {
      id: randomUUID(),
      contactId: contact.id,
      type,
      at: at.toISOString(),
      recordedAt: now.toISOString(),
    };
    return this.write([], async (client) => {
      await client.query('insert into interactions (id, contact_id, data) values ($1, $2, $3)', [
        record.id,
        contact.id,
        record,
      ]);
      return { result: record, touched: [contact.id] };
    });
  }

  async addObjection(
    targets: Identifier[],
    scope: SuppressionScope,
    at: Date,
    origin: string,
    reason?: string,
  ): Promise<Suppression[]> {
    const records = targets.map(
      (target): Suppression => ({
        hash: this.hash(target),
        scope,
        at: at.toISOString(),
        origin,
        ...(reason ? { reason } : {}),
      }),
    );
    return this.write([], async (client) => {
      await this.suppress(client, records);
      const stored = rowsOf<Suppression>(
        await client.query('select data from suppressions where scope = $1 and hash = any($2)', [
          scope,
          records.map((r) => r.hash),
        ]),
      );
      return { result: records.map((r) => stored.find((s) => s.hash === r.hash) ?? r), touched: [] };
    });
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

  /** Chained to the entry before it; the chain's lock makes replicas append one at a time. */
  async audit(entry: Omit<AuditEntry, 'id' | 'prev' | 'hash'>): Promise<void> {
    await transaction(this.db, async (client) => {
      await lockKeys(client, ['audit-chain']);
      const last = rowsOf<AuditEntry>(
        await client.query('select data from audit order by seq desc limit 1'),
      )[0];
      const record = chained(last, { id: randomUUID(), ...entry });
      await client.query('insert into audit (id, actor, action, hash, data) values ($1, $2, $3, $4, $5)', [
        record.id,
        record.actor,
        record.action,
        record.hash,
        record,
      ]);
    });
  }

  async purge(request: PurgeRequest): Promise<PurgeResult> {
    const contactIds = request.contactIds ?? [];
    const consentIds = request.consentIds ?? [];
    const hashes = request.decisionHashes ?? [];
    return this.write([], async (client) => {
      const removed: PurgeResult = {
        contacts: (await client.query('delete from contacts where id = any($1)', [contactIds])).rowCount ?? 0,
        consents:
          (
            await client.query('delete from consents where contact_id = any($1) or id = any($2)', [
              contactIds,
              consentIds,
            ])
          ).rowCount ?? 0,
        interactions:
          (await client.query('delete from interactions where contact_id = any($1)', [contactIds]))
            .rowCount ?? 0,
        decisions:
          (await client.query('delete from decisions where target_hash = any($1)', [hashes])).rowCount ?? 0,
      };
      for (const [kind, count] of Object.entries(removed))
        await client.query('update purged set count = count + $2 where kind = $1', [kind, count]);
      return { result: removed, touched: consentIds.length > 0 ? 'all' : contactIds };
    });
  }

  async markReminders(keys: string[], at: Date): Promise<void> {
    await this.db.query(
      'insert into reminders (key, at) select k, $2 from unnest($1::text[]) as k on conflict do nothing',
      [keys, at.toISOString()],
    );
  }

  async saveCampaign(campaign: Campaign): Promise<void> {
    await this.db.query(
      'insert into campaigns (id, data) values ($1, $2) on conflict (id) do update set data = excluded.data',
      [campaign.id, campaign],
    );
  }

  hash(target: Identifier): string {
    return hashIdentifier(this.key, target);
  }

  async close(): Promise<void> {
    this.listener?.release();
    this.listener = undefined;
    await this.db.end();
  }
}

/** A unique identifier taken by another contact (a race lost to another replica) is the same refusal. */
function twoContacts(error: unknown): never {
  if ((error as { code?: string }).code === '23505') throw new InputError('identifiers_of_two_contacts');
  throw error;
}

/** The database's address without its password, for messages and `location`. */
function masked(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
