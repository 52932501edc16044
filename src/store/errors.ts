/** The store cannot be used as it is (corrupt, locked, unreadable). The file is always left untouched. */
export class StoreError extends Error {
  override name = 'StoreError';
}
