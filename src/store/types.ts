import type { Campaign } from '../domain/campaign.ts';
import type { BatchChange, SaveOutcome } from '../domain/contactBatch.ts';
import type { JoinOutcome } from '../domain/contactJoin.ts';
import type { ContactChanges } from '../domain/contactMerge.ts';
import type {
  Channel,
  ConsentProof,
  ConsentRecord,
  Contact,
  EventType,
  Interaction,
  SubjectFacts,
  Suppression,
  SuppressionScope,
} from '../domain/contacts.ts';
import type { Identifier } from '../domain/identifiers.ts';
import type { Documents } from './documents.ts';
import type { Installations } from './installations.ts';
import type { DecisionStats, HourCount } from './statTypes.ts';

export type { BatchChange, DecisionStats, HourCount, SaveOutcome };

/** What a caller may set on a contact; fields left undefined keep their stored value (domain/contactMerge.ts). */
export type ContactInput = ContactChanges;

/** An audit entry as its author writes it; the store gives it its id and chains it. */
export type AuditDraft = Omit<AuditEntry, 'id' | 'prev' | 'hash'>;

/** The audit entry of one change of a batch, if it gets one. */
export type BatchAudit = (change: BatchChange) => AuditDraft | undefined;

export interface ConsentInput {
  channel: Channel;
  purpose: string;
  action: 'grant' | 'withdraw';
  at: Date;
  until?: Date;
  slot?: { start: string; end: string };
  proof: ConsentProof;
}

/** One objection of a suppression list: a person we can name, or one another tool gave us only hashed. */
export type ObjectionInput = { scope: SuppressionScope; at: Date } & (
  | { target: Identifier }
  | { foreign: string }
);

/**
 * A lease held: its fencing token grows by one with each new holder, so a holder that lost it (its connection
 * died, another replica took over) is told by `check()` (LeaseLost) before it acts again.
 */
export interface Lease {
  readonly name: string;
  readonly token: number;
  check(): Promise<void>;
}

/** One question and its answer, with the person only as a keyed hash (privacy by design). */
export interface DecisionLogEntry {
  id: string;
  askedAt: string;
  askedBy: string;
  channel: Channel;
  targetHash: string;
  verdict: string;
  rules: string[];
  policyRevision: string;
  decidedFor: string;
  /** e.g. a…e@corp.fr: lets people find their own recent questions without the log holding the address. */
  targetMasked?: string;
}

/** Who did (or tried to do) what: consent recorded, contact viewed, a forged button refused… */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  outcome: 'done' | 'refused';
  targetHash?: string;
  detail?: string;
  /** The hash of the entry before (the chain: nothing can be removed or altered unseen), and this entry's own. */
  prev?: string;
  hash?: string;
}

export interface PurgeRequest {
  contactIds?: string[];
  consentIds?: string[];
  decisionHashes?: string[];
}

export interface PurgeResult {
  contacts: number;
  consents: number;
  interactions: number;
  decisions: number;
}

/** One contact with everything recorded about it (deadline scans, App Home counts). */
export interface ContactRecord {
  contact: Contact;
  consents: ConsentRecord[];
  interactions: Interaction[];
}

export interface StoreCounts {
  contacts: number;
  consents: number;
  interactions: number;
  suppressions: number;
  decisions: number;
}

/** What an update of contacts reads first: the contacts with these ids, and those holding these addresses or numbers. */
export interface ContactKeys {
  ids?: string[];
  identifiers?: string[];
}

/** The contacts an update's keys reach, as they are under the store's lock (or in its transaction). */
export interface CurrentContacts {
  byId(id: string): Contact | undefined;
  /** The contact holding this address or number (one of its current identifiers). */
  holding(value: string): Contact | undefined;
}

/** What an update writes, all at once: contacts whole, a record joined into another, audit entries; and its answer. */
export interface ContactsUpdate<T> {
  /** Each contact written whole, with what it was before (undefined: a new one); objections carried from both. */
  written: Array<[before: Contact | undefined, after: Contact]>;
  /** A record joined into the first one written: removed, its consents and events moved (domain/contactJoin.ts). */
  joined?: string;
  /** Audit entries written with the contacts (chained): recorded together, or neither (an import). */
  audit?: AuditDraft[];
  result: T;
}

/** The people: contacts added, filled, edited and joined, read one by one or a page at a time. */
export interface ContactStore {
  findContact(target: Identifier): Promise<Contact | undefined>;
  contactById(id: string): Promise<Contact | undefined>;
  /**
   * The one way contacts change: reads the contacts `keys` reach under the store's lock (or transaction), asks
   * `change` (pure: the domain's rules) what to write, and writes it with the objections the contacts' new
   * identifiers carry (domain/carriedObjections.ts) in one durable write. Like lowdb's `update(fn)`.
   */
  updateContacts<T>(keys: ContactKeys, change: (current: CurrentContacts) => ContactsUpdate<T>): Promise<T>;
  /**
   * Adds the contact reached at the input's email or phone, or fills the empty fields of the known one: never
   * rewrites what is known (see domain/contactMerge.ts); says what it changed and what it left alone.
   */
  saveContact(input: ContactInput, now: Date): Promise<SaveOutcome>;
  /** An explicit edit: the fields given replace the stored ones (the caller checked who may edit). */
  editContact(id: string, changes: ContactInput, now: Date): Promise<SaveOutcome>;
  /**
   * Joins two records of one person (domain/contactJoin.ts): `kept` takes the identifiers, sources, consents
   * and events of `gone`, which is removed; objections match on every identifier of both.
   */
  mergeContacts(keptId: string, goneId: string, now: Date): Promise<JoinOutcome>;
  /**
   * Many contacts in one durable write (imports), each created or filled as `saveContact` does; `updated` counts
   * the known contacts that changed. `audit` gives the entry of each contact created or changed, written in the
   * same write: the contacts and their audit entries are recorded together, or neither is.
   */
  saveContacts(
    inputs: ContactInput[],
    now: Date,
    audit?: BatchAudit,
  ): Promise<{ created: number; updated: number }>;
  contactRecords(): Promise<ContactRecord[]>;
  /** Every contact with its records, a page at a time in the order they were added: scans of a large register. */
  contactPages(size?: number): AsyncIterable<ContactRecord[]>;
  /** One contact with its consents and interactions. */
  contactRecord(id: string): Promise<ContactRecord | undefined>;
}

/** What is recorded about people, kept under keyed hashes: consents, events, objections, and their purge. */
export interface RecordStore {
  /** The keyed hash a person's records and objections are kept under (store/key.ts). */
  hash(target: Identifier): string;
  recordConsent(contact: Contact, input: ConsentInput, now: Date): Promise<ConsentRecord>;
  recordInteraction(contact: Contact, type: EventType, at: Date, now: Date): Promise<Interaction>;
  /** Suppresses every identifier given (a contact's email and phone alike); survives deletion of the contact. */
  addObjection(
    targets: Identifier[],
    scope: SuppressionScope,
    at: Date,
    origin: string,
    reason?: string,
  ): Promise<Suppression[]>;
  /**
   * Many objections in one write (a suppression list), each with its own scope and date: under the keyed hash of
   * an identifier, or under another tool's unkeyed hash of one (`foreign`: domain/foreignHashes.ts foreignKey),
   * matched when a person is looked up. Returns the entries as stored (one told again keeps its first date).
   */
  addObjections(objections: ObjectionInput[], origin: string, reason?: string): Promise<Suppression[]>;
  subjectFacts(target: Identifier): Promise<SubjectFacts>;
  /** The same for many people, in the order asked (a store over the network reads them at once). */
  subjectFactsMany?(targets: Identifier[]): Promise<SubjectFacts[]>;
  /** How many objections (suppression entries) were recorded since `at`. */
  objectionsSince(at: Date): Promise<number>;
  /** The same from `since` to `until` (whole UTC hours), per hour of each entry's latest date, withdrawals apart. */
  objectionStats(since: Date, until: Date): Promise<HourCount[]>;
  /** The suppression entries and logged decisions about these keyed hashes (access requests). */
  recordsAbout(hashes: string[]): Promise<{ suppressions: Suppression[]; decisions: DecisionLogEntry[] }>;
  /**
   * Deletes contacts (with their consents and interactions), single consent records, and decision-log entries
   * about the given hashes. Suppression entries stay: they keep objections honoured. Counts are kept.
   */
  purge(what: PurgeRequest): Promise<PurgeResult>;
  purgedTotals(): Promise<PurgeResult>;
  counts(): Promise<StoreCounts>;
}

/** The questions asked and their answers, with the person as a keyed hash. */
export interface DecisionLog {
  logDecision(entry: Omit<DecisionLogEntry, 'id'>): Promise<void>;
  /** Many decisions in one write (a batch of questions): all logged, or none. */
  logDecisions(entries: Omit<DecisionLogEntry, 'id'>[]): Promise<void>;
  /** The latest questions one user asked, newest first. */
  recentDecisions(askedBy: string, limit: number): Promise<DecisionLogEntry[]>;
  /** The questions asked from `since` to `until` (whole UTC hours), counted per hour: never the log's rows. */
  decisionStats(since: Date, until: Date): Promise<DecisionStats>;
}

/** Who did what, chained so that nothing is removed or altered unseen (store/auditChain.ts). */
export interface AuditTrail {
  /** Appends to the audit trail, chained to the entry before it. */
  audit(entry: AuditDraft): Promise<void>;
  auditTrail(filter?: { actor?: string; action?: string }): Promise<AuditEntry[]>;
  /** The newest `n` entries, newest first, read without the rest of the trail (App Home's lines). */
  auditTail(n: number): Promise<AuditEntry[]>;
}

export interface CampaignStore {
  saveCampaign(campaign: Campaign): Promise<void>;
  findCampaign(id: string): Promise<Campaign | undefined>;
  campaigns(): Promise<Campaign[]>;
}

/** What the processes on one register agree on: deliveries claimed once, leases, reminders sent, changes heard. */
export interface Coordination {
  /**
   * Claims `key` (a Slack event or trigger id) for `ttlMs`: true for the first claim, false for a repeat, across
   * every replica on the register. Slack redelivers what it thinks failed; it is handled once.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Runs `work` while holding the lease `name`: one at a time across every replica on the register (a retention
   * run). A replica that dies holding it lets the next one in; one cut off from the database while still running
   * learns it from `lease.check()` and from the writes fenced with the lease, which are then refused.
   */
  exclusive<T>(name: string, work: (lease: Lease) => Promise<T>): Promise<T>;
  remindersSent(): Promise<ReadonlySet<string>>;
  /** Records reminders as posted; with a lease, only while it is still held (its fencing token is current). */
  markReminders(keys: string[], at: Date, lease?: Lease): Promise<void>;
  /**
   * Tells `listener` which contacts each change touched (`all` when the register was reloaded), so what is
   * derived from contacts (their deadlines) is kept up to date instead of computed again. Returns how to stop.
   */
  onContactsChanged(listener: (ids: string[] | 'all') => void): () => void;
}

/** Settings kept beside the register rather than facts about people. */
export interface DocumentStore {
  /** API keys, webhooks and their deliveries, kept lists, by collection name ([a-z-]+). */
  documents<T>(collection: string): Documents<T>;
  /** The workspaces' installations (many workspaces), beside the default register: a file, or a table. */
  installations(): Installations;
}

/**
 * The consent register, by roles: each use case can ask for the roles it uses; the app's context holds them all.
 * Three stores keep it (memory, file, PostgreSQL), which is why every method is async. Records are append-only
 * except contacts, which are replaced whole. The law (which objections a contact carries, how a batch fills
 * contacts) is the domain's: the stores only read and write.
 */
export interface Store
  extends ContactStore,
    RecordStore,
    DecisionLog,
    AuditTrail,
    CampaignStore,
    Coordination,
    DocumentStore {
  readonly location: string;
  close(): Promise<void>;
}
