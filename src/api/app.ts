import { randomBytes } from 'node:crypto';
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Channel } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type Lang, t } from '../i18n.ts';
import { keyActor } from '../policy/access.ts';
import type { Policy } from '../policy/load.ts';
import { policyLists } from '../reports/problems.ts';
import { ask } from '../services/ask.ts';
import { askBatch } from '../services/askBatch.ts';
import { optOut, recordConsent, recordEvent } from '../services/record.ts';
import { StoreError } from '../store/errors.ts';
import { type HubSpotSettings, registerAdapters } from './adapters.ts';
import { registerCampaignRoutes } from './campaigns.ts';
import { type GuardVars, guard } from './guard.ts';
import { ApiProblem, inputProblem, langOf, shapeProblem } from './problems.ts';
import type { ApiRegisters } from './registers.ts';
import { batchRoute, consentRoute, decisionRoute, eventRoute, objectionRoute } from './routes.ts';
import type { BatchResult, Decision } from './schemas.ts';

// Where the API finds a key's register: its own module, so the adapters need not import this one.
export { type ApiRegisters, oneRegister } from './registers.ts';

export interface ApiOptions {
  /** Requests per minute per key. */
  rateLimit: number;
  /** HubSpot's adapter, when HUBSPOT_CLIENT_SECRET and HUBSPOT_ACCESS_TOKEN are set. */
  hubspot?: HubSpotSettings;
  log?: (line: string) => void;
}

/** The largest request body read, in bytes. */
const BODY_LIMIT = 4 * 2 ** 20;

/** The fields a whole batch shares: a problem with one of them is the batch's, not one target's. */
/**
 * The HTTP API under /api/v1 (README, Integrations): the same services as the CLI and Slack, so the same checks,
 * audit and decision log; shapes from schemas.ts, which also make /api/v1/openapi.json.
 */
export function createApi(registers: ApiRegisters, options: ApiOptions) {
  const app = new OpenAPIHono<{ Variables: GuardVars }>({
    defaultHook: (result) => {
      if (!result.success) throw shapeProblem(result.error.issues);
    },
  }).basePath('/api/v1');
  const allowed = guard(registers.forWorkspace, options.rateLimit);
  // A batch of 10,000 addresses is about 300 KB: anything much larger is refused before it is read whole. The
  // declared length is checked first (cheap: hono's bodyLimit makes the request stream, a quarter of each answer's
  // cost); only a body sent without a length (chunked) is counted as it arrives.
  // The rest of the body is not read: the connection is closed after the answer, not reused half-read.
  const tooLarge = () => {
    throw new ApiProblem(
      413,
      'too_large',
      'api_title_invalid',
      (l) => t(l, 'api_detail_too_large', { limit: BODY_LIMIT / 2 ** 20 }),
      { headers: { Connection: 'close' } },
    );
  };
  const counted = bodyLimit({ maxSize: BODY_LIMIT, onError: tooLarge });
  app.use('*', async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding')) return counted(c, next);
    if (Number(length) > BODY_LIMIT) tooLarge();
    await next();
  });
  const lang = (c: Context<{ Variables: GuardVars }>): Lang =>
    langOf(
      c.req.header('accept-language'),
      c.get('ctx')?.policy.doc.policy.default_language ?? registers.defaultLang(),
    );
  const who = (c: Context<{ Variables: GuardVars }>) => `api:${c.get('key').name}`;

  app.use('/decisions', allowed('decide'));
  app.use('/decisions/batch', allowed('decide'));
  app.use('/objections', allowed('objections'));
  app.use('/consents', allowed('consents'));
  app.use('/events', allowed('events'));
  app.use('/campaigns/*', allowed('campaigns'));

  app.openapi(decisionRoute, async (c) => {
    const input = c.req.valid('json');
    const answer = await ask(c.get('ctx'), { ...input, askedBy: who(c) }).catch(aboutTarget);
    return c.json(answer.decision as z.infer<typeof Decision>, 200);
  });

  app.openapi(batchRoute, async (c) => {
    const { targets, detail, ...shared } = c.req.valid('json');
    // A batch counts for its size in the key's allowance: one request per 100 targets (the first already counted).
    await c.get('charge')(Math.ceil(targets.length / 100) - 1);
    const language = lang(c);
    const ctx = c.get('ctx');
    const question = { ...shared, channel: shared.channel as Channel };
    const { answers, counts } = await askBatch(ctx, keyActor(c.get('key').name), question, targets);
    const results: z.infer<typeof BatchResult>['results'] = answers.map((answer, i) => {
      const target = targets[i] ?? '';
      if (answer instanceof InputError)
        return {
          target,
          problem: inputProblem(answer, `/targets/${i}`, policyLists(ctx.policy)).body(language),
        };
      const { decision } = answer;
      const first = decision.reasons[0];
      return {
        target,
        verdict: decision.verdict,
        rules: decision.reasons.map((r) => r.rule),
        ...(first ? { reason: first.title[language] } : {}),
        ...(decision.changesAt ? { changesAt: decision.changesAt } : {}),
        ...(detail === 'full' ? { decision: decision as z.infer<typeof Decision> } : {}),
      };
    });
    return c.json({ counts, results }, 200);
  });

  app.openapi(objectionRoute, async (c) => {
    const input = c.req.valid('json');
    const done = await optOut(c.get('ctx'), { ...input, origin: who(c) });
    return c.json(
      { scope: done.scope, identifiers: done.suppressions.length, knownContact: done.contact !== undefined },
      201,
    );
  });

  app.openapi(consentRoute, async (c) => {
    const input = c.req.valid('json');
    const { record } = await recordConsent(c.get('ctx'), { ...input, recordedBy: who(c) });
    return c.json({ id: record.id, contactId: record.contactId, recordedAt: record.recordedAt }, 201);
  });

  app.openapi(eventRoute, async (c) => {
    const input = c.req.valid('json');
    const { record } = await recordEvent(c.get('ctx'), { ...input, by: who(c) });
    return c.json({ id: record.id, contactId: record.contactId, recordedAt: record.recordedAt }, 201);
  });

  registerCampaignRoutes(app, who, lang);
  registerAdapters(app, registers, (scope) => allowed(scope, { queryKey: true }), options.hubspot);

  app.openAPIRegistry.registerComponent('securitySchemes', 'queryKey', {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description: 'The lemlist adapter only: the key in the URL (lemlist sends no headers).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A key from `prospect-guard api-key create` (pgk_…).',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'prospect-guard API',
      version: '1',
      description:
        'Checks French and EU prospecting rules before a send, and records objections, consents and events. Errors are RFC 9457 problem details in the caller’s Accept-Language (fr, en).',
    },
  });

  // The routes the document declares (derived, so a new route needs no second list).
  // A path parameter (`{id}`) matches one segment.
  const routes = app.openAPIRegistry.definitions.flatMap((d) =>
    d.type === 'route' ? [new RegExp(`^/api/v1${d.route.path.replace(/\{\w+\}/g, '[^/]+')}$`)] : [],
  );
  app.notFound((c) => {
    // A route that exists, asked with another method: 405 and what it accepts.
    if (routes.some((r) => r.test(c.req.path)))
      return send(
        c,
        new ApiProblem(
          405,
          'method_not_allowed',
          'api_title_method',
          (l) => t(l, 'api_detail_method', { path: c.req.path }),
          {
            headers: { Allow: 'POST' },
          },
        ),
      );
    return send(
      c,
      new ApiProblem(404, 'not_found', 'api_title_not_found', (l) =>
        t(l, 'api_detail_not_found', { path: c.req.path }),
      ),
    );
  });
  app.onError((error, c) => send(c, asProblem(error, c.get('ctx')?.policy, options.log)));

  function send(c: Context<{ Variables: GuardVars }>, problem: ApiProblem) {
    const language = lang(c);
    return c.body(JSON.stringify(problem.body(language, c.req.path)), problem.status as 400, {
      'Content-Type': 'application/problem+json',
      'Content-Language': language,
      ...problem.extra.headers,
    });
  }
  return app;
}

/** A problem with the person asked about that names no field is about `target`. */
function aboutTarget(error: unknown): never {
  throw error instanceof InputError && !error.params.field
    ? new InputError(error.problem, { ...error.params, field: 'target' })
    : error;
}

/** Any error as a problem: never a stack trace to the caller; an unexpected one is logged with a reference. */
function asProblem(error: Error, policy: Policy | undefined, log?: (line: string) => void): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof InputError) return inputProblem(error, undefined, policy ? policyLists(policy) : {});
  if (error instanceof HTTPException && error.status === 415)
    return new ApiProblem(415, 'unsupported_media_type', 'api_title_invalid', (l) =>
      t(l, 'api_detail_media_type'),
    );
  if (error instanceof HTTPException && error.status === 400)
    return new ApiProblem(400, 'malformed_json', 'api_title_invalid', (l) => t(l, 'api_detail_malformed'));
  if (error instanceof StoreError)
    return new ApiProblem(
      503,
      'not_recorded',
      'api_title_unavailable',
      (l) => t(l, 'api_detail_unavailable'),
      {
        headers: { 'Retry-After': '5' },
      },
    );
  const ref = randomBytes(4).toString('hex');
  log?.(`api: unexpected error ${ref}: ${error.stack ?? error.message}`);
  return new ApiProblem(500, 'internal', 'api_title_internal', (l) => t(l, 'api_detail_internal', { ref }));
}
