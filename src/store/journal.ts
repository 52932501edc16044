import { chmod, type FileHandle, open, readFile, rename, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StoreError } from './errors.ts';

export interface JournalEntry {
  seq: number;
  op: string;
  [field: string]: unknown;
}

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The store's write-ahead journal: one JSON line per change, appended and fsynced before the change is
 * acknowledged. Concurrent appends share one write and one fsync (group commit), so fifty opt-outs at once cost
 * about one disk flush, and no append ever rewrites the whole store.
 */
export class Journal {
  private handle?: FileHandle;
  private pending: Pending[] = [];
  private flushing?: Promise<void>;
  entries = 0;
  bytes = 0;

  constructor(readonly path: string) {}

  /**
   * Reads the entries after `afterSeq`. A last line cut short by a crash (an append that was never acknowledged)
   * is dropped; damage anywhere else stops with an error and leaves the file as it is.
   */
  async replay(afterSeq: number): Promise<JournalEntry[]> {
    const { entries, goodBytes, totalBytes } = await this.read();
    if (goodBytes < totalBytes) await truncate(this.path, goodBytes);
    const after = entries.filter((entry) => entry.seq > afterSeq);
    this.entries = after.length;
    this.bytes = goodBytes;
    return after;
  }

  /**
   * Every entry of the journal, and how many bytes of it are whole (a torn last line is not). Reads only: the
   * file is left as it is.
   */
  async read(): Promise<{ entries: JournalEntry[]; goodBytes: number; totalBytes: number }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { entries: [], goodBytes: 0, totalBytes: 0 };
      throw new StoreError(`cannot read the store journal ${this.path}: ${(error as Error).message}`);
    }
    const lines = text.split('\n');
    const complete = text.endsWith('\n') || text === '' ? lines.slice(0, -1) : lines;
    const entries: JournalEntry[] = [];
    let goodBytes = 0;
    for (const [index, line] of complete.entries()) {
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
        if (typeof entry.seq !== 'number' || typeof entry.op !== 'string') throw new Error('not an entry');
      } catch {
        const isLast = index === complete.length - 1 && !text.endsWith('\n');
        if (isLast) break;
        throw new StoreError(
          `the store journal ${this.path} is damaged at line ${index + 1}; it was left untouched. Restore it from a backup or move it aside.`,
        );
      }
      goodBytes += Buffer.byteLength(line) + 1;
      entries.push(entry);
    }
    return { entries, goodBytes, totalBytes: Buffer.byteLength(text) };
  }

  async open(): Promise<void> {
    this.handle = await open(this.path, 'a', 0o600);
    await chmod(this.path, 0o600); // a journal made by an older version was world-readable
  }

  /** Set by a failed write until the store has reloaded what is on disk: nothing is appended meanwhile. */
  failure?: Error;

  append(entry: JournalEntry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const line = `${JSON.stringify(entry)}\n`;
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Whether this process still owns the store; checked before each write (fencing). */
  owner?: () => boolean;

  /** For tests: a fault to inject before a write reaches the disk (a full disk, an I/O error). */
  injectFault?: () => Error | undefined;

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        if (!this.handle) throw new StoreError('the store is closed');
        const data = batch.map((p) => p.line).join('');
        const fault = this.injectFault?.();
        if (fault) throw fault;
        if (this.owner && !this.owner())
          throw new StoreError(
            'this process no longer owns the store (its lock was removed or taken): stopped writing',
          );
        const { bytesWritten } = await this.handle.write(data);
        // A short write (a disk that filled up mid-way) is a failure, never half an acknowledged batch.
        if (bytesWritten !== Buffer.byteLength(data)) throw new Error(`short write (${bytesWritten} bytes)`);
        await this.handle.datasync();
        this.entries += batch.length;
        this.bytes += Buffer.byteLength(data);
        for (const p of batch) p.resolve();
      } catch (error) {
        // Nothing of this batch, nor of what waits behind it, is acknowledged: the file goes back to its last
        // whole line, and the store reloads what is on disk.
        this.failure = error as Error;
        const waiting = this.pending;
        this.pending = [];
        await this.cutBackToDurable();
        for (const p of [...batch, ...waiting]) p.reject(error as Error);
      }
    }
    this.flushing = undefined;
  }

  /** Truncates a torn or unsynced tail after a failed write, so the journal ends with its last durable line. */
  private async cutBackToDurable(): Promise<void> {
    try {
      await this.handle?.truncate(this.bytes);
      await this.handle?.datasync();
    } catch {
      // The disk may still refuse; the torn line is dropped at the next open in any case.
    }
  }

  /** Waits for every append made so far to be on disk. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /**
   * After a snapshot at `seq`, keeps only the newer entries. Appends wait meanwhile; the rewrite is atomic
   * (temp file + rename), so a crash leaves either journal, and replay skips entries the snapshot holds.
   */
  async dropUpTo(seq: number): Promise<void> {
    while (this.flushing) await this.flushing;
    // Checked and claimed in the same tick: appends from now on wait in `pending` until the rewrite is done.
    const rewrite = this.rewrite(seq);
    this.flushing = rewrite.catch(() => undefined);
    try {
      await rewrite;
    } finally {
      this.flushing = this.pending.length > 0 ? this.flush() : undefined;
    }
  }

  private async rewrite(seq: number): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    try {
      const kept = (await this.replay(seq)).map((entry) => `${JSON.stringify(entry)}\n`).join('');
      const temp = `${this.path}.tmp`;
      const handle = await open(temp, 'w', 0o600);
      await handle.write(kept);
      await handle.datasync();
      await handle.close();
      await rename(temp, this.path);
      await syncFolder(this.path);
      this.bytes = Buffer.byteLength(kept);
    } finally {
      this.handle = await open(this.path, 'a', 0o600);
    }
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** After a rename, the folder's entry must reach the disk too, or a crash can bring the old file back. */
async function syncFolder(path: string): Promise<void> {
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
