import { type Contact, objectionDates, type Suppression } from '../domain/contacts.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';

/**
 * An objection to all marketing binds the person, whichever identifier we learn later (GDPR art. 21(3)): when a
 * contact gains or changes an email or phone (or absorbs a merged record), its global objection, with every date
 * it was told, is copied onto each current identifier, so it holds even after the old one is dropped or the
 * contact purged. `globalOf` reads the `all` objection of a hash; every store (memory, file, PostgreSQL) decides
 * with this one function.
 */
export function carriedObjections(
  previous: Contact | undefined,
  contact: Contact,
  hash: (id: Identifier) => string,
  globalOf: (hash: string) => Suppression | undefined,
): Suppression[] {
  const global = hashesToCarry(previous, contact, hash)
    .map(globalOf)
    .filter((s): s is Suppression => s !== undefined);
  if (global.length === 0) return [];
  const dates = [...new Set(global.flatMap(objectionDates))].sort();
  const [first, ...later] = dates as [string, ...string[]];
  return [...new Set(identifiersOf(contact).map((id) => hash(id)))]
    .filter((h) => {
      const own = new Set(objectionDates(globalOf(h) ?? { at: '' }));
      return dates.some((date) => !own.has(date));
    })
    .map((h) => ({
      hash: h,
      scope: 'all' as const,
      at: first,
      ...(later.length > 0 ? { renewed: later } : {}),
      origin: 'carried-over',
    }));
}

/** The hashes whose `all` objection `carriedObjections` reads, to fetch them first (PostgreSQL). */
export function hashesToCarry(
  previous: Contact | undefined,
  contact: Contact,
  hash: (id: Identifier) => string,
): string[] {
  const ids = [...identifiersOf(previous ?? {}), ...identifiersOf(contact)];
  const former = [...(previous?.formerHashes ?? []), ...(contact.formerHashes ?? [])];
  return [...new Set([...ids.map((id) => hash(id)), ...former])];
}
