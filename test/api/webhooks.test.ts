import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/services/context.ts';
import { optOut, recordConsent } from '../../src/services/record.ts';
import { deliverDue, failedDeliveries, retryDeliveries } from '../../src/services/webhookDelivery.ts';
import { addWebhook } from '../../src/services/webhooks.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';
import { financeProfessional } from '../support/subjects.ts';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on loopback that answers each POST with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/prospect-guard`;
  return { url, received, close: () => new Promise((r) => server.close(r)) };
}

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function register(): Promise<AppContext> {
  const store = await FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV });
  cleanup.push(() => store.close());
  await store.saveContact(financeProfessional('alice@corp.fr'), new Date('2026-01-05T09:00:00Z'));
  return { store, policy, clock: () => new Date('2026-11-23T10:30:00+01:00') };
}

describe('webhooks of objections and withdrawals', () => {
  it('POSTs a signed objection, tried again after a 500, the person only as a hash by default', async () => {
    const ctx = await register();
    const hook = await receiver([500, 200]);
    cleanup.push(hook.close);
    const endpoint = await addWebhook(ctx, { url: hook.url, by: 'cli:dpo' });
    await optOut(ctx, { email: 'alice@corp.fr', origin: 'slack:U0SALES' });
    expect(await deliverDue(ctx, { backoffMs: [0, 0] })).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    expect(await deliverDue(ctx, { backoffMs: [0, 0] })).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(await deliverDue(ctx, { backoffMs: [0, 0] })).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    expect(hook.received).toHaveLength(2);
    const [, last] = hook.received;
    if (!last) throw new Error('nothing received');
    const timestamp = String(last.headers['x-prospect-guard-timestamp']);
    const expected = createHmac('sha256', endpoint.secret)
      .update(`v1:${timestamp}:${last.body}`)
      .digest('hex');
    expect(last.headers['x-prospect-guard-signature']).toBe(`v1=${expected}`);
    const payload = JSON.parse(last.body);
    expect(payload).toMatchObject({ type: 'objection.recorded', scope: 'all', origin: 'slack:U0SALES' });
    expect(payload.people).toEqual([
      { kind: 'email', hash: ctx.store.hash({ kind: 'email', value: 'alice@corp.fr' }) },
    ]);
    expect(last.body).not.toContain('alice@corp.fr');
  });

  it('sends the identifiers to an endpoint configured for them, and tells withdrawals', async () => {
    const ctx = await register();
    const hook = await receiver([200]);
    cleanup.push(hook.close);
    await addWebhook(ctx, { url: hook.url, events: 'withdrawal', withIdentifiers: true, by: 'cli:dpo' });
    await optOut(ctx, { email: 'bob@corp.fr', origin: 'cli:dpo' }); // an objection: not asked for
    await recordConsent(ctx, {
      email: 'alice@corp.fr',
      action: 'withdraw',
      channel: 'email',
      recordedBy: 'api:crm',
    });
    await deliverDue(ctx);
    expect(hook.received.map((r) => JSON.parse(r.body))).toMatchObject([
      {
        type: 'consent.withdrawn',
        scope: 'email',
        purpose: 'prospecting',
        origin: 'api:crm',
        people: [{ kind: 'email', value: 'alice@corp.fr' }],
      },
    ]);
  });

  it('keeps a delivery that failed every try in the dead-letter list, audited, until retried', async () => {
    const ctx = await register();
    const hook = await receiver([503]);
    cleanup.push(hook.close);
    await addWebhook(ctx, { url: hook.url, by: 'cli:dpo' });
    await optOut(ctx, { phone: '+33 6 12 34 56 78', origin: 'cli:dpo' });
    await deliverDue(ctx, { backoffMs: [0] });
    expect(await deliverDue(ctx, { backoffMs: [0] })).toEqual({ delivered: 0, retrying: 0, dead: 1 });
    const [dead] = await failedDeliveries(ctx);
    expect(dead).toMatchObject({ attempts: 2, lastError: 'HTTP 503', state: 'dead' });
    expect(await deliverDue(ctx, { backoffMs: [0] })).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    const trail = await ctx.store.auditTrail({ action: 'webhook.dead' });
    expect(trail[0]?.detail).toContain('after 2 tries: HTTP 503');
    // Kept a month for the DPO to retry, then gone with what it carried.
    const later = { ...ctx, clock: () => new Date('2026-12-20T10:30:00+01:00') };
    await deliverDue(later, { backoffMs: [0] });
    expect(await failedDeliveries(ctx)).toHaveLength(1);
    expect(await retryDeliveries(ctx, 'all', 'cli:dpo')).toBe(1);
    expect(await failedDeliveries(ctx)).toEqual([]);
    expect(hook.received).toHaveLength(2);
    await deliverDue(ctx, { backoffMs: [0] });
    await deliverDue(ctx, { backoffMs: [0] });
    expect(await failedDeliveries(ctx)).toHaveLength(1);
    await deliverDue({ ...ctx, clock: () => new Date('2026-12-24T10:31:00+01:00') }, { backoffMs: [0] });
    expect(await failedDeliveries(ctx)).toEqual([]);
  });

  it('keeps each endpoint in order, and does not let one receiver down hold back another', async () => {
    const ctx = await register();
    const [down, up] = [await receiver([500]), await receiver([200])];
    cleanup.push(down.close, up.close);
    await addWebhook(ctx, { url: down.url, by: 'cli:dpo' });
    await addWebhook(ctx, { url: up.url, withIdentifiers: true, by: 'cli:dpo' });
    for (const email of ['a1@corp.fr', 'a2@corp.fr', 'a3@corp.fr'])
      await optOut(ctx, { email, origin: 'cli:dpo' });
    expect(await deliverDue(ctx, { backoffMs: [60_000] })).toEqual({ delivered: 3, retrying: 1, dead: 0 });
    expect(up.received.map((r) => JSON.parse(r.body).people[0].value)).toEqual([
      'a1@corp.fr',
      'a2@corp.fr',
      'a3@corp.fr',
    ]);
    // The receiver that failed was tried once this round: its other deliveries keep all their tries.
    expect(down.received).toHaveLength(1);
    expect((await failedDeliveries(ctx)).map((d) => d.attempts)).toEqual([1]);
  });

  it('refuses a plain-http receiver elsewhere than this machine', async () => {
    const ctx = await register();
    await expect(addWebhook(ctx, { url: 'http://crm.example.com/hook', by: 'cli:dpo' })).rejects.toThrow(
      'invalid_webhook_url',
    );
    await expect(
      addWebhook(ctx, { url: 'https://crm.example.com/hook', events: 'click', by: 'x' }),
    ).rejects.toThrow('not_one_of');
  });
});
