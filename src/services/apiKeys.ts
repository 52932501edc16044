import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { InputError } from '../domain/errors.ts';
import type { AppContext } from './context.ts';

/**
 * What a key may do: ask for decisions, record objections, consents, events; `campaigns`: read the recipients
 * still allowed of an approved campaign (a sending tool at send time: it gets people's addresses, not only
 * answers about the ones it holds).
 */
export const API_SCOPES = ['decide', 'objections', 'consents', 'events', 'campaigns'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** A key as kept: its secret only as a SHA-256 hash (a 32-byte random secret needs no slow hash). */
export interface ApiKey {
  id: string;
  name: string;
  scopes: ApiScope[];
  hash: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  revokedBy?: string;
}

/** A key as listed: never its hash. */
export type ApiKeyListing = Omit<ApiKey, 'hash'>;

const COLLECTION = 'api-keys';
const PREFIX = 'pgk';

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const keys = (ctx: AppContext) => ctx.store.documents<ApiKey>(COLLECTION);

/** `decide,objections` → the scopes, each checked; none given is an error (a key that may do nothing). */
export function parseScopes(text: string | undefined): ApiScope[] {
  const given = (text ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (given.length === 0) throw new InputError('required', { field: 'scopes' });
  for (const scope of given)
    if (!(API_SCOPES as readonly string[]).includes(scope))
      throw new InputError('not_one_of', { field: 'scopes', value: scope, allowed: API_SCOPES.join(', ') });
  return [...new Set(given)] as ApiScope[];
}

/**
 * A new key for a tool (`lemlist`, `hubspot`): the token is shown once, here, and kept only hashed. Its name is
 * what the audit trail shows for every call made with it.
 */
export async function createApiKey(
  ctx: AppContext,
  input: { name: string; scopes: string; by: string },
): Promise<{ key: ApiKeyListing; token: string }> {
  const name = input.name.trim();
  if (!/^[\p{L}\p{N} ._-]{1,60}$/u.test(name))
    throw new InputError('invalid_key_name', { field: 'name', value: name });
  const live = (await keys(ctx).all()).filter(([, k]) => !k.revokedAt);
  if (live.some(([, k]) => k.name === name))
    throw new InputError('key_name_taken', { field: 'name', value: name });
  const scopes = parseScopes(input.scopes);
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const key: ApiKey = {
    id,
    name,
    scopes,
    hash: digest(secret),
    createdAt: ctx.clock().toISOString(),
    createdBy: input.by,
  };
  await keys(ctx).put(id, key);
  await ctx.store.audit({
    at: key.createdAt,
    actor: input.by,
    action: 'api-key.create',
    outcome: 'done',
    detail: `${name} (${id}): ${scopes.join(', ')}`,
  });
  const { hash: _hash, ...listing } = key;
  // A workspace's key names its workspace: the API finds the register from the token, and checks the key there.
  const scope = ctx.workspace ? `${ctx.workspace}.` : '';
  return { key: listing, token: `${PREFIX}_${scope}${id}_${secret}` };
}

export async function listApiKeys(ctx: AppContext): Promise<ApiKeyListing[]> {
  return (await keys(ctx).all())
    .map(([, { hash: _hash, ...listing }]) => listing)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Revokes a key by id or by name (the live one): calls with it are refused from now on. Kept, for the audit. */
export async function revokeApiKey(ctx: AppContext, idOrName: string, by: string): Promise<ApiKeyListing> {
  const all = await keys(ctx).all();
  const found =
    all.find(([id]) => id === idOrName) ?? all.find(([, k]) => k.name === idOrName && !k.revokedAt);
  if (!found) throw new InputError('unknown_api_key', { value: idOrName });
  const [id, key] = found;
  if (!key.revokedAt) {
    key.revokedAt = ctx.clock().toISOString();
    key.revokedBy = by;
    await keys(ctx).put(id, key);
    await ctx.store.audit({
      at: key.revokedAt,
      actor: by,
      action: 'api-key.revoke',
      outcome: 'done',
      detail: `${key.name} (${id})`,
    });
  }
  const { hash: _hash, ...listing } = key;
  return listing;
}

export type KeyCheck =
  | { ok: true; key: ApiKey }
  | { ok: false; why: 'missing' | 'unknown' }
  | { ok: false; why: 'revoked'; key: ApiKey };

const TOKEN = /^pgk_(?:([TE][A-Z0-9]{2,20})\.)?([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** The workspace a token names (many workspaces), or undefined for the default register's keys. */
export function tokenWorkspace(token: string | undefined): string | undefined {
  return TOKEN.exec(token?.trim() ?? '')?.[1];
}

/**
 * The key a bearer token names in this register, if its secret matches (compared in constant time) and it is not
 * revoked. A token of another workspace is unknown here, whatever its secret.
 */
export async function checkApiKey(ctx: AppContext, token: string | undefined): Promise<KeyCheck> {
  if (!token) return { ok: false, why: 'missing' };
  const match = TOKEN.exec(token.trim());
  if (!match || match[1] !== ctx.workspace) return { ok: false, why: 'unknown' };
  const [, , id = '', secret = ''] = match;
  const key = await keys(ctx).get(id);
  if (!key) return { ok: false, why: 'unknown' };
  const [given, kept] = [Buffer.from(digest(secret), 'hex'), Buffer.from(key.hash, 'hex')];
  if (given.length !== kept.length || !timingSafeEqual(given, kept)) return { ok: false, why: 'unknown' };
  if (key.revokedAt) return { ok: false, why: 'revoked', key };
  return { ok: true, key };
}
