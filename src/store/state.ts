import type { Campaign } from '../domain/campaign.ts';
import {
  type ConsentRecord,
  type Contact,
  type Interaction,
  objectionDates,
  renewObjection,
  type Suppression,
  suppressionKey,
} from '../domain/contacts.ts';
import { isForeignKey } from '../domain/foreignHashes.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';
import { LogStats } from './logStats.ts';
import { STORE_FORMAT, STORE_VERSION, type StoreData } from './snapshot.ts';
import type { AuditEntry, DecisionLogEntry, PurgeRequest, PurgeResult, StoreCounts } from './types.ts';

/** One change to the register: what the journal holds, line by line, and what `apply` replays. */
export type Op =
  | { op: 'contact'; contact: Contact }
  | { op: 'contacts'; contacts: Contact[] }
  | { op: 'consent'; record: ConsentRecord }
  | { op: 'interaction'; record: Interaction }
  | { op: 'suppression'; record: Suppression }
  | { op: 'decision'; record: DecisionLogEntry }
  | { op: 'decisions'; records: DecisionLogEntry[] }
  | { op: 'audit'; record: AuditEntry }
  | { op: 'audits'; records: AuditEntry[] }
  | { op: 'campaign'; campaign: Campaign }
  | { op: 'purge'; request: PurgeRequest }
  /** Two records of one person joined: `contact` (the kept one, joined) takes the records of `gone`. */
  | { op: 'merge'; contact: Contact; gone: string }
  | { op: 'reminders'; keys: string[]; at: string };

/** A register with nothing in it, for a hash key (whose check the data keeps). */
export function emptyData(keyCheck: string): StoreData {
  return {
    format: STORE_FORMAT,
    version: STORE_VERSION,
    seq: 0,
    keyCheck,
    contacts: new Map(),
    consents: [],
    interactions: [],
    suppressions: new Map(),
    decisions: [],
    audit: [],
    campaigns: {},
    reminders: new Map(),
    purged: { contacts: 0, consents: 0, interactions: 0, decisions: 0 },
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The register in memory: the data and its indexes (by email, phone, contact, identifier hash, asker). Every
 * change goes through `apply`, which is idempotent, so replaying a journal over a newer snapshot is harmless.
 * It knows nothing of files: the memory store uses it alone, the file store adds durability around it.
 */
export class StoreState {
  readonly byEmail = new Map<string, string>();
  readonly byPhone = new Map<string, string>();
  readonly consentsOf = new Map<string, ConsentRecord[]>();
  readonly interactionsOf = new Map<string, Interaction[]>();
  readonly suppressionsOf = new Map<string, Suppression[]>();
  readonly decisionsBy = new Map<string, DecisionLogEntry[]>();
  /** Whether an objection is kept under another tool's hash: only then are people's such hashes computed. */
  holdsForeign = false;
  /** The decision log and objections counted per hour (the console's overview). */
  readonly stats = new LogStats();
  private readonly recordIds = new Set<string>();

  constructor(readonly data: StoreData) {
    for (const contact of data.contacts.values()) this.indexContact(contact, undefined);
    for (const record of data.consents) push(this.consentsOf, record.contactId, record);
    for (const record of data.interactions) push(this.interactionsOf, record.contactId, record);
    for (const record of data.suppressions.values()) this.indexSuppression(record);
    for (const record of data.decisions) {
      push(this.decisionsBy, record.askedBy, record);
      this.stats.decision(record);
    }
    for (const record of [...data.consents, ...data.interactions, ...data.decisions, ...data.audit])
      this.recordIds.add(record.id);
  }

  contactId(target: Identifier): string | undefined {
    return target.kind === 'email' ? this.byEmail.get(target.value) : this.byPhone.get(target.value);
  }

  private indexOf(kind: Identifier['kind']): Map<string, string> {
    return kind === 'email' ? this.byEmail : this.byPhone;
  }

  /** Every current identifier of a contact points to it; those it no longer has point nowhere. */
  private indexContact(contact: Contact, previous: Contact | undefined): void {
    if (previous) this.unindex(previous);
    for (const id of identifiersOf(contact)) this.indexOf(id.kind).set(id.value, contact.id);
  }

  /** The identifiers of a contact no longer point to it (those another contact took since are left alone). */
  private unindex(contact: Contact): void {
    for (const id of identifiersOf(contact))
      if (this.indexOf(id.kind).get(id.value) === contact.id) this.indexOf(id.kind).delete(id.value);
  }

  /** Applies one change; returns what a purge removed. */
  apply(entry: Op): PurgeResult | undefined {
    const data = this.data;
    switch (entry.op) {
      case 'contact':
      case 'contacts':
        for (const contact of entry.op === 'contact' ? [entry.contact] : entry.contacts) {
          this.indexContact(contact, data.contacts.get(contact.id));
          data.contacts.set(contact.id, contact);
        }
        return;
      case 'consent':
      case 'interaction':
      case 'decision':
      case 'audit':
        return this.applyRecord(entry);
      case 'decisions':
        for (const record of entry.records) this.applyRecord({ op: 'decision', record });
        return;
      case 'audits':
        for (const record of entry.records) this.applyRecord({ op: 'audit', record });
        return;
      case 'campaign':
        data.campaigns[entry.campaign.id] = entry.campaign;
        return;
      case 'reminders':
        for (const key of entry.keys) if (!data.reminders.has(key)) data.reminders.set(key, entry.at);
        return;
      case 'purge':
        return this.applyPurge(entry.request);
      case 'merge':
        return this.applyMerge(entry.contact, entry.gone);
      case 'suppression':
        return this.applySuppression(entry.record);
    }
  }

  private applyRecord(
    entry: Extract<Op, { op: 'consent' | 'interaction' | 'decision' | 'audit' }>,
  ): undefined {
    if (this.recordIds.has(entry.record.id)) return;
    this.recordIds.add(entry.record.id);
    if (entry.op === 'consent') {
      this.data.consents.push(entry.record);
      push(this.consentsOf, entry.record.contactId, entry.record);
    } else if (entry.op === 'interaction') {
      this.data.interactions.push(entry.record);
      push(this.interactionsOf, entry.record.contactId, entry.record);
    } else if (entry.op === 'decision') {
      this.data.decisions.push(entry.record);
      push(this.decisionsBy, entry.record.askedBy, entry.record);
      this.stats.decision(entry.record);
    } else {
      this.data.audit.push(entry.record);
    }
  }

  /**
   * A repeated objection keeps its first date; the later ones join its history (domain renewObjection). A
   * withdrawal has a key of its own (its purpose), so it never renews an objection nor is renewed by one.
   */
  private applySuppression(record: Suppression): undefined {
    const key = suppressionKey(record);
    const existing = this.data.suppressions.get(key);
    if (!existing) {
      this.data.suppressions.set(key, record);
      this.indexSuppression(record);
      return;
    }
    const renewed = renewObjection(existing, record);
    if (!renewed) return;
    this.data.suppressions.set(key, renewed);
    if (renewed.kind !== 'withdrawal') {
      this.stats.objection(objectionDates(existing).at(-1), -1);
      this.stats.objection(objectionDates(renewed).at(-1));
    }
    const list = this.suppressionsOf.get(record.hash) ?? [];
    this.suppressionsOf.set(
      record.hash,
      list.map((s) => (suppressionKey(s) === key ? renewed : s)),
    );
  }

  private indexSuppression(record: Suppression): void {
    push(this.suppressionsOf, record.hash, record);
    if (record.kind !== 'withdrawal') this.stats.objection(objectionDates(record).at(-1));
    if (isForeignKey(record.hash)) this.holdsForeign = true;
  }

  /** Moves the consents and events of `goneId` to the kept contact, then drops `goneId`; idempotent. */
  private applyMerge(contact: Contact, goneId: string): undefined {
    const data = this.data;
    const gone = data.contacts.get(goneId);
    if (gone) this.unindex(gone);
    data.contacts.delete(goneId);
    const moved = <T extends { contactId: string }>(r: T): T =>
      r.contactId === goneId ? { ...r, contactId: contact.id } : r;
    if (this.consentsOf.has(goneId)) {
      data.consents = data.consents.map(moved);
      this.consentsOf.delete(goneId);
      this.consentsOf.set(
        contact.id,
        data.consents.filter((c) => c.contactId === contact.id),
      );
    }
    if (this.interactionsOf.has(goneId)) {
      data.interactions = data.interactions.map(moved);
      this.interactionsOf.delete(goneId);
      this.interactionsOf.set(
        contact.id,
        data.interactions.filter((i) => i.contactId === contact.id),
      );
    }
    this.indexContact(contact, data.contacts.get(contact.id));
    data.contacts.set(contact.id, contact);
    return undefined;
  }

  /** Removes what a purge names; idempotent (replaying it removes nothing more and counts nothing more). */
  private applyPurge(request: PurgeRequest): PurgeResult {
    const data = this.data;
    const contactIds = new Set((request.contactIds ?? []).filter((id) => data.contacts.has(id)));
    const consentIds = new Set(request.consentIds ?? []);
    const hashes = new Set(request.decisionHashes ?? []);
    const removed = { contacts: contactIds.size, consents: 0, interactions: 0, decisions: 0 };
    for (const id of contactIds) {
      this.unindex(data.contacts.get(id) as Contact);
      data.contacts.delete(id);
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
      for (const d of data.decisions) if (hashes.has(d.targetHash)) this.stats.decision(d, -1);
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

  auditTrail(filter: { actor?: string; action?: string }): AuditEntry[] {
    return this.data.audit.filter(
      (entry) =>
        (!filter.actor || entry.actor === filter.actor) && (!filter.action || entry.action === filter.action),
    );
  }

  /** How many objections (suppression entries, withdrawals apart) were recorded since `at`. */
  objectionsSince(at: Date): number {
    const since = at.toISOString();
    let count = 0;
    for (const suppression of this.data.suppressions.values())
      if (suppression.kind !== 'withdrawal' && (objectionDates(suppression).at(-1) as string) >= since)
        count++;
    return count;
  }

  counts(): StoreCounts {
    const data = this.data;
    return {
      contacts: data.contacts.size,
      consents: data.consents.length,
      interactions: data.interactions.length,
      suppressions: data.suppressions.size,
      decisions: data.decisions.length,
    };
  }
}
