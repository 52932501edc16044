import { type Contact, type Objection, personHashes, type SubjectFacts } from '../domain/contacts.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { personObjections } from '../domain/withdrawals.ts';
import type { StoreState } from './state.ts';
import type { ContactRecord } from './types.ts';

/** What is read from the register in memory: contacts with their records, and a person's facts for the engine. */

/**
 * Every contact with its records, made 10,000 at a time with a pause between, so that a million contacts
 * (a retention run, the deadline index) never hold the app for a second. The contacts are those of the moment
 * it starts.
 */
export async function contactRecords(state: StoreState): Promise<ContactRecord[]> {
  const contacts = [...state.data.contacts.values()];
  const records: ContactRecord[] = [];
  for (let i = 0; i < contacts.length; i++) {
    if (i % 10_000 === 9_999) await new Promise((resolve) => setImmediate(resolve));
    const contact = contacts[i] as Contact;
    records.push({
      contact,
      consents: state.consentsOf.get(contact.id) ?? [],
      interactions: state.interactionsOf.get(contact.id) ?? [],
    });
  }
  return records;
}

/** What the engine needs about the person reached at `target`: objections on any of their identifiers. */
export function subjectFacts(
  state: StoreState,
  target: Identifier,
  hash: (id: Identifier) => string,
): SubjectFacts {
  const id = state.contactId(target);
  const contact = id ? state.data.contacts.get(id) : undefined;
  const consents = contact ? (state.consentsOf.get(contact.id) ?? []) : [];
  const objections: Objection[] = personObjections(
    personHashes(target, contact, hash, state.holdsForeign).flatMap((h) => state.suppressionsOf.get(h) ?? []),
    consents,
  );
  return {
    target,
    contact,
    consents,
    interactions: contact ? (state.interactionsOf.get(contact.id) ?? []) : [],
    objections,
  };
}

export function contactRecord(state: StoreState, id: string): ContactRecord | undefined {
  const contact = state.data.contacts.get(id);
  if (!contact) return undefined;
  return {
    contact,
    consents: state.consentsOf.get(id) ?? [],
    interactions: state.interactionsOf.get(id) ?? [],
  };
}

/** The suppression entries and logged decisions about these hashes (an access request). */
export function recordsAbout(state: StoreState, hashes: string[]) {
  const wanted = new Set(hashes);
  return {
    suppressions: hashes.flatMap((hash) => state.suppressionsOf.get(hash) ?? []),
    decisions: state.data.decisions.filter((d) => wanted.has(d.targetHash)),
  };
}
