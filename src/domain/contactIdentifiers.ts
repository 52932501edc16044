import type { Contact } from './contacts.ts';
import { InputError } from './errors.ts';
import { type Identifier, identifiersOf, sameIdentifier } from './identifiers.ts';

/**
 * A person has several addresses and numbers, and changes them. An edit adds some (her mobile, a second
 * address) or replaces one (her new number): the old one's keyed hash stays in `formerHashes`, so an objection
 * or a call refusal recorded against it still binds her (GDPR art. 21(3)), while the old line itself, which may
 * now be someone else's, is no longer hers to reach.
 */
export interface IdentifierEdits {
  add?: Identifier[];
  /** `fromHash` is the store's keyed hash of `from` (the domain does not hold the key). */
  replace?: Array<{ from: Identifier; to: Identifier; fromHash: string }>;
}

const MAIN = { email: 'email', phone: 'phone' } as const;
const OTHERS = { email: 'otherEmails', phone: 'otherPhones' } as const;

/** The identifiers an edit would give the contact that it does not hold yet (to check no one else has them). */
export function newIdentifiers(contact: Contact, edits: IdentifierEdits): Identifier[] {
  const held = identifiersOf(contact);
  const given = [...(edits.add ?? []), ...(edits.replace ?? []).map((r) => r.to)];
  return given.filter((id) => !held.some((h) => sameIdentifier(h, id)));
}

/** The contact with the identifiers added and replaced, and the fields that changed. */
export function editIdentifiers(
  existing: Contact,
  edits: IdentifierEdits,
): { contact: Contact; changed: string[] } {
  const contact: Contact = { ...existing };
  const changed = new Set<string>();
  for (const { from, to, fromHash } of edits.replace ?? []) {
    if (from.kind !== to.kind) throw new InputError('replace_other_kind', { field: from.kind });
    const others = contact[OTHERS[from.kind]] ?? [];
    if (contact[MAIN[from.kind]] === from.value) {
      contact[MAIN[from.kind]] = to.value;
      changed.add(MAIN[from.kind]);
    } else if (others.includes(from.value)) {
      contact[OTHERS[from.kind]] = others.map((value) => (value === from.value ? to.value : value));
      changed.add(OTHERS[from.kind]);
    } else throw new InputError('not_an_identifier_of_contact', { field: from.kind });
    dropRepeated(contact, from.kind, changed);
    if (!(contact.formerHashes ?? []).includes(fromHash)) {
      contact.formerHashes = [...(contact.formerHashes ?? []), fromHash];
      changed.add('formerHashes');
    }
  }
  for (const id of edits.add ?? []) {
    if (identifiersOf(contact).some((held) => sameIdentifier(held, id))) continue;
    if (!contact[MAIN[id.kind]]) {
      contact[MAIN[id.kind]] = id.value;
      changed.add(MAIN[id.kind]);
    } else {
      contact[OTHERS[id.kind]] = [...(contact[OTHERS[id.kind]] ?? []), id.value];
      changed.add(OTHERS[id.kind]);
    }
  }
  return { contact, changed: [...changed] };
}

/** A replacement that was already among the others (or the main one) is held once. */
function dropRepeated(contact: Contact, kind: Identifier['kind'], changed: Set<string>): void {
  const others = contact[OTHERS[kind]];
  if (!others) return;
  const kept = [...new Set(others)].filter((value) => value !== contact[MAIN[kind]]);
  if (kept.length === others.length) return;
  changed.add(OTHERS[kind]);
  if (kept.length > 0) contact[OTHERS[kind]] = kept;
  else delete contact[OTHERS[kind]];
}
