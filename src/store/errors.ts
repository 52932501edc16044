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

/** A lease was taken over by another replica (this one was cut off): what it was doing is left to that one. */
export class LeaseLost extends StoreError {
  override name = 'LeaseLost';
  constructor(readonly lease: string) {
    super(`the lease "${lease}" is now held by another replica; this one stops and leaves the work to it`);
  }
}
