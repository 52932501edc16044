import {
  type Contact,
  LEGACY_WITHDRAWAL_REASON,
  objectionDates,
  type Suppression,
  suppressionKey,
} from './contacts.ts';
import { foreignKeysOf } from './foreignHashes.ts';
import { type Identifier, identifiersOf } from './identifiers.ts';

/**
 * An objection binds the person, whichever identifier it was told on and whichever we learn later (GDPR art.
 * 21(3)): when a contact gains or changes an email or phone, absorbs a merged record, or is about to be purged,
 * every objection on any of her identifiers, current or former (`formerHashes`), is copied with all its dates
 * onto each current identifier. So it holds after the old one is dropped, after the contact is purged (only the
 * keyed hashes remain), and for an objection told on a former number after it was replaced. A withdrawn
 * consent is carried the same way, as a withdrawal of its purpose. `objectionsOf`
 * reads the suppression entries of a hash, as the store holds them under the lock of its write: the stores
 * (memory, file, PostgreSQL) only read and write, this one function decides (store/contactUpdate.ts).
 */
export function carriedObjections(
  previous: Contact | undefined,
  contact: Contact,
  hash: (id: Identifier) => string,
  objectionsOf: (hash: string) => Suppression[],
  foreign = true,
): Suppression[] {
  // One group per suppression key (scope, and a withdrawal's purpose): a withdrawal is carried as a withdrawal.
  const groups = new Map<string, { entry: Carried; dates: Set<string> }>();
  for (const s of hashesToCarry(previous, contact, hash, foreign).flatMap(objectionsOf)) {
    const key = suppressionKey({ ...s, hash: '' });
    const group = groups.get(key) ?? { entry: carriedKind(s), dates: new Set<string>() };
    // An entry of an earlier version stays read as a withdrawal only while every entry it joins is one.
    if (group.entry.reason && s.reason !== LEGACY_WITHDRAWAL_REASON) group.entry = carriedKind(s);
    for (const date of objectionDates(s)) group.dates.add(date);
    groups.set(key, group);
  }
  const carried: Suppression[] = [];
  for (const h of new Set(identifiersOf(contact).map((id) => hash(id)))) {
    for (const [key, { entry, dates }] of groups) {
      const own = new Set(
        objectionsOf(h)
          .filter((s) => suppressionKey({ ...s, hash: '' }) === key)
          .flatMap(objectionDates),
      );
      if ([...dates].every((date) => own.has(date))) continue;
      const [first, ...later] = [...dates].sort() as [string, ...string[]];
      carried.push({
        hash: h,
        ...entry,
        at: first,
        ...(later.length > 0 ? { renewed: later } : {}),
        origin: 'carried-over',
      });
    }
  }
  return carried;
}

type Carried = Pick<Suppression, 'scope' | 'kind' | 'purpose' | 'reason'>;

/** What a carried copy keeps of the entry it copies: its scope and kind (a withdrawal's purpose). */
function carriedKind(s: Suppression): Carried {
  if (s.kind === 'withdrawal') return { scope: s.scope, kind: 'withdrawal', purpose: s.purpose };
  return s.reason === LEGACY_WITHDRAWAL_REASON
    ? { scope: s.scope, reason: LEGACY_WITHDRAWAL_REASON }
    : { scope: s.scope };
}

/**
 * The hashes whose objections `carriedObjections` reads, to fetch them first (PostgreSQL): the keyed hashes of her
 * identifiers, current and former, and the keys another tool's hashed list may hold them under (unless `foreign`
 * is false: the register holds none), so such an objection is carried to her keyed hashes once she is known and
 * stays hers after her address changes or her record is purged.
 */
export function hashesToCarry(
  previous: Contact | undefined,
  contact: Contact,
  hash: (id: Identifier) => string,
  foreign = true,
): string[] {
  const ids = [...identifiersOf(previous ?? {}), ...identifiersOf(contact)];
  const former = [...(previous?.formerHashes ?? []), ...(contact.formerHashes ?? [])];
  const theirs = foreign ? ids.flatMap(foreignKeysOf) : [];
  return [...new Set([...ids.map((id) => hash(id)), ...former, ...theirs])];
}
