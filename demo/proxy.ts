import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { FakeSlack } from '../src/slack/emulator/fakeSlack.ts';

/** What the replicas demo and bench share: replicas of `prospect-guard start`, and a round-robin proxy. */

const ROOT = join(import.meta.dirname, '..');

/**
 * `prospect-guard start` in HTTP mode on `port`, on the register `database`, talking to the fake Slack; `root` is
 * the project's folder (the bench, bundled elsewhere, gives it).
 */
export function replica(
  port: number,
  slack: FakeSlack,
  secret: string,
  database: string,
  env: Record<string, string>,
  root = ROOT,
): ChildProcess {
  return spawn(process.execPath, [join(root, 'bin', 'prospect-guard.js'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: database,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

/** Resolves once something listens on `port`. */
export async function listening(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket.end() !== undefined));
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

/** A load balancer in a few lines: each request to the next replica, or the one after if it is down. */
export function proxy(ports: number[]) {
  let next = 0;
  const served = new Map<number, number>();
  // Connections to the replicas are kept open, as a load balancer does: a new one per request would cost more
  // than the request.
  const agent = new Agent({ keepAlive: true });
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c) => chunks.push(c));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const port = ports[next++ % ports.length] as number;
        const forward = request(
          {
            host: '127.0.0.1',
            port,
            path: incoming.url,
            method: incoming.method,
            headers: incoming.headers,
            agent,
          },
          (reply) => {
            served.set(port, (served.get(port) ?? 0) + 1);
            outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
            reply.pipe(outgoing);
          },
        );
        forward.on('error', () => (tries > 1 ? attempt(tries - 1) : outgoing.writeHead(502).end()));
        forward.end(body);
      };
      attempt(ports.length);
    });
  });
  server.on('close', () => agent.destroy());
  return { server, served };
}
