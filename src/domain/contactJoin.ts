import { defined } from './contactMerge.ts';
import type { Contact, CustomerRelationship, Provenance } from './contacts.ts';
import { identifiersOf } from './identifiers.ts';

/** Two records of one person joined: who stays, and what the other record had that differed. */
export interface JoinOutcome {
  contact: Contact;
  /** The fields the kept record gained. */
  changed: string[];
  /** The fields both records had, with other values: the kept record's value stays. */
  differed: string[];
}

const FIELDS = ['name', 'company', 'jobFunction', 'audience', 'addressKind', 'department', 'owner'] as const;
const collected = (c: Contact) => c.provenance?.collectedAt ?? c.createdAt;

/**
 * The record kept when two are one person: the one collected first, since its collection starts the retention
 * clock and decides how the person came to us (a merge never makes data look newer than it is).
 */
export function keptRecord(a: Contact, b: Contact): [kept: Contact, gone: Contact] {
  return collected(b) < collected(a) ? [b, a] : [a, b];
}

/**
 * Joins `gone` into `kept`: every address and number of both (the kept record's main ones stay main), the
 * earliest collection first with every other one among the sources (oldest first), the former identifiers of
 * both, the customer relationship of both (earliest start, latest purchase and end, every product). A field
 * both records filled keeps the kept record's value and is reported. Consents, events and objections are moved
 * or matched by the store.
 */
export function joinContacts(kept: Contact, gone: Contact, now: Date): JoinOutcome {
  const contact: Contact = { ...kept };
  const changed: string[] = [];
  const differed: string[] = [];
  for (const key of FIELDS) {
    const mine = kept[key];
    const theirs = gone[key];
    if (theirs === undefined) continue;
    if (mine === undefined) {
      (contact as unknown as Record<string, unknown>)[key] = theirs;
      changed.push(key);
    } else if (mine !== theirs) differed.push(key);
  }
  joinIdentifiers(contact, gone, changed);
  joinSources(contact, gone, changed);
  const customer = joinCustomers(kept.customer, gone.customer);
  if (JSON.stringify(customer) !== JSON.stringify(kept.customer) && customer) {
    contact.customer = customer;
    changed.push('customer');
  }
  if (gone.createdAt < kept.createdAt) contact.createdAt = gone.createdAt;
  contact.updatedAt = now.toISOString();
  return { contact, changed, differed };
}

function joinIdentifiers(contact: Contact, gone: Contact, changed: string[]): void {
  const held = new Set(identifiersOf(contact).map((id) => id.value));
  for (const id of identifiersOf(gone)) {
    if (held.has(id.value)) continue;
    held.add(id.value);
    const main = id.kind === 'email' ? 'email' : 'phone';
    const others = id.kind === 'email' ? 'otherEmails' : 'otherPhones';
    if (!contact[main]) {
      contact[main] = id.value;
      changed.push(main);
    } else {
      contact[others] = [...(contact[others] ?? []), id.value];
      if (!changed.includes(others)) changed.push(others);
    }
  }
  const former = [...new Set([...(contact.formerHashes ?? []), ...(gone.formerHashes ?? [])])];
  if (former.length > (contact.formerHashes ?? []).length) {
    contact.formerHashes = former;
    changed.push('formerHashes');
  }
}

function joinSources(contact: Contact, gone: Contact, changed: string[]): void {
  const all: Provenance[] = [
    ...(contact.provenance ? [contact.provenance] : []),
    ...(contact.sources ?? []),
    ...(gone.provenance ? [gone.provenance] : []),
    ...(gone.sources ?? []),
  ];
  if (all.length === 0) return;
  const sorted = all.sort((x, y) =>
    x.collectedAt < y.collectedAt ? -1 : x.collectedAt > y.collectedAt ? 1 : 0,
  );
  const [first, ...later] = sorted as [Provenance, ...Provenance[]];
  if (JSON.stringify(first) !== JSON.stringify(contact.provenance)) changed.push('provenance');
  contact.provenance = first;
  if (later.length > (contact.sources ?? []).length) changed.push('sources');
  if (later.length > 0) contact.sources = later;
}

function joinCustomers(
  a: CustomerRelationship | undefined,
  b: CustomerRelationship | undefined,
): CustomerRelationship | undefined {
  if (!a || !b) return a ?? b;
  const min = (x?: string, y?: string) => (x && y ? (x < y ? x : y) : (x ?? y));
  const max = (x?: string, y?: string) => (x && y ? (x > y ? x : y) : (x ?? y));
  // A contract still running in either record runs on; otherwise the later end counts (never an earlier clock).
  const ongoing = [a, b].some((r) => r.kind === 'contract' && !r.until);
  return defined({
    since: min(a.since, b.since) as string,
    until: ongoing ? undefined : max(a.until, b.until),
    kind: ongoing ? 'contract' : (a.kind ?? b.kind),
    lastPurchaseAt: max(a.lastPurchaseAt, b.lastPurchaseAt),
    products: [...new Set([...a.products, ...b.products])],
  }) as CustomerRelationship;
}
