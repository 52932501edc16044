import { type ContactChanges, fillContact, type MergeOutcome } from './contactMerge.ts';
import type { Contact } from './contacts.ts';
import { InputError } from './errors.ts';

/** A contact written: what it is now, whether it is new, the fields written and those given but left alone. */
export interface SaveOutcome extends MergeOutcome {
  created: boolean;
}

/** One contact a batch created or filled: what it wrote, and the first input of the batch that reached it. */
export interface BatchChange extends SaveOutcome {
  input: number;
}

/** A batch merged: the contacts to write (created or changed), their changes and pairs (before, after). */
export interface MergedBatch {
  contacts: Contact[];
  pairs: Array<[Contact | undefined, Contact]>;
  changes: BatchChange[];
  counts: { created: number; updated: number };
}

/**
 * Many inputs merged with the contacts already known (`existing` finds the one an input reaches, refusing two
 * identifiers of two contacts): a person repeated in the batch is one contact, each repeat filling what the
 * ones before left empty (never rewriting them, as between two batches). Only the contacts created or changed
 * are returned, each with its change (the fields written, those left alone) and its pair (before, after) for
 * the objections the contacts carry. Every store saves a batch with this (store/contactUpdate.ts).
 */
export function mergeBatch(
  inputs: ContactChanges[],
  now: Date,
  newId: () => string,
  existing: (input: ContactChanges) => Contact | undefined,
): MergedBatch {
  const merged: Array<{ before: Contact | undefined; change: BatchChange }> = [];
  const pending = new Map<string, number>(); // identifiers seen in this batch → index in `merged`
  for (const [index, input] of inputs.entries()) {
    const stored = existing(input);
    const byEmail = pending.get(input.email ?? '');
    const byPhone = pending.get(input.phone ?? '');
    const seen = byEmail ?? byPhone;
    const entry = seen === undefined ? undefined : merged[seen];
    // Two people of the batch, or one of the batch and another known one: as `existing` refuses two known ones.
    if (
      (byEmail !== undefined && byPhone !== undefined && byEmail !== byPhone) ||
      (entry && stored && stored.id !== entry.change.contact.id)
    )
      throw new InputError('identifiers_of_two_contacts');
    const change = entry?.change;
    const outcome = fillContact(change?.contact ?? stored, input, now, stored?.id ?? newId());
    const at = seen ?? merged.length;
    if (change) {
      change.contact = outcome.contact;
      change.changed = [...new Set([...change.changed, ...outcome.changed])];
      change.kept = [...new Set([...change.kept, ...outcome.kept])];
    } else
      merged.push({
        before: stored,
        change: { ...outcome, created: !stored, input: index },
      });
    for (const id of [outcome.contact.email, outcome.contact.phone]) if (id) pending.set(id, at);
  }
  const written = merged.filter(({ change }) => change.created || change.changed.length > 0);
  const changes = written.map(({ change }) => change);
  const created = changes.filter((change) => change.created).length;
  return {
    contacts: changes.map((change) => change.contact),
    pairs: written.map(({ before, change }) => [before, change.contact]),
    changes,
    counts: { created, updated: changes.length - created },
  };
}
