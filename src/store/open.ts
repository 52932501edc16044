import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FileStore, type FileStoreOptions } from './fileStore.ts';
import { hashKeySetting } from './key.ts';
import { PgStore } from './pg/pgStore.ts';
import { isPostgresUrl } from './pg/register.ts';
import type { Store } from './types.ts';

/**
 * The store at `location`: a PostgreSQL database for a postgres:// URL, else the file store (the default, one
 * process at a time). `created` says a new, empty store was made (a file store only; a database is made by its
 * administrator and only gets its tables here).
 */
export async function openStore(
  location: string,
  options: FileStoreOptions & { schema?: string },
): Promise<Store & { created?: boolean }> {
  if (isPostgresUrl(location))
    return PgStore.open(location, { hashKey: hashKeySetting(options), schema: options.schema });
  mkdirSync(dirname(location), { recursive: true, mode: 0o700 });
  return FileStore.open(location, options);
}

export { isPostgresUrl };
