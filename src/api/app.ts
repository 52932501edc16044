import { randomBytes } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { InputError } from '../domain/errors.ts';
import { type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import { policyLists } from '../reports/problems.ts';
import { StoreError } from '../store/index.ts';
import { type HubSpotSettings, registerAdapters } from './adapters.ts';
import { registerCampaignRoutes } from './campaigns.ts';
import { type GuardVars, guard } from './guard.ts';
import { ApiProblem, inputProblem, langOf, shapeProblem } from './problems.ts';
import { registerDecisionRoutes, registerRecordRoutes } from './recordRoutes.ts';
import type { ApiRegisters } from './registers.ts';

type Api = OpenAPIHono<{ Variables: GuardVars }>;
type Ctx = Context<{ Variables: GuardVars }>;

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

/**
 * The HTTP API under /api/v1 (README, Integrations): the same services as the CLI and Slack, so the same checks,
 * audit and decision log; shapes from schemas.ts, which also make /api/v1/openapi.json.
 */
export function createApi(registers: ApiRegisters, options: ApiOptions) {
  const app: Api = new OpenAPIHono<{ Variables: GuardVars }>({
    defaultHook: (result) => {
      if (!result.success) throw shapeProblem(result.error.issues);
    },
  }).basePath('/api/v1');
  const allowed = guard(registers.forWorkspace, options.rateLimit);
  limitBodies(app);
  const lang = (c: Ctx): Lang =>
    langOf(
      c.req.header('accept-language'),
      c.get('ctx')?.policy.doc.policy.default_language ?? registers.defaultLang(),
    );
  const who = (c: Ctx) => `api:${c.get('key').name}`;

  app.use('/decisions', allowed('decide'));
  app.use('/decisions/batch', allowed('decide'));
  app.use('/objections', allowed('objections'));
  app.use('/consents', allowed('consents'));
  app.use('/events', allowed('events'));
  app.use('/campaigns/*', allowed('campaigns'));
  registerDecisionRoutes(app, who, lang);
  registerRecordRoutes(app, who);
  registerCampaignRoutes(app, who, lang);
  registerAdapters(app, registers, (scope) => allowed(scope, { queryKey: true }), options.hubspot);
  describe(app);
  answerProblems(app, lang, options.log);
  return app;
}

/**
 * A batch of 10,000 addresses is about 300 KB: anything much larger is refused before it is read whole. The
 * declared length is checked first (cheap: hono's bodyLimit makes the request stream, a quarter of each answer's
 * cost); only a body sent without a length (chunked) is counted as it arrives. The rest of the body is not read:
 * the connection is closed after the answer, not reused half-read.
 */
function limitBodies(app: Api): void {
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
}

/** /api/v1/openapi.json: the routes' document, with the two ways a key is given. */
function describe(app: Api): void {
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
}

/** Every error, an unknown route or method included, as an RFC 9457 problem in the caller's language. */
function answerProblems(app: Api, lang: (c: Ctx) => Lang, log?: (line: string) => void): void {
  // The routes the document declares (derived, so a new route needs no second list).
  // A path parameter (`{id}`) matches one segment.
  const routes = app.openAPIRegistry.definitions.flatMap((d) =>
    d.type === 'route' ? [new RegExp(`^/api/v1${d.route.path.replace(/\{\w+\}/g, '[^/]+')}$`)] : [],
  );
  const send = (c: Ctx, problem: ApiProblem) => {
    const language = lang(c);
    return c.body(JSON.stringify(problem.body(language, c.req.path)), problem.status as 400, {
      'Content-Type': 'application/problem+json',
      'Content-Language': language,
      ...problem.extra.headers,
    });
  };
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
          { headers: { Allow: 'POST' } },
        ),
      );
    return send(
      c,
      new ApiProblem(404, 'not_found', 'api_title_not_found', (l) =>
        t(l, 'api_detail_not_found', { path: c.req.path }),
      ),
    );
  });
  app.onError((error, c) => send(c, asProblem(error, c.get('ctx')?.policy, log)));
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
