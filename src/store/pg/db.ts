import pg from 'pg';
import { StoreUnavailableError } from '../errors.ts';

/** Errors of the network or of connecting: the database is unreachable, not the request wrong. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
/**
 * SQLSTATE classes of a failing server rather than a wrong query: 08 connection exception, 53 insufficient
 * resources (disk full, too many connections), 57 operator intervention (shutting down, starting up), 58 system
 * error, XX internal error.
 */
const FAILING = /^(08|53|57|58|XX)/;

/** A database error as the store's own when the database is unreachable or failing; anything else as it was. */
export function storeFailure(error: unknown): unknown {
  const e = error as { code?: string; message?: string } | undefined;
  const code = e?.code ?? '';
  const lost =
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;
  if (UNREACHABLE.has(code) || FAILING.test(code) || lost.test(e?.message ?? ''))
    return new StoreUnavailableError(code || 'connection lost');
  return error;
}

type Queries = { query: (...args: never[]) => unknown };
const GUARDED = Symbol('guarded');

/** Every query of `target` (a pool, a pooled client) throws the store's error when the database fails. */
function guard<T extends Queries>(target: T): T {
  const marked = target as T & { [GUARDED]?: true };
  if (marked[GUARDED]) return target;
  const query = target.query.bind(target) as (...args: unknown[]) => unknown;
  target.query = ((...args: unknown[]) => {
    const result = query(...args);
    // A COPY stream (pg-copy-streams) is no promise: its errors come on the stream.
    return result instanceof Promise
      ? result.catch((error: unknown) => {
          throw storeFailure(error);
        })
      : result;
  }) as T['query'];
  marked[GUARDED] = true;
  return target;
}

/** Connections to `url`; with `schema`, every one of them works in that schema (a workspace's register). */
export function pool(url: string, schema?: string): pg.Pool {
  const created = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection dropped by the server must not crash the app: the pool makes a new one.
  created.on('error', () => undefined);
  return guard(created);
}

/**
 * Runs `work` in one transaction: everything it writes is committed together, or nothing is. A serialization
 * failure or deadlock between replicas is tried again, up to three times.
 */
export async function transaction<T>(db: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await connect(db);
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      const code = (error as { code?: string }).code;
      if ((code === '40001' || code === '40P01') && attempt < 3) continue;
      throw error;
    } finally {
      client.release();
    }
  }
}

export async function connect(db: pg.Pool): Promise<pg.PoolClient> {
  try {
    return guard(await db.connect());
  } catch (error) {
    const failure = storeFailure(error);
    throw failure === error ? new StoreUnavailableError((error as Error).message) : failure;
  }
}

/** Serialises writes about one identifier (or the audit chain) across every connection and replica. */
export async function lockKeys(client: pg.PoolClient, keys: string[]): Promise<void> {
  // Always in the same order, so two transactions wanting the same keys never wait on each other in a circle.
  await client.query(
    'select pg_advisory_xact_lock(h) from (select distinct hashtextextended(k, 0) as h from unnest($1::text[]) as k) keys order by h',
    [keys],
  );
}

export const rowsOf = <T>(result: { rows: Array<{ data: T }> }): T[] => result.rows.map((row) => row.data);

/** A connection of its own that hears `channel` (LISTEN); `onMessage` gets each payload. */
export async function listenFor(
  db: pg.Pool,
  channel: string,
  onMessage: (payload: string) => void,
): Promise<pg.PoolClient> {
  const client = await connect(db);
  client.on('notification', (message) => onMessage(message.payload ?? '[]'));
  await client.query(`listen ${channel}`);
  return client;
}

/** Sent to every listener once the transaction of `client` commits; payloads are limited to 8,000 bytes. */
export async function notify(client: pg.PoolClient, channel: string, payload: string): Promise<void> {
  await client.query('select pg_notify($1, $2)', [channel, payload]);
}
