import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { AppContext } from '../services/context.ts';
import type { Io } from './kit.ts';

/**
 * The command line beside the running app. The app owns the store (one owner: its lock); a command typed while it
 * runs is sent to it over a Unix socket next to the store, mode 600 so that only the store's owner can use it,
 * and carried out there with the same output, exit status and audit actor (`cli:USER`).
 */
export function socketPathOf(dbPath: string): string {
  return `${dbPath}.sock`;
}

interface Request {
  argv: string[];
  user: string;
}

type Reply = { out: string } | { err: string } | { status: number };

/** Serves commands for the app's store until closed. */
export async function serveCommands(
  ctx: AppContext,
  socketPath: string,
  run: (argv: string[], io: Io) => Promise<number>,
): Promise<() => Promise<void>> {
  rmSync(socketPath, { force: true }); // a socket left by a process that died
  const server: Server = createServer((socket) => {
    const lines = createInterface({ input: socket });
    lines.once('line', async (line) => {
      const send = (reply: Reply) => socket.write(`${JSON.stringify(reply)}\n`);
      let status = 4;
      try {
        const request = JSON.parse(line) as Request;
        if (request.argv.includes('start')) {
          send({ err: 'prospect-guard: the app is already running' });
          status = 2;
        } else
          status = await run(request.argv, {
            out: (text) => send({ out: text }),
            err: (text) => send({ err: text }),
            env: { ...process.env, USER: request.user, USERNAME: request.user },
            clock: ctx.clock,
            context: ctx,
          });
      } catch (error) {
        send({ err: `prospect-guard: ${(error as Error).message}` });
      }
      send({ status });
      socket.end();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(socketPath, () => done());
  });
  chmodSync(socketPath, 0o600);
  return () =>
    new Promise<void>((done) => {
      server.close(() => done());
      rmSync(socketPath, { force: true });
    });
}

/** Options whose value is a path, made absolute before the command travels to the app (its folder differs). */
const PATH_OPTIONS = new Set([
  '--details',
  '--cleaned',
  '--out',
  '--rejected',
  '--template',
  '--db',
  '--policy',
]);

/** Options whose value is a word, never a file, even when a file of that name happens to be in the folder. */
const WORD_OPTIONS = new Set([
  '--sheet',
  '--column',
  '--from',
  '--collected-at-column',
  '--scope',
  '--format',
  '--lang',
]);

export function absolutePaths(argv: string[]): string[] {
  return argv.map((arg, i) => {
    const previous = argv[i - 1] ?? '';
    if (WORD_OPTIONS.has(previous)) return arg;
    const isPath =
      PATH_OPTIONS.has(previous) || (!arg.startsWith('-') && !isAbsolute(arg) && existsSync(arg));
    return isPath && !isAbsolute(arg) ? resolve(arg) : arg;
  });
}

/** Sends a command to the running app and relays what it prints; resolves with its exit status. */
export function forwardCommand(socketPath: string, argv: string[], io: Io, user: string): Promise<number> {
  return new Promise((done) => {
    const socket = createConnection(socketPath);
    socket.once('error', (error) => {
      io.err(`prospect-guard: the running app did not answer (${error.message})`);
      done(4);
    });
    socket.write(`${JSON.stringify({ argv: absolutePaths(argv), user } satisfies Request)}\n`);
    const lines = createInterface({ input: socket });
    lines.on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      if ('out' in reply) io.out(reply.out);
      else if ('err' in reply) io.err(reply.err);
      else done(reply.status);
    });
  });
}
