/** The store cannot be used as it is (corrupt, locked, unreadable). The file is always left untouched. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** Another process holds the file store's lock: the running app, whose command line beside it can take the command. */
export class StoreLockedError extends StoreError {
  override name = 'StoreLockedError';
}

/**
 * A change that could not be made durable (a full disk, an I/O error): it is not recorded, nothing half-written
 * stays, and the store goes on; the same change can be made again once the disk accepts it.
 */
export class NotRecordedError extends StoreError {
  override name = 'NotRecordedError';
  constructor(readonly reason: string) {
    super(`not recorded: ${reason}. Nothing was changed; try again once the disk has room.`);
  }
}

/**
 * The register's database cannot be reached or is failing (stopped, restarting, out of connections or disk): the
 * call did nothing, and the same call can be made again once it answers.
 */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';
  constructor(readonly reason: string) {
    super(
      `the register's database is not answering (${reason}). Nothing was changed; try again in a moment.`,
    );
  }
}

/** A lease was taken over by another replica (this one was cut off): what it was doing is left to that one. */
export class LeaseLost extends StoreError {
  override name = 'LeaseLost';
  constructor(readonly lease: string) {
    super(`the lease "${lease}" is now held by another replica; this one stops and leaves the work to it`);
  }
}

/** Access refused by the system: this user may not read or write the file, or the disk is mounted read-only. */
const DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * A file of the register this process may not use, as a store message that names the file and the fix (the
 * system's EACCES says neither); anything else is returned as it was.
 */
export function accessProblem(error: unknown): unknown {
  const e = error as NodeJS.ErrnoException | undefined;
  if (!e || !DENIED.has(e.code ?? '')) return error;
  const file = e.path ?? 'the register';
  if (e.code === 'EROFS')
    return new StoreError(
      `${file} is on a read-only disk: move the register to a writable one (PROSPECT_GUARD_DB), nothing was changed`,
    );
  return new StoreError(
    `this user may not ${e.syscall === 'open' ? 'open' : 'change'} ${file} (permission denied): run prospect-guard as the account that owns the register (ls -l shows it), or give this account read and write access; nothing was changed`,
  );
}
