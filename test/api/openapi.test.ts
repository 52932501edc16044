import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi } from './harness.ts';

type Api = Awaited<ReturnType<typeof startTestApi>>;
let api: Api;
let token: string;
beforeAll(async () => {
  api = await startTestApi();
  token = await api.key('crm', 'decide,objections,consents,events');
});
afterAll(() => api.stop());

/** One request per documented route, answered for real, and one refusal of each kind. */
const calls: Array<[path: string, body: unknown, status: number]> = [
  ['/decisions', { channel: 'email', target: 'alice@corp.fr' }, 200],
  ['/decisions', { channel: 'phone', target: '+33 6 12 34 56 78', at: '2026-11-22T11:00:00+01:00' }, 200],
  ['/decisions', { channel: 'email', target: 'alice@' }, 422],
  ['/decisions', { channel: 'fax', target: 'alice@corp.fr' }, 400],
  ['/decisions/batch', { channel: 'sms', targets: ['+33612345678', 'bad', 'alice@corp.fr'] }, 200],
  ['/objections', { phone: '+33 6 99 88 77 66', channel: 'phone' }, 201],
  ['/objections', {}, 422],
  [
    '/consents',
    {
      email: 'alice@corp.fr',
      action: 'grant',
      channel: 'email',
      method: 'checkbox',
      wording: 'v2',
      evidence: 'log-1',
    },
    201,
  ],
  ['/consents', { email: 'alice@corp.fr', action: 'withdraw', channel: 'email' }, 201],
  ['/events', { email: 'alice@corp.fr', type: 'meeting' }, 201],
  ['/events', { email: 'alice@corp.fr', type: 'lunch' }, 400],
];

describe('the OpenAPI document', () => {
  it('documents every route, and every answer conforms to it', async () => {
    const doc = (await api.call(undefined, '/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/adapters/hubspot',
      '/api/v1/adapters/lemlist',
      '/api/v1/campaigns/{id}/recheck',
      '/api/v1/consents',
      '/api/v1/decisions',
      '/api/v1/decisions/batch',
      '/api/v1/events',
      '/api/v1/objections',
    ]);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ ...doc, $id: 'doc' });
    const pointerPart = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
    for (const [path, body, status] of calls) {
      const operation = doc.paths[`/api/v1${path}`].post;
      expect(operation.security).toEqual([{ bearer: [] }]);
      // The request itself, as documented, when it is meant to pass the shape check.
      const request = ajv.compile({
        $ref: `doc#/paths/${pointerPart(`/api/v1${path}`)}/post/requestBody/content/application~1json/schema`,
      });
      if (status !== 400)
        expect(request(body), `${path} request ${JSON.stringify(request.errors)}`).toBe(true);
      else expect(request(body)).toBe(false);
      const answer = await api.call(token, path, body);
      expect(answer.status, `${path} ${JSON.stringify(answer.json)}`).toBe(status);
      const media = status < 300 ? 'application/json' : 'application/problem+json';
      expect(answer.headers.get('content-type')).toContain(media);
      const response = ajv.compile({
        $ref: `doc#/paths/${pointerPart(`/api/v1${path}`)}/post/responses/${status}/content/${pointerPart(media)}/schema`,
      });
      expect(response(answer.json), `${path} ${status} ${JSON.stringify(response.errors)}`).toBe(true);
    }
  });
});
