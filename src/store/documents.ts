import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { NotRecordedError, StoreError } from './errors.ts';

/**
 * Small keyed records kept beside the register that are settings rather than facts about people: API keys,
 * webhook endpoints and their deliveries. Read and written whole, by key; a few thousand at most.
 */
export interface Documents<T = unknown> {
  get(key: string): Promise<T | undefined>;
  put(key: string, value: T): Promise<void>;
  remove(key: string): Promise<void>;
  all(): Promise<Array<[string, T]>>;
}

/** A JSON file, or undefined when there is none; an unreadable one is an error, never taken for an empty one. */
function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Writes `file` whole, mode 600: a temporary file, then a rename, so a crash leaves the old file or the new one.
 * A full disk or an I/O error leaves the old file as it was and says the change was not recorded.
 */
function writeWhole(file: string, temp: string, text: string): void {
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing more to clean: the old file is untouched either way.
    }
    throw new NotRecordedError(
      `${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** In memory (the memory store's, for tests and tools). */
export class MemoryDocuments<T> implements Documents<T> {
  private readonly map = new Map<string, T>();
  async get(key: string) {
    const value = this.map.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }
  async put(key: string, value: T) {
    this.map.set(key, structuredClone(value));
  }
  async remove(key: string) {
    this.map.delete(key);
  }
  async all() {
    return [...this.map].map(([k, v]): [string, T] => [k, structuredClone(v)]);
  }
}

/**
 * One JSON file (mode 600: it may hold secrets such as a webhook's signing secret), written whole: a temporary
 * file, then a rename, so a crash leaves the old file or the new one, never half of one. An unreadable file is
 * an error, never taken for an empty one.
 */
export class FileDocuments<T> implements Documents<T> {
  constructor(readonly path: string) {}

  private read(): Record<string, T> {
    return readJson<Record<string, T>>(this.path) ?? {};
  }

  private write(all: Record<string, T>): void {
    writeWhole(this.path, `${this.path}.tmp-${process.pid}`, JSON.stringify(all));
  }

  async get(key: string) {
    return this.read()[key];
  }
  async put(key: string, value: T) {
    this.write({ ...this.read(), [key]: value });
  }
  async remove(key: string) {
    const { [key]: _gone, ...rest } = this.read();
    this.write(rest as Record<string, T>);
  }
  async all() {
    return Object.entries(this.read());
  }
}

/**
 * One folder per collection beside a file register, one file per key (mode 600, the folder 700): a change writes
 * one small file (a temporary file, then a rename), never the whole collection again, so a burst of webhook
 * deliveries costs the same for the ten-thousandth as for the first.
 */
export class FolderDocuments<T> implements Documents<T> {
  constructor(readonly path: string) {}

  private file(key: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/.test(key)) throw new StoreError(`not a document key: ${key}`);
    return join(this.path, `${key}.json`);
  }

  async get(key: string) {
    return readJson<T>(this.file(key));
  }

  async put(key: string, value: T) {
    const file = this.file(key);
    try {
      mkdirSync(this.path, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new NotRecordedError(
        `${this.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    writeWhole(file, join(this.path, `.${key}.tmp-${process.pid}`), JSON.stringify(value));
  }

  async remove(key: string) {
    rmSync(this.file(key), { force: true });
  }

  async all() {
    let names: string[];
    try {
      names = readdirSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new StoreError(`cannot read ${this.path}: ${(error as Error).message}`);
    }
    return names
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .sort()
      .flatMap((name): Array<[string, T]> => {
        const value = readJson<T>(join(this.path, name));
        return value === undefined ? [] : [[name.slice(0, -'.json'.length), value]];
      });
  }
}

/** Each collection opened once, its name checked: it becomes a file name or a key in a table. */
export class Shelf {
  private readonly opened = new Map<string, Documents<unknown>>();
  constructor(private readonly make: (collection: string) => Documents<unknown>) {}

  open<T>(collection: string): Documents<T> {
    if (!/^[a-z][a-z-]{0,40}$/.test(collection)) throw new StoreError(`not a collection name: ${collection}`);
    let documents = this.opened.get(collection);
    if (!documents) {
      documents = this.make(collection);
      this.opened.set(collection, documents);
    }
    return documents as Documents<T>;
  }
}

/** The settings folders beside a file register (`data/prospect-guard.api-keys/`…), by collection name. */
export function documentFiles(registerPath: string): Array<{ collection: string; path: string }> {
  const base = basename(registerPath).replace(/\.json$/, '');
  const folder = dirname(registerPath);
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.([a-z][a-z-]{0,40})$`);
  try {
    return readdirSync(folder).flatMap((name) => {
      const match = pattern.exec(name);
      const path = join(folder, name);
      return match?.[1] && statSync(path).isDirectory() ? [{ collection: match[1], path }] : [];
    });
  } catch {
    return [];
  }
}
