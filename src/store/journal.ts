import { chmod, type FileHandle, open, readFile, rename, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StoreError } from './errors.ts';

export interface JournalEntry {
  seq: number;
  op: string;
  [field: string]: unknown;
}

interface Pending {
  seq: number;
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
  /**
   * The seq of each line in the file and the byte where it ends, in the file's order (which is seq order: the
   * store appends in the order it numbers). A compaction keeps the tail after a seq by its byte offset, without
   * parsing the lines it drops.
   */
  private lines: Array<{ seq: number; end: number }> = [];

  constructor(readonly path: string) {}

  /**
   * Reads the entries after `afterSeq`. A last line cut short by a crash (an append that was never acknowledged)
   * is dropped; damage anywhere else stops with an error and leaves the file as it is.
   */
  async replay(afterSeq: number): Promise<JournalEntry[]> {
    const { entries, ends, goodBytes, totalBytes } = await this.read();
    if (goodBytes < totalBytes) await truncate(this.path, goodBytes);
    const after = entries.filter((entry) => entry.seq > afterSeq);
    this.lines = entries.map((entry, i) => ({ seq: entry.seq, end: ends[i] as number }));
    this.entries = after.length;
    this.bytes = goodBytes;
    return after;
  }

  /**
   * Every entry of the journal, and how many bytes of it are whole (a torn last line is not). Reads only: the
   * file is left as it is.
   */
  async read(): Promise<{ entries: JournalEntry[]; ends: number[]; goodBytes: number; totalBytes: number }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { entries: [], ends: [], goodBytes: 0, totalBytes: 0 };
      throw new StoreError(`cannot read the store journal ${this.path}: ${(error as Error).message}`);
    }
    const lines = text.split('\n');
    const complete = text.endsWith('\n') || text === '' ? lines.slice(0, -1) : lines;
    const entries: JournalEntry[] = [];
    const ends: number[] = [];
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
      ends.push(goodBytes);
    }
    return { entries, ends, goodBytes, totalBytes: Buffer.byteLength(text) };
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
      this.pending.push({ seq: entry.seq, line, resolve, reject });
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
        for (const p of batch) {
          this.bytes += Buffer.byteLength(p.line);
          this.lines.push({ seq: p.seq, end: this.bytes });
        }
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
      // The lines after `seq` are the file's tail: copied as they are, never parsed (a large journal would
      // otherwise hold the app up for as long as parsing it takes).
      const first = this.lines.findIndex((line) => line.seq > seq);
      const from = first < 0 ? this.bytes : first === 0 ? 0 : (this.lines[first - 1]?.end ?? 0);
      const kept = Buffer.alloc(this.bytes - from);
      const source = await open(this.path, 'r');
      try {
        const { bytesRead } = await source.read(kept, 0, kept.length, from);
        if (bytesRead !== kept.length)
          throw new StoreError(`the store journal ${this.path} is shorter than written`);
      } finally {
        await source.close();
      }
      const temp = `${this.path}.tmp`;
      const handle = await open(temp, 'w', 0o600);
      await handle.write(kept);
      await handle.datasync();
      await handle.close();
      await rename(temp, this.path);
      await syncFolder(this.path);
      this.lines =
        first < 0 ? [] : this.lines.slice(first).map((line) => ({ seq: line.seq, end: line.end - from }));
      this.entries = this.lines.length;
      this.bytes = kept.length;
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
