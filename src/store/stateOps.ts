import type { Contact } from '../domain/contacts.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { chainedMany } from './auditChain.ts';
import type { MergedBatch } from './batch.ts';
import { carriedObjections } from './carried.ts';
import type { Op, StoreState } from './state.ts';

/** The changes the memory and file stores commit for contact writes, computed from the register in memory. */

/** The objections the contacts' current identifiers inherit (store/carried.ts), as changes to commit. */
export function carriedOps(
  state: StoreState,
  pairs: Array<[Contact | undefined, Contact]>,
  hash: (id: Identifier) => string,
): Op[] {
  const objectionsOf = (h: string) => state.suppressionsOf.get(h) ?? [];
  return pairs.flatMap(([previous, contact]) =>
    carriedObjections(previous, contact, hash, objectionsOf, state.holdsForeign).map((record) => ({
      op: 'suppression' as const,
      record,
    })),
  );
}

/** The changes that record a merged batch: its contacts, the objections they carry, its audit entries chained. */
export function batchOps(state: StoreState, batch: MergedBatch, hash: (id: Identifier) => string): Op[] {
  const last = state.data.audit[state.data.audit.length - 1];
  return [
    { op: 'contacts', contacts: batch.contacts },
    ...carriedOps(state, batch.pairs, hash),
    // One journal line for the batch's entries (not one each: a 5,000-row slice would fold the journal each time).
    ...(batch.audit.length > 0 ? [{ op: 'audits' as const, records: chainedMany(last, batch.audit) }] : []),
  ];
}
