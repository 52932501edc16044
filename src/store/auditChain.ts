import { createHash, randomUUID } from 'node:crypto';
import type { AuditEntry } from './types.ts';

/** The hash before the first entry of a chain. */
export const CHAIN_START = 'start';

/** An entry's own hash covers everything it says and the hash of the one before, so no entry can change alone. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { id, at, actor, action, outcome, targetHash, detail, prev } = entry;
  return createHash('sha256')
    .update(
      JSON.stringify([id, at, actor, action, outcome, targetHash ?? null, detail ?? null, prev ?? null]),
    )
    .digest('hex');
}

/** The next entry of the chain after `last` (or the first one). */
export function chained(last: AuditEntry | undefined, entry: Omit<AuditEntry, 'prev' | 'hash'>): AuditEntry {
  const prev = last?.hash ?? CHAIN_START;
  const linked = { ...entry, prev };
  return { ...linked, hash: entryHash(linked) };
}

/** Many entries chained one after the other after `last`, each given a new id. */
export function chainedMany(
  last: AuditEntry | undefined,
  drafts: Omit<AuditEntry, 'id' | 'prev' | 'hash'>[],
) {
  let previous = last;
  return drafts.map((draft) => {
    previous = chained(previous, { id: randomUUID(), ...draft });
    return previous;
  });
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  /** Entries written before the trail was chained (older stores): not provable, counted apart. */
  unchained: number;
  /** The first entry that does not hold: its position (1-based) and what is wrong. */
  problem?: { position: number; id: string; kind: 'altered' | 'missing-before' };
}

/**
 * Proves the trail was neither altered nor cut: each entry's hash matches its content, and each points at the
 * hash of the entry before it. An entry removed from the middle breaks the next one's link; an altered entry
 * breaks its own hash.
 */
export function verifyChain(entries: readonly AuditEntry[]): ChainCheck {
  let unchained = 0;
  let expectedPrev: string | undefined;
  for (const [i, entry] of entries.entries()) {
    if (!entry.hash) {
      if (expectedPrev === undefined) {
        unchained++;
        continue;
      }
      return {
        ok: false,
        entries: entries.length,
        unchained,
        problem: { position: i + 1, id: entry.id, kind: 'altered' },
      };
    }
    if (entryHash(entry) !== entry.hash)
      return {
        ok: false,
        entries: entries.length,
        unchained,
        problem: { position: i + 1, id: entry.id, kind: 'altered' },
      };
    const wanted = expectedPrev ?? CHAIN_START;
    if (entry.prev !== wanted)
      return {
        ok: false,
        entries: entries.length,
        unchained,
        problem: { position: i + 1, id: entry.id, kind: 'missing-before' },
      };
    expectedPrev = entry.hash;
  }
  return { ok: true, entries: entries.length, unchained };
}
