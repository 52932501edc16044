import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { assertContinuity } from './continuity.ts';
import { type Documents, FolderDocuments, Shelf } from './documents.ts';
import { accessProblem, StoreError } from './errors.ts';
import { FileInstallations, type Installations } from './installations.ts';
import { Journal } from './journal.ts';
import { type HashKeyOptions, hashKeySetting, keyCheck, loadHashKey } from './key.ts';
import { StoreLock } from './lock.ts';
import { MemoryStore } from './memoryStore.ts';
import { SnapshotFile, type StoreData } from './snapshot.ts';
import { emptyData, type Op, StoreState } from './state.ts';
import type { PurgeRequest, PurgeResult } from './types.ts';

export interface FileStoreOptions extends HashKeyOptions {
  /** Where the generated hash key lives when no secret is set (beside the store by default). */
  keyFile?: string;
  /** Fold the journal into the snapshot after this many entries or bytes. */
  compactAfterEntries?: number;
  compactAfterBytes?: number;
  /** Where warnings go (a lost lock, a failed compaction): standard error by default. */
  warn?: (message: string) => void;
}

interface Opened {
  db: Low<StoreData>;
  journal: Journal;
  key: Buffer;
  lock: StoreLock;
  created: boolean;
}

/**
 * The consent store on disk: `prospect-guard.json` (a lowdb snapshot) plus `prospect-guard.json.journal`
 * (every change since, fsynced before it is acknowledged). Both together are the store. One process at a time
 * owns them, through a lock folder `prospect-guard.json.lock`. The register itself (state, indexes, queries) is
 * the memory store's; this class adds the files.
 */
export class FileStore extends MemoryStore {
  private readonly db: Low<StoreData>;
  private readonly path: string;
  private readonly journal: Journal;
  private lock?: StoreLock;
  private compactions: Promise<void> = Promise.resolve();
  private compactQueued = false;
  /** The snapshot's size when last written or read: a journal may grow to half of it before it is folded in. */
  private snapshotBytes = 0;
  readonly created: boolean;

  private constructor(
    location: string,
    private readonly options: FileStoreOptions,
    opened: Opened,
  ) {
    super(location, opened.key, opened.db.data);
    this.db = opened.db;
    this.path = location;
    this.journal = opened.journal;
    this.lock = opened.lock;
    // Fencing: before each write, this process checks it still owns the store.
    this.journal.owner = () => this.lock?.owns() ?? false;
    this.created = opened.created;
  }

  /** Beside the register, one folder per collection: data/prospect-guard.api-keys/ (700, its files 600). */
  private readonly files = new Shelf(
    (collection) => new FolderDocuments(`${this.path.replace(/\.json$/, '')}.${collection}`),
  );
  override documents<T>(collection: string): Documents<T> {
    return this.files.open<T>(collection);
  }

  /** The workspaces' installations: one file beside the default register (many workspaces on files). */
  override installations(): Installations {
    return new FileInstallations(join(dirname(this.path), 'installations.json'));
  }

  static async open(path: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const warn = options.warn ?? ((message: string) => process.stderr.write(`prospect-guard: ${message}\n`));
    const existed = storeExists(path);
    const owned = await lock(path, warn).catch((error) => {
      throw accessProblem(error);
    });
    try {
      removeLeftovers(path);
      // A new key only for a new store: a store whose key went missing must not get another one silently.
      const key = loadHashKey(hashKeySetting(options), options.keyFile ?? keyFileOf(path), !existed);
      const check = keyCheck(key);
      const db = new Low(new SnapshotFile(path), emptyData(check));
      await db.read();
      if (db.data.keyCheck !== check) {
        throw new StoreError(
          `the hash key does not match the one ${path} was created with: set PROSPECT_GUARD_HASH_KEY or restore the key file`,
        );
      }
      const journal = new Journal(`${path}.journal`);
      const all = await journal.read();
      assertContinuity(
        db.data.seq,
        all.entries.map((e) => e.seq),
        { snapshot: path, journal: `${path}.journal` },
      );
      const entries = await journal.replay(db.data.seq);
      // New means no store was there: an existing store that is still empty (after `init`) is not new.
      const created = !existed;
      const store = new FileStore(path, { ...options, warn }, { db, journal, key, lock: owned, created });
      store.replay(entries as Array<Op & { seq: number }>);
      if (created) await db.write();
      store.snapshotBytes = fileSize(path);
      await journal.open();
      return store;
    } catch (error) {
      owned.release();
      throw accessProblem(error);
    }
  }

  private replay(entries: Array<Op & { seq: number }>): void {
    for (const entry of entries) {
      this.state.apply(entry);
      this.data.seq = entry.seq;
    }
  }

  /** After a failed write: the journal was cut back to its last durable line; reload snapshot and journal. */
  protected override async recover(): Promise<void> {
    await this.journal.drain();
    const snapshot = await new SnapshotFile(this.path).read();
    const data = snapshot ?? emptyData(keyCheck(this.key));
    const entries = await this.journal.replay(data.seq);
    this.db.data = data;
    this.state = new StoreState(data);
    this.replay(entries as Array<Op & { seq: number }>);
    this.journal.failure = undefined;
    this.changes.tell('all');
    this.options.warn?.(
      `a write failed and was not acknowledged; the store holds ${entries.length} journal changes after its snapshot`,
    );
  }

  /** For tests: make the next journal writes fail as a full disk would. */
  injectWriteFault(fault: (() => Error | undefined) | undefined): void {
    this.journal.injectFault = fault;
  }

  protected override async persist(entries: Array<Op & { seq: number }>): Promise<void> {
    await Promise.all(entries.map((entry) => this.journal.append(entry)));
    this.maybeCompact();
  }

  override async purge(request: PurgeRequest): Promise<PurgeResult> {
    const removed = await super.purge(request);
    // A purge must reach the snapshot soon: the deleted data must not linger on disk.
    await this.compact();
    return removed;
  }

  /**
   * Whether the journal is long enough to fold into the snapshot. Past a size, at half the snapshot: rewriting a
   * 400 MB snapshot every 32 MB of an import would write it a dozen times, while at half its size a store that
   * grows writes each byte about three times in all, and an open replays at most half a snapshot's worth.
   */
  private journalIsLong(growing: boolean): boolean {
    const entries = this.options.compactAfterEntries ?? 5_000;
    const bytes = this.options.compactAfterBytes ?? 32 * 1024 * 1024;
    return (
      this.journal.entries >= entries ||
      this.journal.bytes >= (growing ? Math.max(bytes, this.snapshotBytes / 2) : bytes)
    );
  }

  private maybeCompact(): void {
    if (this.compactQueued || !this.journalIsLong(true)) return;
    this.compactQueued = true;
    this.compact()
      .catch((error) =>
        this.options.warn?.(`compaction failed, the journal keeps every change: ${(error as Error).message}`),
      )
      .finally(() => {
        this.compactQueued = false;
      });
  }

  /** Folds the journal into a new snapshot; one at a time, while changes keep flowing into the journal. */
  compact(): Promise<void> {
    const run = this.compactions
      .catch(() => undefined)
      .then(async () => {
        const seq = this.data.seq;
        await this.db.write();
        this.snapshotBytes = fileSize(this.path);
        await this.journal.dropUpTo(seq);
      });
    this.compactions = run;
    return run;
  }

  override async close(): Promise<void> {
    await this.compactions.catch(() => undefined);
    await this.journal.drain();
    // Closing has time: the next open should find a short journal.
    if (!this.broken && this.journalIsLong(false)) await this.compact();
    await this.journal.close();
    this.lock?.release();
    this.lock = undefined;
  }
}

/** Temporary files a crash left behind (a snapshot or a journal being rewritten): never part of the store. */
function removeLeftovers(path: string): void {
  const folder = dirname(path);
  const name = basename(path);
  for (const file of readdirSync(folder))
    if (file.startsWith(`${name}.tmp-`) || file === `${name}.journal.tmp`)
      rmSync(join(folder, file), { force: true });
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The key file beside a store: `data/prospect-guard.json` → `data/prospect-guard.key`. */
export function keyFileOf(path: string): string {
  return `${path.replace(/\.json$/, '')}.key`;
}

/** Whether a store exists at `path` (its snapshot or its journal). */
export function storeExists(path: string): boolean {
  return existsSync(path) || existsSync(`${path}.journal`);
}

/** Takes the store's lock, or says which process holds it. */
async function lock(path: string, warn: (message: string) => void): Promise<StoreLock> {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new StoreError(`cannot create the folder of the store ${path}: ${(error as Error).message}`);
  }
  return StoreLock.acquire(path, warn);
}
