import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../domain/errors.ts';

/** The files that make up a store: never overwritten by a report. */
export function storeFiles(dbPath: string): string[] {
  const base = resolve(dbPath);
  return [base, `${base}.journal`, `${base}.lock`, `${base.replace(/\.json$/, '')}.key`].map((p) =>
    resolve(p),
  );
}

/**
 * Whether a command may write its output file there; commands check before they change the store, so a refused
 * output path never leaves a half-done command behind (a saved check, an import without its rejected rows).
 */
export function assertWritable(path: string, options: { force?: boolean; dbPath: string }): string {
  const target = resolve(path);
  if (storeFiles(options.dbPath).includes(target)) throw new InputError('store_file', { file: path });
  if (!options.force && existsSync(target)) throw new InputError('file_exists', { file: path });
  return target;
}

/**
 * Writes a file a command produces (a details list, an access-request export): never onto the store's own files,
 * never over an existing file unless `force`, and readable by its owner only (it holds personal data).
 */
export function writeOutput(
  path: string,
  data: string | Buffer,
  options: { force?: boolean; dbPath: string },
): void {
  const target = assertWritable(path, options);
  writeFileSync(target, data, { mode: 0o600 });
  chmodSync(target, 0o600); // a replaced file keeps its old mode otherwise
}
