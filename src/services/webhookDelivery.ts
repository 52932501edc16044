import { InputError } from '../domain/errors.ts';
import { kept } from '../domain/kept.ts';
import type { AppContext } from './context.ts';
import { DELIVERIES, type Delivery, ENDPOINTS, type WebhookEndpoint, webhookSignature } from './webhooks.ts';

/** Waits between tries after a failure: seven tries over about fifteen hours, then the dead-letter list. */
export const BACKOFF_MS = [10_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

/** How long a delivery given up stays in the dead-letter list for `webhook retry`. */
const DEAD_KEPT_MS = 30 * 86_400_000;

export interface DeliveryOptions {
  backoffMs?: number[];
  timeoutMs?: number;
}

export interface DeliveryRound {
  delivered: number;
  retrying: number;
  dead: number;
}

/**
 * Delivers what is due, one replica at a time (a lease), in the order queued for each endpoint: a 2xx answer
 * ends a delivery; anything else (an error status, a redirect, no answer within the timeout) is tried again later,
 * and after the last try the delivery goes to the dead-letter list the DPO sees (`webhook failed`), audited.
 */
export async function deliverDue(ctx: AppContext, options: DeliveryOptions = {}): Promise<DeliveryRound> {
  const backoff = options.backoffMs ?? BACKOFF_MS;
  return ctx.store.exclusive('webhooks', async () => {
    const round = { delivered: 0, retrying: 0, dead: 0 };
    const deliveries = ctx.store.documents<Delivery>(DELIVERIES);
    const endpoints = new Map(await ctx.store.documents<WebhookEndpoint>(ENDPOINTS).all());
    const now = ctx.clock();
    const due = new Map<string, Array<[string, Delivery]>>();
    for (const [key, delivery] of await deliveries.all()) {
      // Given up a month ago: gone, with the addresses some endpoints were to receive (kept no longer than needed).
      const given =
        delivery.state === 'dead' && now.getTime() - new Date(delivery.nextAt).getTime() > DEAD_KEPT_MS;
      if (given || !endpoints.has(delivery.endpoint)) {
        await deliveries.remove(key);
        continue;
      }
      if (delivery.state === 'pending' && new Date(delivery.nextAt) <= now)
        kept(due, delivery.endpoint, () => []).push([key, delivery]);
    }
    // Each endpoint in turn order, the endpoints side by side; an endpoint that fails is left for this round, so
    // one receiver down does not hold the others back nor spend every delivery's tries at once.
    await Promise.all(
      [...due].map(async ([id, queue]) => {
        const endpoint = endpoints.get(id) as WebhookEndpoint;
        for (const [key, delivery] of queue) {
          const error = await post(endpoint, delivery, options.timeoutMs ?? 10_000);
          if (!error) {
            await deliveries.remove(key);
            round.delivered++;
            continue;
          }
          await failed(key, delivery, endpoint, error);
          return;
        }
      }),
    );
    async function failed(key: string, delivery: Delivery, endpoint: WebhookEndpoint, error: string) {
      delivery.attempts++;
      delivery.lastError = error;
      const wait = backoff[delivery.attempts - 1];
      if (wait === undefined) {
        delivery.state = 'dead';
        delivery.nextAt = ctx.clock().toISOString(); // when it was given up
        round.dead++;
        await ctx.store.audit({
          at: ctx.clock().toISOString(),
          actor: 'webhooks',
          action: 'webhook.dead',
          outcome: 'refused',
          detail: `${delivery.id} to ${new URL(endpoint.url).origin} after ${delivery.attempts} tries: ${error}`,
        });
      } else {
        delivery.nextAt = new Date(ctx.clock().getTime() + wait).toISOString();
        round.retrying++;
      }
      await deliveries.put(key, delivery);
    }
    return round;
  });
}

/** One POST, signed; undefined when the receiver accepted it, else why not. */
async function post(
  endpoint: WebhookEndpoint,
  delivery: Delivery,
  timeoutMs: number,
): Promise<string | undefined> {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'prospect-guard-webhooks/1',
        'x-prospect-guard-delivery': delivery.id,
        'x-prospect-guard-timestamp': String(timestamp),
        'x-prospect-guard-signature': webhookSignature(endpoint.secret, timestamp, body),
      },
      body,
    });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300 ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return (error as Error).name === 'TimeoutError'
      ? `no answer within ${timeoutMs / 1000} s`
      : (error as Error).message;
  }
}

/** Deliveries that failed: the dead-letter list (every try failed), then those still being tried again. */
export async function failedDeliveries(ctx: AppContext): Promise<Delivery[]> {
  const failed = (await ctx.store.documents<Delivery>(DELIVERIES).all())
    .map(([, d]) => d)
    .filter((d) => d.state === 'dead' || d.attempts > 0);
  return failed.sort((a, b) =>
    a.state === b.state ? a.nextAt.localeCompare(b.nextAt) : a.state === 'dead' ? -1 : 1,
  );
}

/** Puts dead deliveries (one by id, or all) back in the queue, to be tried from now. */
export async function retryDeliveries(ctx: AppContext, id: string | 'all', by: string): Promise<number> {
  const deliveries = ctx.store.documents<Delivery>(DELIVERIES);
  const dead = (await deliveries.all()).filter(
    ([key, d]) => d.state === 'dead' && (id === 'all' || key === id),
  );
  if (dead.length === 0 && id !== 'all') throw new InputError('unknown_webhook', { value: id });
  for (const [key, delivery] of dead)
    await deliveries.put(key, {
      ...delivery,
      state: 'pending',
      attempts: 0,
      nextAt: ctx.clock().toISOString(),
    });
  await ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor: by,
    action: 'webhook.retry',
    outcome: 'done',
    detail: `${dead.length} deliveries`,
  });
  return dead.length;
}

/** Every few seconds in the running app, a round of deliveries; an error waits for the next round. */
export function startWebhookDelivery(
  ctx: AppContext,
  options: DeliveryOptions & { intervalMs?: number; onError?: (error: Error) => void } = {},
): { stop: () => void; runNow: () => Promise<DeliveryRound | undefined> } {
  let running: Promise<DeliveryRound | undefined> | undefined;
  const runNow = () => {
    running ??= deliverDue(ctx, options)
      .catch((error: Error) => {
        options.onError?.(error);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runNow(), options.intervalMs ?? 2000);
  timer.unref();
  return { stop: () => clearInterval(timer), runNow };
}
