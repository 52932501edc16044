import { randomBytes, randomUUID } from 'node:crypto';
import type { Campaign } from '../domain/campaign.ts';
import type { JoinOutcome } from '../domain/contactJoin.ts';
import {
  type ConsentRecord,
  type Contact,
  type EventType,
  type Interaction,
  type SubjectFacts,
  type Suppression,
  type SuppressionScope,
  suppressionKey,
} from '../domain/contacts.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';
import { chained } from './auditChain.ts';
import { ChangeListeners, type ContactsListener } from './changes.ts';
import { editOne, joinTwo, saveMany, saveOne } from './contactUpdate.ts';
import { type Documents, MemoryDocuments, Shelf } from './documents.ts';
import { NotRecordedError, StoreError } from './errors.ts';
import { DocumentInstallations, type Installations } from './installations.ts';
import { hashIdentifier, keyCheck } from './key.ts';
import { LocalLeases } from './localLeases.ts';
import { StateReads } from './memoryReads.ts';
import { subjectFacts } from './reads.ts';
import { consentRecord, interactionRecord, objectionRecords, withdrawalsOf } from './records.ts';
import type { StoreData } from './snapshot.ts';
import { emptyData, type Op, StoreState } from './state.ts';
import { carriedOps, currentContacts, updateOps } from './stateOps.ts';
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
} from './types.ts';

/**
 * The register in memory, with nothing on disk (like lowdb's `Memory` adapter): for tests and tools. The file
 * store is this plus durability: it overrides `persist`, which every change awaits before it is acknowledged.
 */
export class MemoryStore extends StateReads implements Store {
  protected state: StoreState;
  /** Set when a change could not be made durable: memory is ahead of the disk, so nothing more is accepted. */
  protected broken?: Error;

  constructor(
    readonly location: string = ':memory:',
    protected readonly key: Buffer = randomBytes(32),
    data?: StoreData,
  ) {
    super();
    this.state = new StoreState(data ?? emptyData(keyCheck(key)));
  }

  /** Makes changes already applied in memory durable; nothing to do in memory. */
  protected async persist(_entries: Array<Op & { seq: number }>): Promise<void> {}

  /**
   * Applies changes now (so the next question sees them) and resolves once they are durable, with what each
   * change did (a purge's counts).
   */
  protected async commit(...ops: Op[]): Promise<(PurgeResult | undefined)[]> {
    if (this.broken) throw this.broken;
    if (this.recovering) await this.recovering;
    const results = ops.map((op) => this.state.apply(op));
    this.changes.applied(ops);
    const entries = ops.map((op) => ({ seq: ++this.data.seq, ...op }));
    try {
      await this.persist(entries);
    } catch (error) {
      // Not acknowledged: memory goes back to what the disk holds, and the caller is told it was not recorded.
      this.recovering ??= this.recover().finally(() => {
        this.recovering = undefined;
      });
      await this.recovering;
      throw new NotRecordedError((error as Error).message);
    }
    return results;
  }

  private recovering?: Promise<void>;
  protected readonly changes = new ChangeListeners();

  onContactsChanged(listener: ContactsListener): () => void {
    return this.changes.add(listener);
  }

  /** After a failed write: bring memory back to what is durable. Memory alone has nothing to go back to. */
  protected async recover(): Promise<void> {
    this.broken = new StoreError('the store could not be written; restart prospect-guard');
  }

  hash(target: Identifier): string {
    return hashIdentifier(this.key, target);
  }

  async contactById(id: string): Promise<Contact | undefined> {
    return this.data.contacts.get(id);
  }

  async findContact(target: Identifier): Promise<Contact | undefined> {
    const id = this.state.contactId(target);
    return id ? this.data.contacts.get(id) : undefined;
  }

  async updateContacts<T>(
    _keys: ContactKeys,
    change: (current: CurrentContacts) => ContactsUpdate<T>,
  ): Promise<T> {
    // Read, decided and applied with no wait between: nothing else changes the register in memory meanwhile.
    const update = change(this.current);
    const ops = updateOps(this.state, update, (id) => this.hash(id));
    if (ops.length > 0) await this.commit(...ops);
    return update.result;
  }

  private readonly current = currentContacts(() => this.state);

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
    // A withdrawal is also remembered on every identifier of the person, in the same write (records.ts).
    const hashes = identifiersOf(contact).map((id) => this.hash(id));
    const withdrawals = withdrawalsOf(record, hashes).map((w) => ({ op: 'suppression' as const, record: w }));
    await this.commit({ op: 'consent', record }, ...withdrawals);
    return record;
  }

  async recordInteraction(contact: Contact, type: EventType, at: Date, now: Date): Promise<Interaction> {
    const record = interactionRecord(contact, type, at, now);
    await this.commit({ op: 'interaction', record });
    return record;
  }

  addObjection(targets: Identifier[], scope: SuppressionScope, at: Date, origin: string, reason?: string) {
    const objections = targets.map((target) => ({ target, scope, at }));
    return this.addObjections(objections, origin, reason);
  }

  async addObjections(objections: ObjectionInput[], origin: string, reason?: string): Promise<Suppression[]> {
    // An objection told again keeps its first date and adds this one to its history (StoreState).
    const records = objectionRecords(objections, (id) => this.hash(id), origin, reason);
    if (records.length > 0)
      await this.commit(...records.map((record) => ({ op: 'suppression' as const, record })));
    return records.map((record) => this.data.suppressions.get(suppressionKey(record)) ?? record);
  }

  async subjectFacts(target: Identifier): Promise<SubjectFacts> {
    return subjectFacts(this.state, target, (id) => this.hash(id));
  }

  async logDecision(entry: Omit<DecisionLogEntry, 'id'>): Promise<void> {
    await this.commit({ op: 'decision', record: { id: randomUUID(), ...entry } });
  }

  async logDecisions(entries: Omit<DecisionLogEntry, 'id'>[]): Promise<void> {
    if (entries.length)
      await this.commit({ op: 'decisions', records: entries.map((e) => ({ id: randomUUID(), ...e })) });
  }

  async audit(entry: AuditDraft): Promise<void> {
    const last = this.data.audit[this.data.audit.length - 1];
    await this.commit({ op: 'audit', record: chained(last, { id: randomUUID(), ...entry }) });
  }

  async purge(request: PurgeRequest): Promise<PurgeResult> {
    // Objections stay on each identifier of a purged person, former ones too (domain/carriedObjections.ts).
    const gone = (request.contactIds ?? []).flatMap((id) => this.data.contacts.get(id) ?? []);
    const carried = carriedOps(
      this.state,
      gone.map((c) => [c, c]),
      (id) => this.hash(id),
    );
    const removed = (await this.commit(...carried, { op: 'purge', request })).at(-1);
    return removed as PurgeResult;
  }

  async remindersSent(): Promise<ReadonlySet<string>> {
    return new Set(this.data.reminders.keys());
  }

  /** In journal entries of 5,000 keys: a run that reminds about 100,000 deadlines never holds the app long. */
  async markReminders(keys: string[], at: Date, lease?: Lease): Promise<void> {
    await lease?.check();
    for (let i = 0; i < keys.length; i += 5000)
      await this.commit({ op: 'reminders', keys: keys.slice(i, i + 5000), at: at.toISOString() });
  }

  async saveCampaign(campaign: Campaign): Promise<void> {
    await this.commit({ op: 'campaign', campaign: structuredClone(campaign) });
  }

  async findCampaign(id: string): Promise<Campaign | undefined> {
    const campaign = this.data.campaigns[id];
    return campaign ? structuredClone(campaign) : undefined;
  }

  async campaigns(): Promise<Campaign[]> {
    return Object.values(this.data.campaigns).map((c) => structuredClone(c));
  }

  /** One process holds a file or memory store: claims and leases are this process's. */
  private readonly local = new LocalLeases();

  private readonly shelf = new Shelf(() => new MemoryDocuments());
  documents<T>(collection: string): Documents<T> {
    return this.shelf.open<T>(collection);
  }

  private readonly installed: Installations = new DocumentInstallations(new MemoryDocuments());
  installations(): Installations {
    return this.installed;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.local.claim(key, ttlMs);
  }

  async exclusive<T>(name: string, work: (lease: Lease) => Promise<T>): Promise<T> {
    return this.local.exclusive(name, work);
  }

  /** Everything the register holds, as it is in memory: read by `store copy`, never to be changed. */
  exportData(): Readonly<StoreData> {
    return this.data;
  }

  async close(): Promise<void> {}
}
