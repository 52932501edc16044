import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import lockfile from 'proper-lockfile';
import type { Campaign } from '../domain/campaign.ts';
import type {
  ConsentRecord,
  Contact,
  EventType,
  Interaction,
  Objection,
  SubjectFacts,
  Suppression,
  SuppressionScope,
} from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';
import { StoreError } from './errors.ts';
import { Journal, type JournalEntry } from './journal.ts';
import { hashIdentifier, keyCheck, loadHashKey } from './key.ts';
import { SnapshotFile, STORE_FORMAT, STORE_VERSION, type StoreData } from './snapshot.ts';
import type {
  AuditEntry,
  ConsentInput,
  ContactInput,
  ContactRecord,
  DecisionLogEntry,
  PurgeRequest,
  PurgeResult,
  Store,
  StoreCounts,
} from './types.ts';

export interface FileStoreOptions {
  /** Where the generated hash key lives when PROSPECT_GUARD_HASH_KEY is not set. */
  keyFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Fold the journal into the snapshot after this many entries or bytes. */
  compactAfterEntries?: number;
  compactAfterBytes?: number;
}

type Op =
  | { op: 'contact'; contact: Contact }
  | { op: 'contacts'; contacts: Contact[] }
  | { op: 'consent'; record: ConsentRecord }
  | { op: 'interaction'; record: Interaction }
  | { op: 'suppression'; record: Suppression }
  | { op: 'decision'; record: DecisionLogEntry }
  | { op: 'audit'; record: AuditEntry }
  | { op: 'campaign'; campaign: Campaign }
  | { op: 'purge'; request: PurgeRequest }
  | { op: 'reminders'; keys: string[]; at: string };

function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The consent store on disk: `prospect-guard.json` (a lowdb snapshot) plus `prospect-guard.json.journal`
 * (every change since, fsynced before it is acknowledged). Both together are the store. One process at a time
 * owns them, through a lock folder `prospect-guard.json.lock`.
 */
export class FileStore implements Store {
  private db!: Low<StoreData>;
  private journal: Journal;
  private key!: Buffer;
  private release?: () => Promise<void>;
  private compactions: Promise<void> = Promise.resolve();
  private compactQueued = false;
  private broken?: Error;
  private readonly byEmail = new Map<string, string>();
  private readonly byPhone = new Map<string, string>();
  private readonly consentsOf = new Map<string, ConsentRecord[]>();
  private readonly interactionsOf = new Map<string, Interaction[]>();
  private readonly suppressionsOf = new Map<string, Suppression[]>();
  private readonly recordIds = new Set<string>();
  private readonly decisionsBy = new Map<string, DecisionLogEntry[]>();
  created = false;

  private constructor(
    readonly location: string,
    private readonly options: FileStoreOptions,
  ) {
    this.journal = new Journal(`${location}.journal`);
  }

  static async open(path: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const store = new FileStore(path, options);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    const path = this.location;
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new StoreError(`cannot create the folder of the store ${path}: ${(error as Error).message}`);
    }
    try {
      this.release = await lockfile.lock(path, {
        realpath: false,
        lockfilePath: `${path}.lock`,
        stale: 15_000,
        update: 5_000,
        retries: 0,
        onCompromised: (error) => process.stderr.write(`prospect-guard: store lock lost: ${error.message}\n`),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new StoreError(
          `the store ${path} is in use by another prospect-guard process (lock ${path}.lock); stop it first`,
        );
      }
      throw new StoreError(`cannot lock the store ${path}: ${(error as Error).message}`);
    }
    try {
      this.key = loadHashKey(this.options.keyFile ?? `${path.replace(/\.json$/, '')}.key`, this.options.env);
      const adapter = new SnapshotFile(path);
      const check = keyCheck(this.key);
      this.db = new Low(adapter, {
        format: STORE_FORMAT,
        version: STORE_VERSION,
        seq: 0,
        keyCheck: check,
        contacts: {},
        consents: [],
        interactions: [],
        suppressions: {},
        decisions: [],
        audit: [],
        campaigns: {},
        reminders: {},
        purged: { contacts: 0, consents: 0, interactions: 0, decisions: 0 },
      });
      await this.db.read();
      if (this.db.data.keyCheck !== check) {
        throw new StoreError(
          `the hash key does not match the one ${path} was created with: set PROSPECT_GUARD_HASH_KEY or restore the key file`,
        );
      }
      this.index();
      for (const entry of await this.journal.replay(this.db.data.seq)) {
        this.apply(entry as JournalEntry & Op);
        this.db.data.seq = entry.seq;
      }
      this.created = Object.keys(this.db.data.contacts).length === 0 && this.db.data.seq === 0;
      if (this.created) await this.db.write();
      await this.journal.open();
    } catch (error) {
      await this.release?.();
      throw error;
    }
  }

  private index(): void {
    const data = this.db.data;
    for (const contact of Object.values(data.contacts)) this.indexContact(contact, undefined);
    for (const record of data.consents) this.push(this.consentsOf, record.contactId, record);
    for (const record of data.interactions) this.push(this.interactionsOf, record.contactId, record);
    for (const record of Object.values(data.suppressions))
      this.push(this.suppressionsOf, record.hash, record);
    for (const record of data.decisions) this.push(this.decisionsBy, record.askedBy, record);
    for (const record of [...data.consents, ...data.interactions, ...data.decisions, ...data.audit])
      this.recordIds.add(record.id);
  }

  private push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  private indexContact(contact: Contact, previous: Contact | undefined): void {
    if (previous?.email && previous.email !== contact.email) this.byEmail.delete(previous.email);
    if (previous?.phone && previous.phone !== contact.phone) this.byPhone.delete(previous.phone);
    if (contact.email) this.byEmail.set(contact.email, contact.id);
    if (contact.phone) this.byPhone.set(contact.phone, contact.id);
  }

  /** Applies one change to memory. Idempotent, so replaying a journal over a newer snapshot is harmless. */
  private apply(entry: Op): PurgeResult | undefined {
    const data = this.db.data;
    switch (entry.op) {
      case 'contact':
      case 'contacts':
        for (const contact of entry.op === 'contact' ? [entry.contact] : entry.contacts) {
          this.indexContact(contact, data.contacts[contact.id]);
          data.contacts[contact.id] = contact;
        }
        return;
      case 'consent':
      case 'interaction':
      case 'decision':
      case 'audit': {
        if (this.recordIds.has(entry.record.id)) return;
        this.recordIds.add(entry.record.id);
        if (entry.op === 'consent') {
          data.consents.push(entry.record);
          this.push(this.consentsOf, entry.record.contactId, entry.record);
        } else if (entry.op === 'interaction') {
          data.interactions.push(entry.record);
          this.push(this.interactionsOf, entry.record.contactId, entry.record);
        } else if (entry.op === 'decision') {
          data.decisions.push(entry.record);
          this.push(this.decisionsBy, entry.record.askedBy, entry.record);
        } else {
          data.audit.push(entry.record);
        }
        return;
      }
      case 'campaign':
        data.campaigns[entry.campaign.id] = entry.campaign;
        return;
      case 'reminders':
        for (const key of entry.keys) data.reminders[key] ??= entry.at;
        return;
      case 'purge':
        return this.applyPurge(entry.request);
      case 'suppression': {
        const key = `${entry.record.hash}:${entry.record.scope}`;
        const existing = data.suppressions[key];
        if (!existing) {
          data.suppressions[key] = entry.record;
          this.push(this.suppressionsOf, entry.record.hash, entry.record);
          return;
        }
        // A repeated objection counts from its latest date (a consent given between two objections does not lift
        // the second); the first date stays for the record.
        if (entry.record.at <= existing.at) return;
        const renewed = { ...entry.record, firstAt: existing.firstAt ?? existing.at };
        data.suppressions[key] = renewed;
        const list = this.suppressionsOf.get(entry.record.hash) ?? [];
        this.suppressionsOf.set(
          entry.record.hash,
          list.map((s) => (s.scope === renewed.scope ? renewed : s)),
        );
        return;
      }
    }
  }

  /** Removes what a purge names; idempotent (replaying it removes nothing more and counts nothing more). */
  private applyPurge(request: PurgeRequest): PurgeResult {
    const data = this.db.data;
    const contactIds = new Set((request.contactIds ?? []).filter((id) => data.contacts[id]));
    const consentIds = new Set(request.consentIds ?? []);
    const hashes = new Set(request.decisionHashes ?? []);
    const removed = { contacts: contactIds.size, consents: 0, interactions: 0, decisions: 0 };
    for (const id of contactIds) {
      const contact = data.contacts[id] as Contact;
      if (contact.email) this.byEmail.delete(contact.email);
      if (contact.phone) this.byPhone.delete(contact.phone);
      delete data.contacts[id];
      this.consentsOf.delete(id);
      this.interactionsOf.delete(id);
    }
    const keepConsent = (c: ConsentRecord) => !contactIds.has(c.contactId) && !consentIds.has(c.id);
    if (contactIds.size > 0 || consentIds.size > 0) {
      const before = data.consents.length;
      data.consents = data.consents.filter(keepConsent);
      removed.consents = before - data.consents.length;
      for (const [id, list] of this.consentsOf) this.consentsOf.set(id, list.filter(keepConsent));
      const beforeInteractions = data.interactions.length;
      data.interactions = data.interactions.filter((i) => !contactIds.has(i.contactId));
      removed.interactions = beforeInteractions - data.interactions.length;
    }
    if (hashes.size > 0) {
      const before = data.decisions.length;
      data.decisions = data.decisions.filter((d) => !hashes.has(d.targetHash));
      removed.decisions = before - data.decisions.length;
      for (const [by, list] of this.decisionsBy)
        this.decisionsBy.set(
          by,
          list.filter((d) => !hashes.has(d.targetHash)),
        );
    }
    for (const key of Object.keys(removed) as (keyof PurgeResult)[]) data.purged[key] += removed[key];
    return removed;
  }

  async purge(request: PurgeRequest): Promise<PurgeResult> {
    const [removed] = await this.commit({ op: 'purge', request });
    // A purge must reach the snapshot soon: the deleted data must not linger on disk.
    await this.compact();
    return removed as PurgeResult;
  }

  async recordsAbout(hashes: string[]) {
    const wanted = new Set(hashes);
    return {
      suppressions: hashes.flatMap((hash) => this.suppressionsOf.get(hash) ?? []),
      decisions: this.db.data.decisions.filter((d) => wanted.has(d.targetHash)),
    };
  }

  async purgedTotals(): Promise<PurgeResult> {
    return { ...this.db.data.purged };
  }

  async remindersSent(): Promise<ReadonlySet<string>> {
    return new Set(Object.keys(this.db.data.reminders));
  }

  async markReminders(keys: string[], at: Date): Promise<void> {
    if (keys.length > 0) await this.commit({ op: 'reminders', keys, at: at.toISOString() });
  }

  /**
   * Applies a change now (so the next question sees it) and resolves once it is durably on disk, with what
   * each change did (a purge's counts).
   */
  private async commit(...ops: Op[]): Promise<(PurgeResult | undefined)[]> {
    if (this.broken) throw this.broken;
    const results: (PurgeResult | undefined)[] = [];
    const writes = ops.map((op) => {
      results.push(this.apply(op));
      const seq = ++this.db.data.seq;
      return this.journal.append({ seq, ...op });
    });
    try {
      await Promise.all(writes);
    } catch (error) {
      // Memory is now ahead of the disk: refuse further work rather than answer from state we may lose.
      this.broken = new StoreError(
        `the store could not be written (${(error as Error).message}); restart prospect-guard`,
      );
      throw this.broken;
    }
    this.maybeCompact();
    return results;
  }

  private maybeCompact(): void {
    const entries = this.options.compactAfterEntries ?? 5_000;
    const bytes = this.options.compactAfterBytes ?? 32 * 1024 * 1024;
    if (this.compactQueued || (this.journal.entries < entries && this.journal.bytes < bytes)) return;
    this.compactQueued = true;
    this.compact()
      .catch((error) =>
        process.stderr.write(
          `prospect-guard: compaction failed, the journal keeps every change: ${error.message}\n`,
        ),
      )
      .finally(() => {
        this.compactQueued = false;
      });
  }

  /** Folds the journal into a new snapshot; one at a time, while changes keep flowing into the journal. */
  compact(): Promise<void> {
    const run = this.compactions
      .catch(() => undefined)
      .then(async () => {
        const seq = this.db.data.seq;
        await this.db.write();
        await this.journal.dropUpTo(seq);
      });
    this.compactions = run;
    return run;
  }

  private contactId(target: Identifier): string | undefined {
    return target.kind === 'email' ? this.byEmail.get(target.value) : this.byPhone.get(target.value);
  }

  async contactById(id: string): Promise<Contact | undefined> {
    return this.db.data.contacts[id];
  }

  async findContact(target: Identifier): Promise<Contact | undefined> {
    const id = this.contactId(target);
    return id ? this.db.data.contacts[id] : undefined;
  }

  private merge(input: ContactInput, now: Date): { contact: Contact; created: boolean } {
    const byEmail = input.email ? this.byEmail.get(input.email) : undefined;
    const byPhone = input.phone ? this.byPhone.get(input.phone) : undefined;
    if (byEmail && byPhone && byEmail !== byPhone) {
      throw new InputError('this email and this phone number belong to two different contacts');
    }
    const existing = this.db.data.contacts[byEmail ?? byPhone ?? ''];
    const at = now.toISOString();
    const { provenance, customer, ...fields } = input;
    const base: Contact = existing ?? { id: randomUUID(), createdAt: at, updatedAt: at };
    const mergedProvenance =
      provenance || base.provenance ? { ...base.provenance, ...defined(provenance) } : undefined;
    const mergedCustomer = customer || base.customer ? { ...base.customer, ...defined(customer) } : undefined;
    const contact: Contact = {
      ...base,
      ...defined(fields),
      ...(mergedProvenance ? { provenance: mergedProvenance as Contact['provenance'] } : {}),
      ...(mergedCustomer ? { customer: mergedCustomer as Contact['customer'] } : {}),
      updatedAt: at,
    };
    return { contact, created: !existing };
  }

  async saveContact(input: ContactInput, now: Date): Promise<{ contact: Contact; created: boolean }> {
    const previous = this.db.data.contacts[this.contactIdOf(input) ?? ''];
    const result = this.merge(input, now);
    const carried = this.carriedObjections(previous, result.contact);
    await this.commit(
      { op: 'contact', contact: result.contact },
      ...carried.map((record) => ({ op: 'suppression' as const, record })),
    );
    return { contact: result.contact, created: result.created };
  }

  private contactIdOf(input: ContactInput): string | undefined {
    return (
      (input.email && this.byEmail.get(input.email)) ||
      (input.phone && this.byPhone.get(input.phone)) ||
      undefined
    );
  }

  /**
   * An objection to all marketing binds the person, whichever identifier we learn later (GDPR art. 21(3)): when a
   * contact gains or changes an email or phone, its global objection is copied onto the new identifiers, so it
   * holds even after the old one is dropped or the contact purged.
   */
  private carriedObjections(previous: Contact | undefined, contact: Contact): Suppression[] {
    const ids = [...identifiersOf(previous ?? {}), ...identifiersOf(contact)];
    const hashes = [...new Set(ids.map((id) => this.hash(id)))];
    const global = hashes.flatMap((hash) =>
      (this.suppressionsOf.get(hash) ?? []).filter((s) => s.scope === 'all'),
    );
    if (global.length === 0) return [];
    const latest = global.reduce((a, b) => (b.at > a.at ? b : a));
    return identifiersOf(contact)
      .map((id) => this.hash(id))
      .filter((hash) => (this.db.data.suppressions[`${hash}:all`]?.at ?? '') < latest.at)
      .map((hash) => ({ hash, scope: 'all' as const, at: latest.at, origin: 'carried-over' }));
  }

  async saveContacts(inputs: ContactInput[], now: Date): Promise<{ created: number; updated: number }> {
    const contacts: Contact[] = [];
    let created = 0;
    const pending = new Map<string, number>(); // identifiers seen in this batch → index in `contacts`
    const carried: Suppression[] = [];
    for (const input of inputs) {
      const seen = pending.get(input.email ?? '') ?? pending.get(input.phone ?? '');
      const previous = this.db.data.contacts[this.contactIdOf(input) ?? ''];
      const result = this.merge(input, now);
      carried.push(...this.carriedObjections(previous, result.contact));
      if (seen !== undefined) {
        contacts[seen] = {
          ...(contacts[seen] as Contact),
          ...defined(result.contact),
          id: (contacts[seen] as Contact).id,
        };
        continue;
      }
      if (result.created) created++;
      if (input.email) pending.set(input.email, contacts.length);
      if (input.phone) pending.set(input.phone, contacts.length);
      contacts.push(result.contact);
    }
    if (contacts.length > 0)
      await this.commit(
        { op: 'contacts', contacts },
        ...carried.map((record) => ({ op: 'suppression' as const, record })),
      );
    return { created, updated: contacts.length - created };
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
    await this.commit({ op: 'consent', record });
    return record;
  }

  async recordInteraction(contact: Contact, type: EventType, at: Date, now: Date): Promise<Interaction> {
    const record: Interaction = {
      id: randomUUID(),
      contactId: contact.id,
      type,
      at: at.toISOString(),
      recordedAt: now.toISOString(),
    };
    await this.commit({ op: 'interaction', record });
    return record;
  }

  async addObjection(
    targets: Identifier[],
    scope: SuppressionScope,
    at: Date,
    origin: string,
    reason?: string,
  ): Promise<Suppression[]> {
    const records = targets.map((target): Suppression => {
      const hash = this.hash(target);
      const existing = this.db.data.suppressions[`${hash}:${scope}`];
      if (existing && existing.at >= at.toISOString()) return existing;
      return { hash, scope, at: at.toISOString(), origin, ...(reason ? { reason } : {}) };
    });
    await this.commit(...records.map((record) => ({ op: 'suppression' as const, record })));
    return records.map((record) => this.db.data.suppressions[`${record.hash}:${record.scope}`] ?? record);
  }

  async subjectFacts(target: Identifier): Promise<SubjectFacts> {
    const contact = await this.findContact(target);
    const identifiers: Identifier[] = [target];
    if (contact?.email && !(target.kind === 'email' && target.value === contact.email)) {
      identifiers.push({ kind: 'email', value: contact.email });
    }
    if (contact?.phone && !(target.kind === 'phone' && target.value === contact.phone)) {
      identifiers.push({ kind: 'phone', value: contact.phone });
    }
    const objections: Objection[] = identifiers.flatMap((id) =>
      (this.suppressionsOf.get(this.hash(id)) ?? []).map(({ scope, at }) => ({ scope, at })),
    );
    return {
      target,
      contact,
      consents: contact ? (this.consentsOf.get(contact.id) ?? []) : [],
      interactions: contact ? (this.interactionsOf.get(contact.id) ?? []) : [],
      objections,
    };
  }

  async logDecision(entry: Omit<DecisionLogEntry, 'id'>): Promise<void> {
    await this.commit({ op: 'decision', record: { id: randomUUID(), ...entry } });
  }

  async recentDecisions(askedBy: string, limit: number): Promise<DecisionLogEntry[]> {
    return (this.decisionsBy.get(askedBy) ?? []).slice(-limit).reverse();
  }

  async audit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.commit({ op: 'audit', record: { id: randomUUID(), ...entry } });
  }

  async auditTrail(filter: { actor?: string; action?: string } = {}): Promise<AuditEntry[]> {
    return this.db.data.audit.filter(
      (entry) =>
        (!filter.actor || entry.actor === filter.actor) && (!filter.action || entry.action === filter.action),
    );
  }

  async contactRecords(): Promise<ContactRecord[]> {
    return Object.values(this.db.data.contacts).map((contact) => ({
      contact,
      consents: this.consentsOf.get(contact.id) ?? [],
      interactions: this.interactionsOf.get(contact.id) ?? [],
    }));
  }

  async saveCampaign(campaign: Campaign): Promise<void> {
    await this.commit({ op: 'campaign', campaign: structuredClone(campaign) });
  }

  async findCampaign(id: string): Promise<Campaign | undefined> {
    const campaign = this.db.data.campaigns[id];
    return campaign ? structuredClone(campaign) : undefined;
  }

  async campaigns(): Promise<Campaign[]> {
    return Object.values(this.db.data.campaigns).map((c) => structuredClone(c));
  }

  async objectionsSince(at: Date): Promise<number> {
    const since = at.toISOString();
    let count = 0;
    for (const suppression of Object.values(this.db.data.suppressions)) if (suppression.at >= since) count++;
    return count;
  }

  hash(target: Identifier): string {
    return hashIdentifier(this.key, target);
  }

  async counts(): Promise<StoreCounts> {
    const data = this.db.data;
    return {
      contacts: Object.keys(data.contacts).length,
      consents: data.consents.length,
      interactions: data.interactions.length,
      suppressions: Object.keys(data.suppressions).length,
      decisions: data.decisions.length,
    };
  }

  async close(): Promise<void> {
    await this.compactions.catch(() => undefined);
    await this.journal.drain();
    if (!this.broken && this.journal.entries >= (this.options.compactAfterEntries ?? 5_000))
      await this.compact();
    await this.journal.close();
    await this.release?.();
    this.release = undefined;
  }
}
