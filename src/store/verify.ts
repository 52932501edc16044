import { existsSync } from 'node:fs';
import { readHashKey } from '../config.ts';
import { verifyChain } from './auditChain.ts';
import { continuityProblem } from './continuity.ts';
import { StoreError } from './errors.ts';
import { Journal } from './journal.ts';
import { keyCheck, loadHashKey } from './key.ts';
import { SnapshotFile } from './snapshot.ts';

export interface StoreReport {
  ok: boolean;
  /** The last change the store holds, and how many are in the journal after the snapshot. */
  seq: number;
  journalEntries: number;
  problems: string[];
}

/**
 * Checks a store without opening it for writing (no lock, nothing rewritten): the snapshot reads, the journal
 * follows it with no gap, the hash key is the one the store was made with, and the audit trail is whole. `env`
 * is the command line's, read by config.ts for the key's setting.
 */
export async function verifyStoreFiles(
  path: string,
  env: NodeJS.ProcessEnv,
  keyFile?: string,
): Promise<StoreReport> {
  const problems: string[] = [];
  if (!existsSync(path) && !existsSync(`${path}.journal`)) throw new StoreError(`no store at ${path}`);
  const snapshot = await new SnapshotFile(path).read().catch((error: Error) => {
    problems.push(error.message);
    return null;
  });
  const journal = await new Journal(`${path}.journal`).read().catch((error: Error) => {
    problems.push(error.message);
    return { entries: [], goodBytes: 0, totalBytes: 0 };
  });
  const seqs = journal.entries.map((e) => e.seq);
  const snapshotSeq = snapshot?.seq ?? 0;
  const gap = continuityProblem(snapshotSeq, seqs, { snapshot: path, journal: `${path}.journal` });
  if (gap) problems.push(gap);
  if (journal.goodBytes < journal.totalBytes)
    problems.push(
      `${path}.journal ends with a torn line (a crash mid-write): it will be dropped at the next open`,
    );
  if (snapshot) {
    try {
      const key = loadHashKey(readHashKey(env), keyFile ?? `${path.replace(/\.json$/, '')}.key`);
      if (keyCheck(key) !== snapshot.keyCheck)
        problems.push('the hash key is not the one this store was made with');
    } catch (error) {
      problems.push((error as Error).message);
    }
    // One entry (`audit`) or several written with their change (`audits`: an import, a batch): both are the trail.
    const auditAfter = journal.entries
      .filter((e) => e.seq > snapshotSeq)
      .flatMap((e) => (e.op === 'audit' ? [e.record] : e.op === 'audits' ? e.records : []));
    const chain = verifyChain([...snapshot.audit, ...(auditAfter as typeof snapshot.audit)]);
    if (!chain.ok)
      problems.push(
        `the audit trail is ${chain.problem?.kind === 'altered' ? 'altered' : 'incomplete'} at entry ${chain.problem?.position}`,
      );
  }
  const last = seqs.length ? Math.max(snapshotSeq, seqs[seqs.length - 1] as number) : snapshotSeq;
  return {
    ok: problems.length === 0,
    seq: last,
    journalEntries: seqs.filter((s) => s > snapshotSeq).length,
    problems,
  };
}
