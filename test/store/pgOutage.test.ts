import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApi, oneRegister } from '../../src/api/app.ts';
import { type RunningApi, serveApi } from '../../src/api/server.ts';
import { createApiKey } from '../../src/services/apiKeys.ts';
import { PgStore } from '../../src/store/pg/pgStore.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';
import { freshDatabase } from './pg.ts';

/**
 * PostgreSQL stopping and coming back, as the app sees it: the store reaches the server through a loopback relay
 * this test closes (every connection cut, new ones refused: what a stopped server does) and opens again.
 */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((inbound) => {
      const outbound = connect(this.target.port, this.target.host);
      for (const socket of [inbound, outbound]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((done) => this.server?.listen(this.port, '127.0.0.1', done));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((done) => this.server?.close(done));
  }
}

let relay: Relay;
let store: PgStore;
let api: RunningApi;
const logs: string[] = [];
let token = '';

beforeAll(async () => {
  const url = new URL(await freshDatabase());
  relay = new Relay({ host: url.hostname, port: Number(url.port) });
  await relay.open();
  url.port = String(relay.port);
  store = await PgStore.open(url.toString(), { env: HASH_ENV });
  const ctx = { store, policy, clock: () => new Date() };
  token = (await createApiKey(ctx, { name: 'crm', scopes: 'objections', by: 'cli:dpo' })).token;
  api = await serveApi(createApi(oneRegister(ctx), { rateLimit: 600, log: (line) => logs.push(line) }), {
    port: 0,
    host: '127.0.0.1',
  });
});

afterAll(async () => {
  await api?.close();
  await store?.close().catch(() => undefined);
  await relay?.stop().catch(() => undefined);
});

const object = (email: string) =>
  fetch(`${api.url}/objections`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });

it('answers 503 not_recorded with Retry-After while PostgreSQL is down, logs no stack, and records again once it is back', async () => {
  const first = await object('first@corp.fr');
  expect(first.status, await first.clone().text()).toBeLessThan(300);
  await relay.stop();
  const down = await object('during@corp.fr');
  expect(down.status).toBe(503);
  expect(down.headers.get('retry-after')).toBe('5');
  expect((await down.json()).code).toBe('not_recorded');
  expect(logs.join('\n')).not.toMatch(/ECONNREFUSED|pg-pool|at .*\.(ts|js):\d+/);
  await relay.open();
  let back = await object('after@corp.fr');
  // The pool may hand out one connection the outage broke before it notices.
  if (back.status === 503) back = await object('after@corp.fr');
  expect(back.status).toBeLessThan(300);
  expect(await store.objectionsSince(new Date(0))).toBe(2);
});
