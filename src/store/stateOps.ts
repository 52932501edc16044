import type { Contact } from '../domain/contacts.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { chainedMany } from './auditChain.ts';
import { carriedBy } from './contactUpdate.ts';
import type { Op, StoreState } from './state.ts';
import type { ContactsUpdate, CurrentContacts } from './types.ts';

/** The changes the memory and file stores commit for contact writes, computed from the register in memory. */

/** The register's contacts as an update reads them: all of them are in memory, so the keys need not be read. */
export function currentContacts(state: () => StoreState): CurrentContacts {
  return {
    byId: (id) => state().data.contacts.get(id),
    holding: (value) => {
      const id = state().byEmail.get(value) ?? state().byPhone.get(value);
      return id === undefined ? undefined : state().data.contacts.get(id);
    },
  };
}

/** The objections the contacts' current identifiers inherit (domain/carriedObjections.ts), as changes to commit. */
export function carriedOps(
  state: StoreState,
  pairs: Array<[Contact | undefined, Contact]>,
  hash: (id: Identifier) => string,
): Op[] {
  const objectionsOf = (h: string) => state.suppressionsOf.get(h) ?? [];
  return carriedBy(pairs, hash, objectionsOf, state.holdsForeign).map((record) => ({
    op: 'suppression' as const,
    record,
  }));
}

/**
 * The changes that record an update: its contacts (one `contact` line for one contact written alone, one
 * `contacts` line for a batch, a `merge` for a join), the objections they carry, its audit entries chained.
 */
export function updateOps(
  state: StoreState,
  update: ContactsUpdate<unknown>,
  hash: (id: Identifier) => string,
): Op[] {
  const contacts = update.written.map(([, after]) => after);
  const [first] = contacts;
  if (!first) return [];
  const last = state.data.audit[state.data.audit.length - 1];
  const audit = update.audit ?? [];
  const written: Op = update.joined
    ? { op: 'merge', contact: first, gone: update.joined }
    : update.audit === undefined && contacts.length === 1
      ? { op: 'contact', contact: first }
      : { op: 'contacts', contacts };
  return [
    written,
    ...carriedOps(state, update.written, hash),
    // One journal line for the batch's entries (not one each: a 5,000-row slice would fold the journal each time).
    ...(audit.length > 0 ? [{ op: 'audits' as const, records: chainedMany(last, audit) }] : []),
  ];
}
