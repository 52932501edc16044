import { createHmac, randomBytes } from 'node:crypto';
import { InputError } from '../domain/errors.ts';
import type { Identifier } from '../domain/identifiers.ts';
import type { AppContext } from './context.ts';

/**
 * What a webhook tells: an objection recorded, or a consent withdrawn. A withdrawal carries its purpose: it ends
 * the consents of that purpose on its channel, and is not an objection to the channel.
 */
export const WEBHOOK_EVENTS = ['objection', 'withdrawal'] as const;
export type WebhookEventKind = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookEndpoint {
  id: string;
  url: string;
  /** The HMAC key the receiver checks signatures with: shown once at creation, kept here to sign. */
  secret: string;
  events: WebhookEventKind[];
  /** Whether this endpoint receives email addresses and phone numbers, or only their keyed hashes. */
  identifiers: boolean;
  createdAt: string;
  createdBy: string;
}

/** The body POSTed: the person as keyed hashes, and in clear only to an endpoint configured to receive them. */
export interface WebhookPayload {
  id: string;
  type: 'objection.recorded' | 'consent.withdrawn';
  at: string;
  scope: string;
  /** `consent.withdrawn`: the purpose of the consent withdrawn (`prospecting`, `newsletter`…). */
  purpose?: string;
  origin: string;
  /**
   * The person as the register's keyed hash (her address or number too, for an endpoint that receives them); a
   * person another tool's list gave only hashed is that unkeyed hash (`kind` sha256 or md5, `value` its hex),
   * sent only to an endpoint that receives identifiers: a plain hash of an address is as good as the address.
   */
  people: Array<
    { kind: 'email' | 'phone'; hash: string; value?: string } | { kind: 'sha256' | 'md5'; value: string }
  >;
}

export interface Delivery {
  id: string;
  endpoint: string;
  payload: WebhookPayload;
  attempts: number;
  nextAt: string;
  state: 'pending' | 'dead';
  lastError?: string;
}

let queued = 0;
/** The instant, then a count within this process: keys that sort in the order deliveries were queued. */
const queuedAt = (at: Date) =>
  `${String(at.getTime()).padStart(14, '0')}-${String(++queued % 1e6).padStart(6, '0')}`;

export const ENDPOINTS = 'webhooks';
export const DELIVERIES = 'webhook-deliveries';

/** A new endpoint: https (or http on this machine, for tests and proxies), the secret returned once. */
export async function addWebhook(
  ctx: AppContext,
  input: { url: string; events?: string; withIdentifiers?: boolean; by: string },
): Promise<WebhookEndpoint> {
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw new InputError('invalid_webhook_url', { field: 'url', value: input.url });
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new InputError('invalid_webhook_url', { field: 'url', value: input.url });
  const events = (input.events ?? WEBHOOK_EVENTS.join(','))
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const event of events)
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(event))
      throw new InputError('not_one_of', {
        field: 'events',
        value: event,
        allowed: WEBHOOK_EVENTS.join(', '),
      });
  const known = await ctx.store.documents<WebhookEndpoint>(ENDPOINTS).all();
  if (known.some(([, e]) => e.url === url.href))
    throw new InputError('webhook_exists', { field: 'url', value: url.href });
  const endpoint: WebhookEndpoint = {
    id: `wh_${randomBytes(6).toString('hex')}`,
    url: url.href,
    secret: `whsec_${randomBytes(24).toString('base64url')}`,
    events: [...new Set(events)] as WebhookEventKind[],
    identifiers: input.withIdentifiers === true,
    createdAt: ctx.clock().toISOString(),
    createdBy: input.by,
  };
  await ctx.store.documents<WebhookEndpoint>(ENDPOINTS).put(endpoint.id, endpoint);
  await ctx.store.audit({
    at: endpoint.createdAt,
    actor: input.by,
    action: 'webhook.add',
    outcome: 'done',
    detail: `${endpoint.id} ${url.origin} ${endpoint.events.join(',')}${endpoint.identifiers ? ' with identifiers' : ''}`,
  });
  return endpoint;
}

export async function listWebhooks(ctx: AppContext): Promise<Array<Omit<WebhookEndpoint, 'secret'>>> {
  return (await ctx.store.documents<WebhookEndpoint>(ENDPOINTS).all()).map(
    ([, { secret: _s, ...rest }]) => rest,
  );
}

/** Removes an endpoint; what was still to be delivered to it goes too. */
export async function removeWebhook(ctx: AppContext, id: string, by: string): Promise<void> {
  const endpoints = ctx.store.documents<WebhookEndpoint>(ENDPOINTS);
  if (!(await endpoints.get(id))) throw new InputError('unknown_webhook', { value: id });
  await endpoints.remove(id);
  const deliveries = ctx.store.documents<Delivery>(DELIVERIES);
  for (const [key, delivery] of await deliveries.all())
    if (delivery.endpoint === id) await deliveries.remove(key);
  await ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor: by,
    action: 'webhook.remove',
    outcome: 'done',
    detail: id,
  });
}

/**
 * Queues, for every endpoint that asked for this kind of event, a delivery of it: kept in the register's
 * documents until the receiver accepts it, so a restart loses none. Called by the services that record
 * objections and withdrawals, whichever entry point (CLI, Slack, API, adapters) they serve.
 */
export async function queueWebhooks(
  ctx: AppContext,
  kind: WebhookEventKind,
  event: {
    at: Date;
    scope: string;
    purpose?: string;
    origin: string;
    identifiers: Identifier[];
    /** People known only by another tool's hash (`foreign:sha256:…`, domain/foreignHashes.ts). */
    foreign?: string[];
  },
): Promise<void> {
  const endpoints = (await ctx.store.documents<WebhookEndpoint>(ENDPOINTS).all()).filter(([, e]) =>
    e.events.includes(kind),
  );
  if (endpoints.length === 0) return;
  const id = `evt_${randomBytes(8).toString('hex')}`;
  const deliveries = ctx.store.documents<Delivery>(DELIVERIES);
  for (const [, endpoint] of endpoints) {
    const hashed = endpoint.identifiers ? (event.foreign ?? []).map(unkeyed) : [];
    if (event.identifiers.length === 0 && hashed.length === 0) continue;
    const payload: WebhookPayload = {
      id,
      type: kind === 'objection' ? 'objection.recorded' : 'consent.withdrawn',
      at: event.at.toISOString(),
      scope: event.scope,
      ...(event.purpose ? { purpose: event.purpose } : {}),
      origin: event.origin,
      people: event.identifiers.map((target) => ({
        kind: target.kind,
        hash: ctx.store.hash(target),
        ...(endpoint.identifiers ? { value: target.value } : {}),
      })),
    };
    payload.people.push(...hashed);
    const delivery: Delivery = {
      // Sortable by when it was queued: each endpoint receives its events in the order they were recorded.
      id: `${queuedAt(ctx.clock())}.${id}.${endpoint.id}`,
      endpoint: endpoint.id,
      payload,
      attempts: 0,
      nextAt: ctx.clock().toISOString(),
      state: 'pending',
    };
    await deliveries.put(delivery.id, delivery);
  }
}

/** Another tool's hash as a receiver reads it: `foreign:md5:ab12…` is `{ kind: 'md5', value: 'ab12…' }`. */
function unkeyed(key: string): { kind: 'sha256' | 'md5'; value: string } {
  const [, algorithm, value] = key.split(':') as [string, 'sha256' | 'md5', string];
  return { kind: algorithm, value };
}

/**
 * The signature a receiver checks, as Slack signs its own requests: HMAC-SHA256 of `v1:{timestamp}:{body}` with the
 * endpoint's secret, sent as `X-Prospect-Guard-Signature: v1=<hex>` beside `X-Prospect-Guard-Timestamp` (Unix
 * seconds). A receiver refuses a timestamp more than five minutes old (a replay).
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`v1:${timestamp}:${body}`).digest('hex')}`;
}
