import { type Contact, objectionDates, type Suppression, type SuppressionScope } from '../domain/contacts.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';

/**
 * An objection binds the person, whichever identifier it was told on and whichever we learn later (GDPR art.
 * 21(3)): when a contact gains or changes an email or phone, absorbs a merged record, or is about to be purged,
 * every objection on any of her identifiers, current or former (`formerHashes`), is copied with all its dates
 * onto each current identifier. So it holds after the old one is dropped, after the contact is purged (only the
 * keyed hashes remain), and for an objection told on a former number after it was replaced. `objectionsOf`
 * reads the suppression entries of a hash; every store (memory, file, PostgreSQL) decides with this one function.
 */
export function carriedObjections(
  previous: Contact | undefined,
  contact: Contact,
  hash: (id: Identifier) => string,
  objectionsOf: (hash: string) => Suppression[],
): Suppression[] {
  const byScope = new Map<SuppressionScope, Set<string>>();
  for (const s of hashesToCarry(previous, contact, hash).flatMap(objectionsOf)) {
    const dates = byScope.get(s.scope) ?? new Set<string>();
    for (const date of objectionDates(s)) dates.add(date);
    byScope.set(s.scope, dates);
  }
  const carried: Suppression[] = [];
  for (const h of new Set(identifiersOf(contact).map((id) => hash(id)))) {
    for (const [scope, all] of byScope) {
      const own = new Set(
        objectionsOf(h)
          .filter((s) => s.scope === scope)
          .flatMap(objectionDates),
      );
      if ([...all].every((date) => own.has(date))) continue;
      const [first, ...later] = [...all].sort() as [string, ...string[]];
      carried.push({
        hash: h,
        scope,
        at: first,
        ...(later.length > 0 ? { renewed: later } : {}),
        origin: 'carried-over',
      });
    }
  }
  return carried;
}

/** The hashes whose objections `carriedObjections` reads, to fetch them first (PostgreSQL). */
export function hashesToCarry(
  previous: Contact | undefined,
  contact: Contact,
  hash: (id: Identifier) => string,
): string[] {
  const ids = [...identifiersOf(previous ?? {}), ...identifiersOf(contact)];
  const former = [...(previous?.formerHashes ?? []), ...(contact.formerHashes ?? [])];
  return [...new Set([...ids.map((id) => hash(id)), ...former])];
}
