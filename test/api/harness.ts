import { join } from 'node:path';
import type { HubSpotSettings } from '../../src/api/adapters.ts';
import { createApi, oneRegister } from '../../src/api/app.ts';
import { type RunningApi, serveApi } from '../../src/api/server.ts';
import { createApiKey } from '../../src/services/apiKeys.ts';
import type { AppContext } from '../../src/services/context.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';
import { financeProfessional } from '../support/subjects.ts';

/** The API on loopback over a file register (real files), at a fixed time, with a key per scope set. */
export async function startTestApi(options: { rateLimit?: number; hubspot?: HubSpotSettings } = {}) {
  const dir = tempDir();
  const store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
  const ctx: AppContext = { store, policy, clock: () => new Date('2026-11-23T10:30:00+01:00') };
  await store.saveContact(financeProfessional('alice@corp.fr'), new Date('2026-01-05T09:00:00Z'));
  const app = createApi(oneRegister(ctx), {
    rateLimit: options.rateLimit ?? 600,
    log: (line: string) => process.stderr.write(`${line}\n`),
    ...(options.hubspot ? { hubspot: options.hubspot } : {}),
  });
  // Most calls go through `app.request` (no socket); the same app is served on loopback when a test needs
  // real HTTP (a chunked body, a signature over the URL a sender used).
  let served: Promise<RunningApi> | undefined;
  const loopback = () => {
    served ??= serveApi(app, { port: 0, host: '127.0.0.1' });
    return served;
  };
  const key = async (name: string, scopes: string) =>
    (await createApiKey(ctx, { name, scopes, by: 'cli:dpo' })).token;
  const call = async (
    token: string | undefined,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await app.request(`/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  return {
    ctx,
    store,
    dir,
    loopback,
    /** The URL a request made by `call` is seen at (what a sender signs, HubSpot's v3 signature). */
    urlOf: (path: string) => `http://localhost/api/v1${path}`,
    key,
    call,
    async stop() {
      if (served) await (await served).close();
      await store.close();
    },
  };
}
