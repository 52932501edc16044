import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { t } from '../i18n.ts';
import { authorizeKey, type KeyRefusal } from '../services/apiAccess.ts';
import { type ApiKey, type ApiScope, checkApiKey, tokenWorkspace } from '../services/apiKeys.ts';
import type { AppContext } from '../services/context.ts';
import { ApiProblem } from './problems.ts';

export interface GuardVars {
  key: ApiKey;
  /** Takes more of the key's allowance (a batch counts for its size). */
  charge: (points: number) => Promise<void>;
  /** The register the key belongs to: every handler works on it. */
  ctx: AppContext;
}

const BEARER = { 'WWW-Authenticate': 'Bearer realm="prospect-guard"' };

/**
 * Every call names its key (Authorization: Bearer pgk_…), which must be live and hold the route's scope, within
 * its rate (per key and per replica). A refusal of a known key is audited under its name; an unknown key is not
 * (anyone could fill the trail with them).
 */
export function guard(
  registerOf: (workspace: string | undefined) => Promise<AppContext | undefined>,
  limitPerMinute: number,
) {
  const charge = allowance(limitPerMinute);
  // `queryKey`: the key may come as ?key=… for a tool that can set a URL but no header (lemlist's webhooks).
  return (
    scope: ApiScope,
    options: { queryKey?: boolean } = {},
  ): MiddlewareHandler<{ Variables: GuardVars }> =>
    async (c, next) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      const inQuery = !bearer && options.queryKey ? c.req.query('key') : undefined;
      const token = bearer ?? inQuery;
      // The token names its register (a workspace's, or the default one); the key is checked in that one only.
      const ctx = await registerOf(tokenWorkspace(token));
      const checked = ctx ? await checkApiKey(ctx, token) : ({ ok: false, why: 'unknown' } as const);
      if (!ctx || (!checked.ok && checked.why !== 'revoked'))
        throw new ApiProblem(
          401,
          'unauthorized',
          'api_title_unauthorized',
          (l) => t(l, 'api_detail_unauthorized'),
          {
            headers: BEARER,
          },
        );
      const key = checked.key;
      // Counted before anything is audited: a leaked key, even revoked, cannot flood the audit trail.
      const left = await charge(key, 1);
      const route = `${c.req.method} ${c.req.path}`;
      const refusal = await authorizeKey(ctx, key, scope, { route, inQuery: !!inQuery });
      if (refusal) throw refused(refusal, key, scope);
      c.header('RateLimit-Limit', String(limitPerMinute));
      c.header('RateLimit-Remaining', String(left.remainingPoints));
      c.set('key', key);
      c.set('ctx', ctx);
      c.set('charge', async (points: number) => {
        if (points > 0) await charge(key, points);
      });
      await next();
    };
}

/** Takes `points` from a key's allowance for the minute; over it, a 429 (never audited: it could flood). */
function allowance(limitPerMinute: number) {
  const limiter = new RateLimiterMemory({ points: limitPerMinute, duration: 60 });
  return async (key: ApiKey, points: number) => {
    try {
      return await limiter.consume(key.id, points);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      const vars = { name: key.name, limit: limitPerMinute, seconds };
      throw new ApiProblem(
        429,
        'rate_limited',
        'api_title_rate_limited',
        (l) => t(l, 'api_detail_rate_limited', vars),
        {
          headers: { 'Retry-After': String(seconds), 'RateLimit-Limit': String(limitPerMinute) },
        },
      );
    }
  };
}

/** A known key's refusal, as HTTP says it (the service has audited it). */
function refused(refusal: KeyRefusal, key: ApiKey, scope: ApiScope): ApiProblem {
  if (refusal === 'revoked') {
    const date = key.revokedAt?.slice(0, 10) ?? '';
    return new ApiProblem(
      401,
      'key_revoked',
      'api_title_revoked',
      (l) => t(l, 'api_detail_revoked', { date }),
      {
        headers: BEARER,
      },
    );
  }
  const vars = { name: key.name, scope, scopes: key.scopes.join(', ') };
  return new ApiProblem(403, 'scope_not_granted', 'api_title_forbidden', (l) =>
    t(l, refusal === 'query_key' ? 'api_detail_query_key' : 'api_detail_forbidden', vars),
  );
}
