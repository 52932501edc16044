import { StoreError } from './errors.ts';

/**
 * Whether a snapshot and its journal make one unbroken history. The snapshot records the last journal entry it
 * contains (`seq`); the journal must hold every entry after it, numbered one by one. A gap or a duplicate, a
 * journal that starts after the snapshot ends (a deleted snapshot, an older one restored from a backup): then
 * changes are missing, an objection perhaps, and the store must not open as if nothing were wrong.
 */
export function continuityProblem(
  snapshotSeq: number,
  journalSeqs: readonly number[],
  files: { snapshot: string; journal: string },
): string | undefined {
  for (let i = 1; i < journalSeqs.length; i++) {
    const before = journalSeqs[i - 1] as number;
    const seq = journalSeqs[i] as number;
    if (seq === before)
      return `${files.journal} holds change ${seq} twice (line ${i + 1}): two writers, or lines copied in`;
    if (seq !== before + 1)
      return `${files.journal} misses changes ${before + 1}–${seq - 1} (before line ${i + 1}): lines were removed`;
  }
  const first = journalSeqs[0];
  if (first !== undefined && first > snapshotSeq + 1) {
    return snapshotSeq === 0
      ? `${files.snapshot} is missing: ${files.journal} starts at change ${first}, so changes 1–${first - 1} are gone`
      : `${files.snapshot} holds changes up to ${snapshotSeq} but ${files.journal} starts at ${first}: changes ${snapshotSeq + 1}–${first - 1} are missing (an older snapshot restored?)`;
  }
  return undefined;
}

/** Stops the program with what is missing, touching nothing. */
export function assertContinuity(...args: Parameters<typeof continuityProblem>): void {
  const problem = continuityProblem(...args);
  if (problem)
    throw new StoreError(
      `the store is incomplete and was not opened: ${problem}. Restore the store (snapshot, journal and key) from a backup; check it with \`prospect-guard store verify\`.`,
    );
}
