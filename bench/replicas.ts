import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort } from '../demo/postgres.ts';
import { listening, proxy, replica } from '../demo/proxy.ts';
import { FakeSlack } from '../src/slack/emulator/fakeSlack.ts';
import { canIRequests, type LoadFigures, runLoad } from './load.ts';
import { ROOT } from './root.ts';

/**
 * `/can-i-email` through the round-robin proxy to one replica, then to two (`prospect-guard start` processes on
 * the same PostgreSQL register), under the same load: issue 15 asks two to reach 1.8× one. Every process here
 * (replicas, proxy, fake Slack, PostgreSQL, autocannon) shares this machine's cores, which the figure says.
 */
export async function benchReplicas(
  database: string,
  env: Record<string, string>,
  emailOf: (i: number) => string,
): Promise<Record<1 | 2, Omit<LoadFigures, 'longestStallMs'>>> {
  const slack = await new FakeSlack().start();
  slack.botToken = `xoxb-bench-${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  const measure = async (count: number) => {
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const replicas: ChildProcess[] = ports.map((port) => replica(port, slack, secret, database, env, ROOT));
    const { server } = proxy(ports);
    try {
      await Promise.all(ports.map(listening));
      const port = await freePort();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${port}/slack/events`;
      // A short warm-up per replica, so neither measure includes start-up (JIT, first connections).
      await runLoad(url, canIRequests(secret, slack.responseUrl(), emailOf), 10, 3, secret);
      return await runLoad(url, canIRequests(secret, slack.responseUrl(), emailOf), 50, 10, secret);
    } finally {
      server.close();
      for (const child of replicas) child.kill('SIGTERM');
      await Promise.all(
        replicas.map(
          (child) => child.exitCode === null && new Promise((resolve) => child.once('exit', resolve)),
        ),
      );
    }
  };
  try {
    return { 1: await measure(1), 2: await measure(2) };
  } finally {
    await slack.stop();
  }
}
