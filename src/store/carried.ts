import type { Contact, Suppression } from '../domain/contacts.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';

/**
 * An objection to all marketing binds the person, whichever identifier we learn later (GDPR art. 21(3)): when a
 * contact gains or changes an email or phone, its global objection is copied onto the new identifiers, so it
 * holds even after the old one is dropped or the contact purged. `globalOf` reads the `all` objection of a hash;
 * every store (memory, file, PostgreSQL) decides with this one function.
 */
export function carriedObjections(
  previous: Contact | undefined,
  contact: Contact,
  hash: (id: Identifier) => string,
  globalOf: (hash: string) => Suppression | undefined,
): Suppression[] {
  const ids = [...identifiersOf(previous ?? {}), ...identifiersOf(contact)];
  const hashes = [...new Set(ids.map((id) => hash(id)))];
  const global = hashes.map(globalOf).filter((s): s is Suppression => s !== undefined);
  if (global.length === 0) return [];
  const latest = global.reduce((a, b) => (b.at > a.at ? b : a));
  return identifiersOf(contact)
    .map((id) => hash(id))
    .filter((h) => (globalOf(h)?.at ?? '') < latest.at)
    .map((h) => ({ hash: h, scope: 'all' as const, at: latest.at, origin: 'carried-over' }));
}

/** The hashes whose `all` objection `carriedObjections` reads, to fetch them first (PostgreSQL). */
export function hashesToCarry(
  previous: Contact | undefined,
  contact: Contact,
  hash: (id: Identifier) => string,
): string[] {
  return [...new Set([...identifiersOf(previous ?? {}), ...identifiersOf(contact)].map((id) => hash(id)))];
}
