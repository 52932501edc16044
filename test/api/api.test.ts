import { afterEach, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../src/services/apiKeys.ts';
import { startTestApi } from './harness.ts';

type Api = Awaited<ReturnType<typeof startTestApi>>;
let api: Api | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

describe('the HTTP API with keys', () => {
  it('answers a decision as can-i --json does, logged under the key name', async () => {
    api = await startTestApi();
    const token = await api.key('lemlist', 'decide');
    const r = await api.call(token, '/decisions', {
      channel: 'email',
      target: 'alice@corp.fr',
      product: 'accounting-software',
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ verdict: 'allow', channel: 'email', audience: 'b2b' });
    const [logged] = await api.store.recentDecisions('api:lemlist', 5);
    expect(logged).toMatchObject({ askedBy: 'api:lemlist', verdict: 'allow', targetMasked: 'a***@corp.fr' });
    expect(JSON.stringify(logged)).not.toContain('alice@corp.fr');
  });

  it('refuses a missing, unknown or revoked key, and a key without the scope', async () => {
    api = await startTestApi();
    const body = { channel: 'email', target: 'alice@corp.fr' };
    const none = await api.call(undefined, '/decisions', body, { 'accept-language': 'en-GB' });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.json).toMatchObject({
      status: 401,
      code: 'unauthorized',
      title: 'Missing or unknown API key',
    });
    const token = await api.key('hubspot', 'objections');
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await api.call(forged, '/decisions', body)).status).toBe(401);
    const wrongScope = await api.call(token, '/decisions', body, { 'accept-language': 'en' });
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.json.detail).toBe(
      'Key "hubspot" does not have the scope "decide" (it has: objections).',
    );
    await revokeApiKey(api.ctx, 'hubspot', 'cli:dpo');
    const revoked = await api.call(token, '/objections', { email: 'bob@corp.fr' });
    expect(revoked.status).toBe(401);
    expect(revoked.json.code).toBe('key_revoked');
    expect(await api.store.counts()).toMatchObject({ suppressions: 0 });
    const refused = (await api.store.auditTrail({ action: 'api.call' })).map((e) => [
      e.actor,
      e.outcome,
      e.detail,
    ]);
    expect(refused).toEqual([
      ['api:hubspot', 'refused', 'POST /api/v1/decisions: scope decide not granted'],
      ['api:hubspot', 'refused', 'POST /api/v1/objections: key revoked'],
    ]);
  });

  it('limits each key to its rate, with Retry-After', async () => {
    api = await startTestApi({ rateLimit: 3 });
    const [a, b] = [await api.key('a', 'decide'), await api.key('b', 'decide')];
    const body = { channel: 'email', target: 'alice@corp.fr' };
    for (let i = 0; i < 3; i++) expect((await api.call(a, '/decisions', body)).status).toBe(200);
    const limited = await api.call(a, '/decisions', body, { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.json.detail).toMatch(/^La clé « a » a dépassé 3 requêtes par minute/);
    expect((await api.call(b, '/decisions', body)).status).toBe(200);
    // A batch counts for its size: 200 targets take two of b's three requests.
    const targets = Array.from({ length: 200 }, (_, i) => `p${i}@corp.fr`);
    expect((await api.call(b, '/decisions/batch', { channel: 'email', targets })).status).toBe(200);
    expect((await api.call(b, '/decisions', body)).status).toBe(429);
    // A revoked key is counted too, before its refusals are audited: it cannot flood the audit trail.
    await revokeApiKey(api.ctx, 'a', 'cli:dpo');
    await api.call(a, '/decisions', body);
    expect(await api.store.auditTrail({ action: 'api.call' })).toEqual([]);
  });

  it('tells what is wrong as problem+json, in the caller’s language, and records nothing', async () => {
    api = await startTestApi();
    const token = await api.key('crm', 'decide,objections,consents,events');
    const fr = { 'accept-language': 'fr;q=0.8, en;q=0.5' };
    const badEmail = await api.call(token, '/decisions', { channel: 'email', target: 'alice@' }, fr);
    expect(badEmail.status).toBe(422);
    expect(badEmail.headers.get('content-language')).toBe('fr');
    expect(badEmail.json).toMatchObject({ code: 'invalid_email', field: '/target' });
    const shape = await api.call(
      token,
      '/decisions',
      { channel: 'pigeon', target: 'a@b.fr', extra: 1 },
      { 'accept-language': 'en' },
    );
    expect(shape.status).toBe(400);
    expect(shape.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/', '/channel']);
    expect(shape.json.errors.find((e: { field: string }) => e.field === '/channel').detail).toContain(
      'email, sms',
    );
    const malformed = await api.call(token, '/objections', '{"email": ', fr);
    expect(malformed.status).toBe(400);
    expect(malformed.json.detail).toContain('JSON valide');
    const noProof = await api.call(token, '/consents', {
      email: 'alice@corp.fr',
      action: 'grant',
      channel: 'sms',
    });
    expect(noProof.status).toBe(422);
    expect(noProof.json.code).toBe('consent_method_refused');
    const unknown = await api.call(token, '/events', { email: 'nobody@corp.fr', type: 'reply' });
    expect(unknown.json.code).toBe('unknown_contact');
    const future = await api.call(token, '/objections', { email: 'x@corp.fr', at: '2027-01-01T00:00:00Z' });
    expect(future.json).toMatchObject({ status: 422, code: 'future_date', field: '/at' });
    expect(await api.store.counts()).toMatchObject({ suppressions: 0, consents: 0, interactions: 0 });
    const huge = await api.call(token, '/decisions/batch', {
      channel: 'email',
      targets: ['x'.repeat(5 * 2 ** 20)],
    });
    expect(huge.status).toBe(413);
    expect(huge.json.code).toBe('too_large');
    // The same sent without a length (chunked) is counted as it arrives.
    const chunk = new TextEncoder().encode('x'.repeat(2 ** 20));
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const chunked = await fetch(`${(await api.loopback()).url}/decisions/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const plainText = await api.call(token, '/decisions', 'channel=email', { 'content-type': 'text/plain' });
    expect(plainText.status).toBe(415);
    expect(plainText.json.code).toBe('unsupported_media_type');
    const wrongType = await api.call(
      token,
      '/decisions',
      { channel: 'email', target: 42 },
      { 'accept-language': 'en' },
    );
    expect(wrongType.json.detail).toBe('target: expected string.');
    const smsToEmail = await api.call(
      token,
      '/decisions',
      { channel: 'sms', target: 'alice@corp.fr' },
      { 'accept-language': 'en' },
    );
    expect(smsToEmail.json).toMatchObject({ status: 422, code: 'channel_needs_phone', field: '/target' });
    expect(smsToEmail.json.detail).toBe(
      '"alice@corp.fr" is an email address: the sms channel needs a phone number.',
    );
    const badAddress = await api.call(token, '/objections', { email: 'bob@' });
    expect(badAddress.json).toMatchObject({ code: 'invalid_email', field: '/email' });
    const got = await api.call(token, '/decisions');
    expect([got.status, got.headers.get('allow'), got.json.code]).toEqual([
      405,
      'POST',
      'method_not_allowed',
    ]);
    expect((await api.call(token, '/adapters/lemlist')).status).toBe(405);
    const nowhere = await api.call(token, '/nowhere', {});
    expect(nowhere.status).toBe(404);
    expect(nowhere.json.type).toBe('urn:prospect-guard:problem:not_found');
  });

  it('records an objection, a consent with proof and an event, with the same effects as the CLI', async () => {
    api = await startTestApi();
    const token = await api.key('crm', 'decide,objections,consents,events');
    const consent = await api.call(token, '/consents', {
      email: 'alice@corp.fr',
      action: 'grant',
      channel: 'sms',
      method: 'checkbox',
      wording: 'form v3: "I agree to receive offers by SMS"',
      evidence: 'form-submission-8812',
    });
    expect(consent.status).toBe(201);
    expect((await api.call(token, '/events', { email: 'alice@corp.fr', type: 'reply' })).status).toBe(201);
    const objection = await api.call(token, '/objections', {
      email: 'alice@corp.fr',
      reason: 'asked by phone',
    });
    expect(objection.status).toBe(201);
    expect(objection.json).toEqual({ scope: 'all', identifiers: 1, knownContact: true });
    const after = await api.call(token, '/decisions', { channel: 'email', target: 'alice@corp.fr' });
    expect(after.json.verdict).toBe('block');
    const actors = (await api.store.auditTrail()).map((e) => `${e.actor} ${e.action}`);
    expect(actors).toEqual(
      expect.arrayContaining(['api:crm consent.record', 'api:crm event.record', 'api:crm objection.record']),
    );
  });

  it('checks a batch of 10,000 targets in order, one bad target answered on its own', async () => {
    api = await startTestApi();
    const token = await api.key('sequencer', 'decide');
    await api.call(await api.key('crm', 'objections'), '/objections', { email: 'p42@corp.fr' });
    const targets = Array.from({ length: 10_000 }, (_, i) => (i === 7 ? 'p7@' : `p${i}@corp.fr`));
    const r = await api.call(token, '/decisions/batch', { channel: 'email', targets });
    expect(r.status).toBe(200);
    expect(r.json.results).toHaveLength(10_000);
    expect(r.json.results.map((x: { target: string }) => x.target)).toEqual(targets);
    expect(r.json.results[7].problem).toMatchObject({ code: 'invalid_email', field: '/targets/7' });
    expect(r.json.results[42]).toMatchObject({ verdict: 'block' });
    expect(r.json.results[42].rules[0]).toBe('optout-right-to-object');
    expect(r.json.results[42].reason).toMatch(/opposition|objection/i);
    expect(r.json.results[42].decision).toBeUndefined();
    const full = await api.call(token, '/decisions/batch', {
      channel: 'email',
      targets: ['p42@corp.fr'],
      detail: 'full',
    });
    expect(full.json.results[0].decision).toMatchObject({
      verdict: 'block',
      policyRevision: expect.any(String),
    });
    const { allow, review, block, invalid } = r.json.counts;
    expect([block, invalid, allow + review + block + invalid]).toEqual([1, 1, 10_000]);
    const tooMany = await api.call(token, '/decisions/batch', {
      channel: 'email',
      targets: [...targets, 'x@y.fr'],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.detail).toBe('targets : 10000 éléments au plus.'); // no Accept-Language: the policy's
    const badProduct = await api.call(token, '/decisions/batch', {
      channel: 'email',
      targets,
      product: 'nope',
    });
    expect(badProduct.json).toMatchObject({ status: 422, code: 'unknown_category', field: '/product' });
    expect(badProduct.json.detail).not.toMatch(/\{\w+\}/);
  });
});
