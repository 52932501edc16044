import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { t } from '../i18n.ts';
import { type HubSpotLookup, hubspotEvents, lemlistActivity } from '../services/inbound.ts';
import type { GuardVars } from './guard.ts';
import { ApiProblem } from './problems.ts';
import type { ApiRegisters } from './registers.ts';
import { Problem } from './schemas.ts';

/** HubSpot's side of its adapter: the app's client secret (signatures) and a token to look contacts up. */
export interface HubSpotSettings {
  clientSecret: string;
  accessToken: string;
  apiUrl: string;
  /** The HubSpot account (portal) whose events count; others are ignored (HUBSPOT_PORTAL_ID). */
  portalId?: number;
}

const Outcome = z
  .object({ recorded: z.number().int(), ignored: z.number().int(), unresolved: z.array(z.string()) })
  .openapi('InboundOutcome');
const answers = (what: string) => ({
  200: { description: what, content: { 'application/json': { schema: Outcome } } },
  400: {
    description: 'Not the tool’s payload.',
    content: { 'application/problem+json': { schema: Problem } },
  },
  401: {
    description: 'No key / a bad signature.',
    content: { 'application/problem+json': { schema: Problem } },
  },
});

const lemlistRoute = createRoute({
  method: 'post',
  path: '/adapters/lemlist',
  summary: 'lemlist webhook: an `emailsUnsubscribed` activity becomes an objection to email here',
  description:
    'Give lemlist this URL with a key of scope `objections` in the query (`?key=pgk_…`): lemlist cannot send headers and does not sign. Other activity types are acknowledged and ignored.',
  // The key as a bearer token, or in the URL for lemlist (which sends no headers).
  security: [{ bearer: [] }, { queryKey: [] }] as Array<Record<string, string[]>>,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .looseObject({
              _id: z.string().optional(),
              type: z.string().max(80).optional(),
              leadEmail: z.string().max(320).optional(),
              leadPhone: z.string().max(40).optional(),
              createdAt: z.string().max(40).optional(),
              campaignId: z.string().max(80).optional(),
            })
            .openapi('LemlistActivity'),
        },
      },
    },
  },
  responses: answers('Recorded or ignored.'),
});

const hubspotRoute = createRoute({
  method: 'post',
  path: '/adapters/hubspot',
  summary: 'HubSpot webhooks: privacy deletions and email opt-outs become objections here',
  description:
    'Signed by HubSpot (X-HubSpot-Signature-v3, checked with HUBSPOT_CLIENT_SECRET, at most five minutes old). Subscribe to `contact.privacyDeletion` and to `contact.propertyChange` of `hs_email_optout`; the person is looked up in HubSpot by id (HUBSPOT_ACCESS_TOKEN).',
  request: {
    query: z.object({
      workspace: z.string().optional().openapi({
        description: 'Many workspaces: the team (T…) or organisation (E…) whose register it is.',
      }),
    }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .array(
              z.looseObject({
                eventId: z.number().optional(),
                portalId: z.number().optional(),
                subscriptionType: z.string().max(80).optional(),
                objectId: z.number().optional(),
                occurredAt: z.number().optional(),
                propertyName: z.string().max(200).optional(),
                propertyValue: z.string().max(2000).optional(),
              }),
            )
            .max(100)
            .openapi('HubSpotEvents'),
        },
      },
    },
  },
  responses: answers('Recorded, ignored, or not found in HubSpot (audited for the DPO).'),
});

/** `X-HubSpot-Signature-v3`: base64 HMAC-SHA256 of method + URI + body + timestamp, with the client secret. */
export function hubspotSignature(
  secret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: string,
) {
  return createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`).digest('base64');
}

/** The contact's addresses and numbers from HubSpot's CRM API; undefined when HubSpot no longer holds it. */
function hubspotLookup(settings: HubSpotSettings): HubSpotLookup {
  return async (objectId) => {
    const properties = 'email,hs_additional_emails,phone,mobilephone';
    const url = `${settings.apiUrl.replace(/\/$/, '')}/crm/v3/objects/contacts/${objectId}?properties=${properties}`;
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${settings.accessToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`HubSpot answered ${response.status} for contact ${objectId}`);
    const found =
      ((await response.json()) as { properties?: Record<string, string | null> }).properties ?? {};
    // hs_additional_emails is a ;-separated list.
    const emails = [found.email, ...(found.hs_additional_emails ?? '').split(';')].filter(
      (e): e is string => !!e?.trim(),
    );
    const phones = [found.phone, found.mobilephone].filter((p): p is string => !!p?.trim());
    return { emails: [...new Set(emails)], phones: [...new Set(phones)] };
  };
}

/** The adapters' routes, on the API's app. */
export function registerAdapters(
  app: OpenAPIHono<{ Variables: GuardVars }>,
  registers: ApiRegisters,
  allowed: (scope: 'objections') => MiddlewareHandler<{ Variables: GuardVars }>,
  hubspot: HubSpotSettings | undefined,
): void {
  app.use('/adapters/lemlist', allowed('objections'));
  app.openapi(lemlistRoute, async (c) =>
    c.json(await lemlistActivity(c.get('ctx'), c.req.valid('json'), `api:${c.get('key').name}`), 200),
  );
  app.use('/adapters/hubspot', async (c, next) => {
    const signature = c.req.header('x-hubspot-signature-v3') ?? '';
    const timestamp = c.req.header('x-hubspot-request-timestamp') ?? '';
    const proto = c.req.header('x-forwarded-proto');
    const uri = proto ? c.req.url.replace(/^https?:/, `${proto}:`) : c.req.url;
    const fresh = Math.abs(Date.now() - Number(timestamp)) <= 5 * 60_000;
    const expected = hubspot
      ? hubspotSignature(hubspot.clientSecret, c.req.method, uri, await c.req.text(), timestamp)
      : '';
    const [a, b] = [Buffer.from(expected), Buffer.from(signature)];
    if (!hubspot || !fresh || a.length !== b.length || !timingSafeEqual(a, b))
      throw new ApiProblem(401, 'bad_signature', 'api_title_bad_signature', (l) =>
        t(l, 'api_detail_bad_signature'),
      );
    // Many workspaces: the signed URL names the register (?workspace=T…); else the default one.
    const ctx = await registers.forWorkspace(c.req.query('workspace'));
    if (!ctx)
      throw new ApiProblem(404, 'not_found', 'api_title_not_found', (l) =>
        t(l, 'api_detail_not_found', { path: c.req.path }),
      );
    c.set('ctx', ctx);
    await next();
  });
  app.openapi(hubspotRoute, async (c) => {
    if (!hubspot) throw new Error('unreachable: the signature check needs HubSpot settings');
    return c.json(
      await hubspotEvents(
        c.get('ctx'),
        c.req.valid('json'),
        hubspotLookup(hubspot),
        'hubspot',
        hubspot.portalId,
      ),
      200,
    );
  });
}
