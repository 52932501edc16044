import { randomUUID } from 'node:crypto';
import { carriedObjections, hashesToCarry } from '../domain/carriedObjections.ts';
import { type BatchChange, mergeBatch, type SaveOutcome } from '../domain/contactBatch.ts';
import { type JoinOutcome, joinContacts } from '../domain/contactJoin.ts';
import { editContact, fillContact, identifiersGiven } from '../domain/contactMerge.ts';
import type { Contact, Suppression } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';
import type { AuditDraft, ContactInput, ContactStore, CurrentContacts } from './types.ts';

/**
 * The contact writes every store offers, written once over its `updateContacts`: the domain's rules (fill, edit,
 * join, a batch's merge) decide what to write from the contacts as the store holds them under its lock; the
 * store only reads and writes. So the memory, file and PostgreSQL stores cannot drift apart in what they decide.
 */

type Updates = Pick<ContactStore, 'updateContacts'>;

const values = (ids: Identifier[]) => ids.map((id) => id.value);
const given = (...values: Array<string | undefined>) => values.filter((v): v is string => !!v);

/** The contact reached at the input's email or phone; refuses two identifiers of two different contacts. */
function reached(current: CurrentContacts) {
  return (input: Pick<Contact, 'email' | 'phone'>): Contact | undefined => {
    const byEmail = input.email ? current.holding(input.email) : undefined;
    const byPhone = input.phone ? current.holding(input.phone) : undefined;
    if (byEmail && byPhone && byEmail.id !== byPhone.id) throw new InputError('identifiers_of_two_contacts');
    return byEmail ?? byPhone;
  };
}

/** Refuses an identifier that another contact already holds (one person, one record: merge them instead). */
function assertFree(current: CurrentContacts, identifiers: Identifier[], id: string): void {
  for (const identifier of identifiers) {
    const owner = current.holding(identifier.value);
    if (owner && owner.id !== id)
      throw new InputError('identifiers_of_two_contacts', { field: identifier.kind });
  }
}

/** Adds the contact the input reaches, or fills the empty fields of the known one (domain/contactMerge.ts). */
export function saveOne(store: Updates, input: ContactInput, now: Date): Promise<SaveOutcome> {
  return store.updateContacts({ identifiers: given(input.email, input.phone) }, (current) => {
    const previous = reached(current)(input);
    const { contact, changed, kept } = fillContact(previous, input, now, randomUUID());
    const outcome = { contact, created: !previous, changed, kept };
    if (previous && outcome.changed.length === 0) return { written: [], result: outcome };
    return { written: [[previous, outcome.contact]], result: outcome };
  });
}

/**
 * An explicit edit. The contact is read first for the identifiers it holds and those the edit gives it: a store
 * that locks by identifier (PostgreSQL) locks them all before it reads the contact again and decides.
 */
export async function editOne(
  store: Updates & Pick<ContactStore, 'contactById'>,
  id: string,
  changes: ContactInput,
  now: Date,
): Promise<SaveOutcome> {
  const before = await store.contactById(id);
  const keys = before ? [...values(identifiersOf(before)), ...values(identifiersGiven(before, changes))] : [];
  return store.updateContacts({ ids: [id], identifiers: keys }, (current) => {
    const previous = current.byId(id);
    if (!previous) throw new InputError('unknown_contact');
    assertFree(current, identifiersGiven(previous, changes), id);
    const { contact, changed } = editContact(previous, changes, now);
    const outcome = { contact, created: false, changed, kept: [] };
    if (outcome.changed.length === 0) return { written: [], result: outcome };
    return { written: [[previous, outcome.contact]], result: outcome };
  });
}

/** Joins two records of one person (domain/contactJoin.ts); the identifiers of both are locked first. */
export async function joinTwo(
  store: Updates & Pick<ContactStore, 'contactById'>,
  keptId: string,
  goneId: string,
  now: Date,
): Promise<JoinOutcome> {
  const both = [await store.contactById(keptId), await store.contactById(goneId)];
  const held = both.flatMap((c) => (c ? values(identifiersOf(c)) : []));
  return store.updateContacts({ ids: [keptId, goneId], identifiers: held }, (current) => {
    const kept = current.byId(keptId);
    const gone = current.byId(goneId);
    if (!kept || !gone || keptId === goneId) throw new InputError('unknown_contact');
    const outcome = joinContacts(kept, gone, now);
    return { written: [[kept, outcome.contact]], joined: goneId, result: outcome };
  });
}

/** Many contacts in one write (domain/contactBatch.ts), each with the audit entry `audit` gives it. */
export function saveMany(
  store: Updates,
  inputs: ContactInput[],
  now: Date,
  audit?: (change: BatchChange) => AuditDraft | undefined,
): Promise<{ created: number; updated: number }> {
  const emails = inputs.flatMap((i) => given(i.email));
  const phones = inputs.flatMap((i) => given(i.phone));
  return store.updateContacts({ identifiers: [...emails, ...phones] }, (current) => {
    const batch = mergeBatch(inputs, now, randomUUID, reached(current));
    return {
      written: batch.pairs,
      audit: audit ? batch.changes.flatMap((change) => audit(change) ?? []) : [],
      result: batch.counts,
    };
  });
}

/** The hashes whose objections a write's contacts may carry: what a store reads before `carriedBy`. */
export function hashesCarried(
  written: Array<[Contact | undefined, Contact]>,
  hash: (id: Identifier) => string,
  foreign = true,
): string[] {
  return [...new Set(written.flatMap(([before, after]) => hashesToCarry(before, after, hash, foreign)))];
}

/** The objections a write's contacts carry (GDPR art. 21(3), domain/carriedObjections.ts), to write with them. */
export function carriedBy(
  written: Array<[Contact | undefined, Contact]>,
  hash: (id: Identifier) => string,
  objectionsOf: (hash: string) => Suppression[],
  foreign = true,
): Suppression[] {
  return written.flatMap(([before, after]) => carriedObjections(before, after, hash, objectionsOf, foreign));
}
