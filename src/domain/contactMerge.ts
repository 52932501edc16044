import type { Contact, CustomerRelationship, Provenance } from './contacts.ts';

/** What a caller may set on a contact; fields left undefined keep their stored value. */
export type ContactChanges = Partial<
  Omit<Contact, 'id' | 'createdAt' | 'updatedAt' | 'provenance' | 'customer' | 'sources'>
> & {
  provenance?: Partial<Provenance>;
  customer?: Partial<CustomerRelationship>;
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
      const isNewSource =
        (given.source && given.source !== first.source) ||
        (given.detail && given.detail !== first.detail) ||
        (given.collectedAt && given.collectedAt !== first.collectedAt);
      if (isNewSource) {
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
 * An explicit edit (the contact's owner or a compliance role): the fields given replace the stored ones. An
 * edited provenance keeps the previous one in the sources, so nothing is silently lost.
 */
export function editContact(existing: Contact, changes: ContactChanges, now: Date): MergeOutcome {
  const { provenance, customer, ...fields } = changes;
  const contact: Contact = { ...existing };
  const changed: string[] = [];
  for (const [key, value] of Object.entries(defined(fields))) {
    if (same((existing as unknown as Record<string, unknown>)[key], value)) continue;
    (contact as unknown as Record<string, unknown>)[key] = value;
    changed.push(key);
  }
  if (provenance) {
    const next = { ...existing.provenance, ...defined(provenance) } as Provenance;
    if (!same(next, existing.provenance)) {
      if (existing.provenance) contact.sources = [...(existing.sources ?? []), existing.provenance];
      contact.provenance = next;
      changed.push(...Object.keys(defined(provenance)).map((key) => `provenance.${key}`));
    }
  }
  if (customer) {
    const next = { ...existing.customer, ...defined(customer) } as CustomerRelationship;
    if (!same(next, existing.customer)) {
      contact.customer = next;
      changed.push(...Object.keys(defined(customer)).map((key) => `customer.${key}`));
    }
  }
  if (changed.length > 0) contact.updatedAt = now.toISOString();
  return { contact, changed, kept: [] };
}
