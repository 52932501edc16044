import type { Contact, CustomerRelationship, Provenance } from './contacts.ts';

/** What a caller may set on a contact; fields left undefined keep their stored value. */
export type ContactChanges = Partial<
  Omit<Contact, 'id' | 'createdAt' | 'updatedAt' | 'provenance' | 'customer'>
> & {
  provenance?: Partial<Provenance>;
  customer?: Partial<CustomerRelationship>;
};

function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The contact after a change: the fields given replace the stored ones, the others stay; provenance and the
 * customer relationship are merged field by field. A new contact gets `id` and is created `now`.
 */
export function mergeContact(
  existing: Contact | undefined,
  changes: ContactChanges,
  now: Date,
  id: string,
): Contact {
  const at = now.toISOString();
  const { provenance, customer, ...fields } = changes;
  const base: Contact = existing ?? { id, createdAt: at, updatedAt: at };
  const mergedProvenance =
    provenance || base.provenance ? { ...base.provenance, ...defined(provenance) } : undefined;
  const mergedCustomer = customer || base.customer ? { ...base.customer, ...defined(customer) } : undefined;
  return {
    ...base,
    ...defined(fields),
    ...(mergedProvenance ? { provenance: mergedProvenance as Contact['provenance'] } : {}),
    ...(mergedCustomer ? { customer: mergedCustomer as Contact['customer'] } : {}),
    updatedAt: at,
  };
}
