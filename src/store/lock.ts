import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { accessProblem, StoreError, StoreLockedError } from './errors.ts';

/** Who owns a store: a process on a host, told apart from a later process that reuses its pid. */
interface Owner {
  pid: number;
  started: string;
  host: string;
}

/** A process as the kernel says (Linux /proc): its state letter and when it started; undefined where unreadable. */
function processStat(pid: number): { state: string; started: string | undefined } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', started: fields[19] };
  } catch {
    return undefined;
  }
}

const processStart = (pid: number) => processStat(pid)?.started;

function alive(owner: Owner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process: we cannot tell, so it owns it
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const stat = processStat(owner.pid);
  // Killed but not yet reaped by its parent (a zombie, Z, or dying, X): it holds nothing any more, and its pid
  // still answers kill(0) until the parent waits for it.
  if (stat && (stat.state === 'Z' || stat.state === 'X')) return false;
  const started = stat?.started;
  return started === undefined || owner.started === '' || started === owner.started;
}

function me(): Owner {
  return { pid: process.pid, started: processStart(process.pid) ?? '', host: hostname() };
}

/**
 * One owner per store, by identity rather than by a heartbeat: the lock file names the owning process (pid, its
 * start time, host). A live owner never loses it, however long it stalls; a dead owner's lock (after kill -9) is
 * taken over at once, with a line that says so. `owns()` lets the owner check, before each write, that nobody
 * took it (fencing).
 */
export class StoreLock {
  private readonly owner = me();

  private constructor(readonly path: string) {}

  static acquire(storePath: string, warn: (message: string) => void): StoreLock {
    const lock = new StoreLock(`${storePath}.lock`);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileSync(lock.path, JSON.stringify(lock.owner), { flag: 'wx', mode: 0o600 });
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          if ((error as NodeJS.ErrnoException).code === 'EISDIR') return lock.replaceOldLock(storePath, warn);
          const denied = accessProblem(error);
          if (denied !== error) throw denied;
          throw new StoreError(`cannot lock the store ${storePath}: ${(error as Error).message}`);
        }
      }
      const holder = lock.read();
      if (holder && alive(holder))
        throw new StoreLockedError(
          `the store ${storePath} is in use by prospect-guard process ${holder.pid} on ${holder.host} (lock ${lock.path}); stop it first, or use the command line beside it`,
        );
      warn(
        `took over the lock of ${storePath} from process ${holder?.pid ?? '?'}, which is no longer running`,
      );
      rmSync(lock.path, { force: true, recursive: true });
    }
    throw new StoreError(`cannot lock the store ${storePath}: another process keeps taking the lock`);
  }

  /** A lock folder left by an older version (proper-lockfile): a stale one goes, a fresh one means in use. */
  private replaceOldLock(storePath: string, warn: (message: string) => void): StoreLock {
    const age = Date.now() - statSync(this.path).mtimeMs;
    if (age < 30_000)
      throw new StoreLockedError(
        `the store ${storePath} is in use by another prospect-guard process (lock ${this.path})`,
      );
    warn(`removed an old lock folder ${this.path}`);
    rmSync(this.path, { recursive: true, force: true });
    return StoreLock.acquire(storePath, warn);
  }

  private read(): Owner | undefined {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Owner;
    } catch {
      return undefined;
    }
  }

  /** Whether this process still owns the store (nobody removed or took its lock). */
  owns(): boolean {
    const holder = this.read();
    return (
      holder !== undefined &&
      holder.pid === this.owner.pid &&
      holder.started === this.owner.started &&
      holder.host === this.owner.host
    );
  }

  release(): void {
    if (this.owns()) rmSync(this.path, { force: true });
  }
}
