import { editIdentifiers, type IdentifierEdits, newIdentifiers } from './contactIdentifiers.ts';
import { type Contact, type CustomerRelationship, defaultCollection, type Provenance } from './contacts.ts';
import { InputError } from './errors.ts';
import type { Identifier } from './identifiers.ts';

/** What a caller may set on a contact; fields left undefined keep their stored value. */
export type ContactChanges = Partial<
  Omit<
    Contact,
    | 'id'
    | 'createdAt'
    | 'updatedAt'
    | 'provenance'
    | 'customer'
    | 'sources'
    | 'otherEmails'
    | 'otherPhones'
    | 'formerHashes'
  >
> & {
  provenance?: Partial<Provenance>;
  /** Which collection an edit of `provenance` changes: 0 (the default) the first, N the Nth later source. */
  provenanceEntry?: number;
  customer?: Partial<CustomerRelationship>;
  /** Addresses and numbers added or replaced by an edit. */
  identifiers?: IdentifierEdits;
};

/** A change to a contact, and which fields it changed or, when adding, left alone because they were known. */
export interface MergeOutcome {
  contact: Contact;
  changed: string[];
  kept: string[];
}

/** A copy with the fields that have a value: a field given as undefined is a field not given. */
export function defined<T extends object>(value: T | undefined): Partial<T> {
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined && Object.hasOwn(value, key)) copy[key] = field;
  }
  return copy as Partial<T>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Adding what is already known never rewrites it (GDPR art. 5(2): the register keeps its history): the fields
 * given fill the empty ones; a known field given another value is left alone and reported. A new source of the
 * same person is appended to its sources, the first collection stays (so an import never restarts the retention
 * clock). A later purchase is news, not a rewrite: it moves the last purchase forward.
 */
export function fillContact(
  existing: Contact | undefined,
  changes: ContactChanges,
  now: Date,
  id: string,
): MergeOutcome {
  const at = now.toISOString();
  if (!existing) {
    const given = defined(changes);
    const contact = { ...given, id, createdAt: at, updatedAt: at } as Contact;
    if (contact.provenance) contact.provenance = defined(contact.provenance) as Provenance;
    if (contact.customer) contact.customer = defined(contact.customer) as CustomerRelationship;
    return { contact, changed: Object.keys(given), kept: [] };
  }
  const { provenance, customer, ...fields } = changes;
  const contact: Contact = { ...existing };
  const changed: string[] = [];
  const kept: string[] = [];
  for (const [key, value] of Object.entries(defined(fields))) {
    const current = (existing as unknown as Record<string, unknown>)[key];
    if (current === undefined) {
      (contact as unknown as Record<string, unknown>)[key] = value;
      changed.push(key);
    } else if (!same(current, value)) kept.push(key);
  }
  if (provenance) {
    const given = defined(provenance);
    const first = existing.provenance;
    if (!first) {
      contact.provenance = given as Provenance;
      changed.push('provenance');
    } else {
      // The same collection told again is not a new source: a re-import of one file, the same list bought
      // again. Its date counts only for a source of the person's own (a form filled in again is news: it
      // restarts her prospect clock); an indirect source's date is only when we received it.
      const sameAs = (known: Provenance) =>
        (!given.source || given.source === known.source) &&
        (given.detail ?? known.detail) === known.detail &&
        (!given.collectedAt ||
          given.collectedAt === known.collectedAt ||
          defaultCollection(known.source) === 'indirect');
      if (![first, ...(existing.sources ?? [])].some(sameAs)) {
        contact.sources = [...(existing.sources ?? []), { ...first, ...given } as Provenance];
        changed.push('sources');
      }
      if (!first.informedAt && given.informedAt) {
        contact.provenance = { ...first, informedAt: given.informedAt };
        changed.push('provenance.informedAt');
      }
    }
  }
  if (customer) {
    const given = defined(customer);
    const current: Partial<CustomerRelationship> = existing.customer ?? {};
    const next: Partial<CustomerRelationship> = { ...current };
    for (const [key, value] of Object.entries(given) as [keyof CustomerRelationship, unknown][]) {
      if (key === 'lastPurchaseAt' && current.lastPurchaseAt && (value as string) > current.lastPurchaseAt) {
        next.lastPurchaseAt = value as string;
        changed.push('customer.lastPurchaseAt');
      } else if (
        current[key] === undefined ||
        (Array.isArray(current[key]) && (current[key] as unknown[]).length === 0)
      ) {
        (next as Record<string, unknown>)[key] = value;
        changed.push(`customer.${key}`);
      } else if (!same(current[key], value)) kept.push(`customer.${key}`);
    }
    contact.customer = next as CustomerRelationship;
  }
  if (changed.length > 0) contact.updatedAt = at;
  return { contact, changed, kept };
}

/**
 * An explicit edit (the contact's owner or a compliance role) changes exactly the fields given, and says which
 * changed. A provenance field edits one collection (the first, unless `provenanceEntry` names a later source)
 * and keeps its other fields; a new source type drops the old one's detail. Identifiers are added or replaced
 * (domain/contactIdentifiers.ts). The previous values stay in the audit trail's order of changes, not in
 * `sources`, which holds only real later collections.
 */
export function editContact(existing: Contact, changes: ContactChanges, now: Date): MergeOutcome {
  const { provenance, customer, identifiers, provenanceEntry, ...fields } = changes;
  let contact: Contact = { ...existing };
  const changed: string[] = [];
  for (const [key, value] of Object.entries(defined(fields))) {
    if (same((existing as unknown as Record<string, unknown>)[key], value)) continue;
    (contact as unknown as Record<string, unknown>)[key] = value;
    changed.push(key);
  }
  if (provenance) editProvenance(contact, provenance, provenanceEntry ?? 0, changed);
  if (customer) {
    const current: Partial<CustomerRelationship> = existing.customer ?? {};
    const given = defined(customer);
    const keys = (Object.keys(given) as (keyof CustomerRelationship)[]).filter(
      (key) => !same(current[key], given[key]),
    );
    if (keys.length > 0) contact.customer = { ...current, ...given } as CustomerRelationship;
    changed.push(...keys.map((key) => `customer.${key}`));
  }
  if (identifiers) {
    const edited = editIdentifiers(contact, identifiers);
    contact = edited.contact;
    changed.push(...edited.changed.filter((field) => !changed.includes(field)));
  }
  if (changed.length > 0) contact.updatedAt = now.toISOString();
  return { contact, changed, kept: [] };
}

/** The addresses and numbers an edit gives a contact that it does not hold yet: no other contact may hold them. */
export function identifiersGiven(existing: Contact, changes: ContactChanges): Identifier[] {
  const main: Identifier[] = [
    ...(changes.email ? [{ kind: 'email' as const, value: changes.email }] : []),
    ...(changes.phone ? [{ kind: 'phone' as const, value: changes.phone }] : []),
  ];
  return [...main, ...newIdentifiers(existing, changes.identifiers ?? {})];
}

/** One collection of a contact: 0 is the first (`provenance`), N the Nth later source. */
export function collectionOf(contact: Contact, entry: number): Provenance | undefined {
  return entry === 0 ? contact.provenance : contact.sources?.[entry - 1];
}

/** Edits one collection of `contact` in place: 0 is the first (`provenance`), N the Nth later source. */
function editProvenance(
  contact: Contact,
  given: Partial<Provenance>,
  entry: number,
  changed: string[],
): void {
  const current = collectionOf(contact, entry);
  if (entry > 0 && !current)
    throw new InputError('unknown_source_entry', { field: 'sourceEntry', value: String(entry + 1) });
  const next = { ...current, ...defined(given) } as Provenance;
  if (current && given.source && given.source !== current.source && !given.detail) delete next.detail;
  const keys = [...new Set([...Object.keys(next), ...Object.keys(current ?? {})])].filter(
    (key) => !same(current?.[key as keyof Provenance], next[key as keyof Provenance]),
  );
  if (keys.length === 0) return;
  const prefix = entry === 0 ? 'provenance' : `sources.${entry}`;
  changed.push(...keys.map((key) => `${prefix}.${key}`));
  if (entry === 0) contact.provenance = next;
  else contact.sources = (contact.sources ?? []).map((source, i) => (i === entry - 1 ? next : source));
}
