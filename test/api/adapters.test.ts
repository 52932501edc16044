import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hubspotSignature } from '../../src/api/adapters.ts';
import { startTestApi } from './harness.ts';

type Api = Awaited<ReturnType<typeof startTestApi>>;
let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function started(options: Parameters<typeof startTestApi>[0] = {}): Promise<Api> {
  const api = await startTestApi(options);
  cleanup.push(() => api.stop());
  return api;
}

/** HubSpot's CRM API as the adapter asks it: contact 101 is Carol, 102 was deleted already. */
async function fakeHubSpot() {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(`${req.headers.authorization} ${req.url}`);
    if (req.url?.startsWith('/crm/v3/objects/contacts/101?'))
      return res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: '101',
          properties: {
            email: 'Carol@Corp.fr',
            hs_additional_emails: null,
            phone: null,
            mobilephone: '06 11 22 33 44',
          },
        }),
      );
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end('{"status":"error","category":"OBJECT_NOT_FOUND"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
}

describe('the lemlist adapter', () => {
  it('turns an unsubscribe into an objection to email, with the key in the URL', async () => {
    const api = await started();
    const key = await api.key('lemlist', 'objections');
    // The shape of lemlist's webhook body (an Activity): lemlist adds the lead's custom variables beside.
    const activity = {
      _id: 'act_8kQ2',
      type: 'emailsUnsubscribed',
      createdAt: '2026-11-23T08:12:00.000Z',
      teamId: 'tea_1',
      leadId: 'lea_2',
      campaignId: 'cam_3',
      leadEmail: 'bob@corp.fr',
      leadFirstName: 'Bob',
      metaData: { type: 'emailsUnsubscribed' },
    };
    const done = await api.call(undefined, `/adapters/lemlist?key=${key}`, activity);
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ recorded: 1, ignored: 0, unresolved: [] });
    const opened = await api.call(undefined, `/adapters/lemlist?key=${key}`, {
      ...activity,
      type: 'emailsOpened',
    });
    expect(opened.json).toEqual({ recorded: 0, ignored: 1, unresolved: [] });
    expect((await api.call(undefined, '/adapters/lemlist', activity)).status).toBe(401);
    // A key that may do more than record objections must not travel in a URL (logs keep URLs).
    const wide = await api.key('everything', 'decide,objections');
    const refused = await api.call(undefined, `/adapters/lemlist?key=${wide}`, activity, {
      'accept-language': 'en',
    });
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toContain('only a key with the scope "objections" alone');
    const decide = await api.key('crm', 'decide');
    expect(
      (await api.call(decide, '/decisions', { channel: 'email', target: 'bob@corp.fr' })).json.verdict,
    ).toBe('block');
    const [entry] = await api.store.auditTrail({ action: 'objection.record' });
    expect(entry).toMatchObject({ actor: 'api:lemlist', detail: 'email' });
  });
});

describe('the HubSpot adapter', () => {
  const secret = 'hubspot-client-secret-0123456789';
  const events = [
    {
      eventId: 1,
      subscriptionId: 9,
      portalId: 62515,
      appId: 1160452,
      occurredAt: Date.parse('2026-11-23T08:00:00Z'),
      subscriptionType: 'contact.privacyDeletion',
      attemptNumber: 0,
      objectId: 101,
      changeSource: 'GDPR',
    },
    {
      eventId: 2,
      subscriptionId: 9,
      portalId: 62515,
      appId: 1160452,
      occurredAt: Date.parse('2026-11-23T08:00:00Z'),
      subscriptionType: 'contact.privacyDeletion',
      attemptNumber: 0,
      objectId: 102,
      changeSource: 'GDPR',
    },
    {
      eventId: 3,
      subscriptionId: 8,
      portalId: 62515,
      appId: 1160452,
      occurredAt: Date.parse('2026-11-23T08:00:00Z'),
      subscriptionType: 'contact.creation',
      attemptNumber: 0,
      objectId: 103,
      changeSource: 'CRM_UI',
    },
  ];
  const signed = (url: string, body: string, timestamp = String(Date.now())) => ({
    'x-hubspot-signature-v3': hubspotSignature(secret, 'POST', url, body, timestamp),
    'x-hubspot-request-timestamp': timestamp,
  });

  it('checks HubSpot’s signature, looks the person up, and objects to everything on a privacy deletion', async () => {
    const hubspot = await fakeHubSpot();
    const api = await started({
      hubspot: { clientSecret: secret, accessToken: 'pat-eu1-test', apiUrl: hubspot.url },
    });
    const body = JSON.stringify(events);
    const url = api.urlOf('/adapters/hubspot');
    const done = await api.call(undefined, '/adapters/hubspot', body, signed(url, body));
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ recorded: 1, ignored: 1, unresolved: ['102'] });
    expect(hubspot.asked[0]).toBe(
      'Bearer pat-eu1-test /crm/v3/objects/contacts/101?properties=email,hs_additional_emails,phone,mobilephone',
    );
    const facts = await api.store.subjectFacts({ kind: 'email', value: 'carol@corp.fr' });
    expect(facts.objections).toEqual([{ scope: 'all', at: '2026-11-23T08:00:00.000Z' }]);
    // Her mobile number too: a person unknown here is blocked on every way HubSpot had to reach her.
    const mobile = await api.store.subjectFacts({ kind: 'phone', value: '+33611223344' });
    expect(mobile.objections).toEqual([{ scope: 'all', at: '2026-11-23T08:00:00.000Z' }]);
    // HubSpot retries what it thinks failed (or someone replays the request within five minutes): seen already.
    const again = await api.call(undefined, '/adapters/hubspot', body, signed(url, body));
    expect(again.json).toEqual({ recorded: 0, ignored: 3, unresolved: [] });
    const [erase] = await api.store.auditTrail({ action: 'inbound.erasure-requested' });
    expect(erase?.targetHash).toBe(api.store.hash({ kind: 'email', value: 'carol@corp.fr' }));
    const [unresolved] = await api.store.auditTrail({ action: 'inbound.unresolved' });
    expect(unresolved?.detail).toContain('contact 102');
  });

  it('refuses a forged, altered or replayed request and records nothing', async () => {
    const hubspot = await fakeHubSpot();
    const api = await started({ hubspot: { clientSecret: secret, accessToken: 'pat', apiUrl: hubspot.url } });
    const body = JSON.stringify(events);
    const url = api.urlOf('/adapters/hubspot');
    const altered = body.replace('101', '104');
    expect((await api.call(undefined, '/adapters/hubspot', altered, signed(url, body))).status).toBe(401);
    const old = String(Date.now() - 6 * 60_000);
    const replayed = await api.call(undefined, '/adapters/hubspot', body, signed(url, body, old));
    expect(replayed.status).toBe(401);
    expect(replayed.json.code).toBe('bad_signature');
    expect((await api.call(undefined, '/adapters/hubspot', body)).status).toBe(401);
    expect(hubspot.asked).toEqual([]);
    expect((await api.store.counts()).suppressions).toBe(0);
  });
});
