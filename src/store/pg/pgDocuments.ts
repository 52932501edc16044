import type pg from 'pg';
import type { Documents } from '../documents.ts';
import type { Installations } from '../installations.ts';

/** The `documents` table of the register's schema, one collection per name, shared by every replica. */
export class PgDocuments<T> implements Documents<T> {
  constructor(
    private readonly db: pg.Pool,
    private readonly collection: string,
  ) {}

  async get(key: string) {
    const { rows } = await this.db.query('select data from documents where collection = $1 and key = $2', [
      this.collection,
      key,
    ]);
    return rows[0]?.data as T | undefined;
  }
  async put(key: string, value: T) {
    await this.db.query(
      `insert into documents (collection, key, data) values ($1, $2, $3)
       on conflict (collection, key) do update set data = excluded.data, at = now()`,
      [this.collection, key, JSON.stringify(value)],
    );
  }
  async remove(key: string) {
    await this.db.query('delete from documents where collection = $1 and key = $2', [this.collection, key]);
  }
  async all() {
    const { rows } = await this.db.query<{ key: string; data: T }>(
      'select key, data from documents where collection = $1 order by at, key',
      [this.collection],
    );
    return rows.map((r): [string, T] => [r.key, r.data]);
  }
}

/** A table of the database every replica shares (outside the workspaces' own schemas). */
export class PgInstallations implements Installations {
  constructor(private readonly db: pg.Pool) {}

  async save(key: string, installation: unknown): Promise<void> {
    await this.db.query(
      'insert into installations (key, data) values ($1, $2) on conflict (key) do update set data = excluded.data, installed_at = now()',
      [key, installation],
    );
  }

  async find(key: string): Promise<unknown | undefined> {
    return (await this.db.query('select data from installations where key = $1', [key])).rows[0]?.data;
  }

  async remove(key: string): Promise<void> {
    await this.db.query('delete from installations where key = $1', [key]);
  }

  async keys(): Promise<string[]> {
    return (await this.db.query<{ key: string }>('select key from installations order by key')).rows.map(
      (r) => r.key,
    );
  }
}
