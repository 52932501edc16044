import { afterEach, expect, it } from 'vitest';
import { startTestApi } from './harness.ts';

let api: Awaited<ReturnType<typeof startTestApi>> | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

const problemOf = (result: { problem?: { code: string; field: string; detail: string } }) =>
  result.problem && { code: result.problem.code, field: result.problem.field };

it('a batch names what is wrong with each target, at /targets/N: a mistyped address is a bad email', async () => {
  api = await startTestApi();
  const token = await api.key('sequencer', 'decide');
  const targets = [
    'alice.corp.fr',
    '06 12 34 56 78',
    'bob@',
    'alice@corp.fr',
    'bob at corp.fr',
    '<mailto:x@|x@>',
  ];
  const r = await api.call(
    token,
    '/decisions/batch',
    { channel: 'email', targets, product: 'accounting-software' },
    { 'accept-language': 'en' },
  );
  expect(r.status).toBe(200);
  expect(r.json.results.map(problemOf)).toEqual([
    { code: 'invalid_email', field: '/targets/0' },
    { code: 'channel_needs_email', field: '/targets/1' },
    { code: 'invalid_email', field: '/targets/2' },
    undefined,
    { code: 'invalid_email', field: '/targets/4' },
    { code: 'invalid_email', field: '/targets/5' },
  ]);
  expect(r.json.results[0].problem.detail).toBe('"alice.corp.fr" is not a valid email address.');
  expect(r.json.results[3]).toMatchObject({ target: 'alice@corp.fr', verdict: 'allow' });
  expect(r.json.counts).toEqual({ allow: 1, review: 0, block: 0, invalid: 5 });
});

it('on a phone channel, an address is named as such and a bad number as a bad phone, each at its index', async () => {
  api = await startTestApi();
  const token = await api.key('dialer', 'decide');
  const r = await api.call(
    token,
    '/decisions/batch',
    { channel: 'sms', targets: ['+33 6 12 34 56 78', 'bob@corp.fr', '06 12'] },
    { 'accept-language': 'fr' },
  );
  expect(r.json.results.map(problemOf)).toEqual([
    undefined,
    { code: 'channel_needs_phone', field: '/targets/1' },
    { code: 'invalid_phone', field: '/targets/2' },
  ]);
  expect(r.json.results[1].problem.detail).toBe(
    '« bob@corp.fr » est une adresse e-mail : le canal sms demande un numéro de téléphone.',
  );
});

it('one decision: a mistyped address on the email channel is a bad email, at /target', async () => {
  api = await startTestApi();
  const token = await api.key('crm', 'decide');
  const r = await api.call(token, '/decisions', { channel: 'email', target: 'alice.corp.fr' });
  expect(r.status).toBe(422);
  expect(r.json).toMatchObject({ code: 'invalid_email', field: '/target' });
});
