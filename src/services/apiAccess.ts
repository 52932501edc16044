import type { ApiKey, ApiScope } from './apiKeys.ts';
import type { AppContext } from './context.ts';
import { audited } from './permissions.ts';

/** Why a known key may not make this call: revoked, a scope not granted, or a key in a URL that may do more. */
export type KeyRefusal = 'revoked' | 'scope' | 'query_key';

const WHY: Record<KeyRefusal, (scope: ApiScope) => string> = {
  revoked: () => 'key revoked',
  scope: (scope) => `scope ${scope} not granted`,
  query_key: () => 'a key in the URL must have the scope objections alone',
};

/**
 * Whether a known key (the caller has already counted the call against its rate: a leaked key, even revoked,
 * cannot flood the trail) may call a route of `scope`; a refusal is audited under the key's name with the route.
 * A key in a URL ends up in logs: only a key that may do nothing but record objections may travel so.
 */
export async function authorizeKey(
  ctx: AppContext,
  key: ApiKey,
  scope: ApiScope,
  call: { route: string; inQuery: boolean },
): Promise<KeyRefusal | undefined> {
  const granted = key.scopes.includes(scope);
  const refusal: KeyRefusal | undefined = key.revokedAt
    ? 'revoked'
    : call.inQuery && (!granted || key.scopes.some((s) => s !== 'objections'))
      ? 'query_key'
      : granted
        ? undefined
        : 'scope';
  if (refusal)
    await audited(
      ctx,
      `api:${key.name}`,
      'api.call',
      undefined,
      `${call.route}: ${WHY[refusal](scope)}`,
      'refused',
    );
  return refusal;
}
