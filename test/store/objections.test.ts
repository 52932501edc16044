import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FileStore } from '../../src/store/fileStore.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';

const BLOCK = 1;
const ALLOW = 0;

it('an objection to all marketing covers a phone number learned after it', async () => {
  const run = cli(tempDir());
  await run(
    'contact',
    'add',
    '--email',
    'alice@corp.fr',
    '--function',
    'finance',
    '--informed-at',
    '2026-01-05',
  );
  expect((await run('optout', '--email', 'alice@corp.fr')).status).toBe(0);
  await run(
    'contact',
    'add',
    '--email',
    'alice@corp.fr',
    '--phone',
    '+33 1 45 67 89 00',
    '--audience',
    'b2b',
  );
  const answer = await run('can-i', 'phone', '+33145678900', '--json');
  expect(answer.status).toBe(BLOCK);
  expect(JSON.parse(answer.out).reasons[0].rule).toBe('optout-right-to-object');
});

it('a refusal during a call is kept in the suppression list: it outlives the contact and covers automated calls', async () => {
  const dir = tempDir();
  const run = cli(dir);
  await run(
    'contact',
    'add',
    '--phone',
    '+33 1 45 67 89 00',
    '--audience',
    'b2b',
    '--function',
    'DAF',
    '--source',
    'form',
    '--informed-at',
    '2026-01-05',
  );
  expect((await run('can-i', 'phone', '+33145678900')).status).toBe(ALLOW);
  await run('event', '--phone', '+33145678900', '--type', 'call-refusal', '--at', '2026-11-20T11:00');
  expect((await run('can-i', 'phone', '+33145678900')).status).toBe(BLOCK);
  expect((await run('can-i', 'automated-call', '+33145678900')).status).toBe(BLOCK);

  // The contact and its events go (a purge): the refusal stays, as a keyed hash.
  const store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
  const contact = await store.findContact({ kind: 'phone', value: '+33145678900' });
  await store.purge({ contactIds: [contact?.id ?? ''] });
  await store.close();
  const after = await run('can-i', 'phone', '+33145678900', '--json');
  expect(after.status).toBe(BLOCK);
  expect(JSON.parse(after.out).reasons.map((r: { rule: string }) => r.rule)).toContain(
    'optout-right-to-object',
  );
});

it('consent collected by a partner, address kind, relationship and a call slot can be recorded from the CLI', async () => {
  const run = cli(tempDir(), { at: '2026-11-28T11:00:00+01:00' }); // a Saturday
  await run(
    'contact',
    'add',
    '--phone',
    '06 12 34 56 78',
    '--source',
    'partner:lead-site',
    '--collected-at',
    '2026-11-01',
    '--informed-at',
    '2026-11-02',
  );
  const vague = await run(
    'consent',
    'grant',
    '--phone',
    '0612345678',
    '--channel',
    'phone',
    '--at',
    '2026-10-30',
    '--method',
    'checkbox',
    '--wording',
    'partner-v2',
    '--evidence',
    'https://lead-site.example/7',
    '--collected-by',
    'lead-site',
    '--names-us',
    'non',
  );
  expect(vague.status).toBe(0);
  const blocked = await run('can-i', 'phone', '0612345678', '--json');
  expect(JSON.parse(blocked.out).reasons.map((r: { rule: string }) => r.rule)).toContain(
    'consent-partner-transfer',
  );
  await run(
    'consent',
    'grant',
    '--phone',
    '0612345678',
    '--channel',
    'phone',
    '--at',
    '2026-11-20',
    '--method',
    'oral-recorded',
    '--evidence',
    'rec-1',
    '--wording',
    'call-script-v1',
    '--slot-start',
    '2026-11-28T10:30',
    '--slot-end',
    '2026-11-28T11:30',
  );
  expect((await run('can-i', 'phone', '0612345678')).status).toBe(ALLOW);
  const bad = await run('contact', 'add', '--phone', '0612345678', '--address-kind', 'perso');
  expect(bad.status).toBe(2);
  expect(bad.err).toMatch(
    /--address-kind : « perso » n’est pas l’une des valeurs possibles \(personal, pro-nominative, pro-generic\)/,
  );
  const half = await run(
    'consent',
    'grant',
    '--phone',
    '0612345678',
    '--channel',
    'phone',
    '--method',
    'oral-recorded',
    '--wording',
    'script-v1',
    '--evidence',
    'rec-2',
    '--slot-start',
    '2026-11-28T10:30',
  );
  expect(half.err).toMatch(/Donnez le début et la fin du créneau \(--slot-start, --slot-end\)/);
  // The same rules as the Slack modal: a grant says how it was given, carries its proof, is not in the future.
  const bare = await run('consent', 'grant', '--phone', '0612345678', '--channel', 'phone');
  expect(bare.err).toMatch(
    /--method : la façon dont le consentement a été donné doit être un acte positif clair/,
  );
  const noEvidence = await run(
    'consent',
    'grant',
    '--phone',
    '0612345678',
    '--channel',
    'phone',
    '--method',
    'checkbox',
    '--wording',
    'v1',
  );
  expect(noEvidence.err).toMatch(
    /il faut la version du texte présenté et une référence de preuve \(--evidence manque\)/,
  );
  const pretick = await run(
    'consent',
    'grant',
    '--phone',
    '0612345678',
    '--channel',
    'phone',
    '--method',
    'prechecked',
    '--wording',
    'v1',
    '--evidence',
    'x',
  );
  expect(pretick.status).toBe(2);
  const future = await run(
    'consent',
    'grant',
    '--phone',
    '0612345678',
    '--channel',
    'sms',
    '--method',
    'checkbox',
    '--wording',
    'v1',
    '--evidence',
    'e-1',
    '--at',
    '2026-12-01',
  );
  expect(future.err).toMatch(/--at : la date ne peut pas être dans le futur/);
});

it('an objection repeated after a re-consent counts from its latest date', async () => {
  const run = cli(tempDir());
  await run('contact', 'add', '--phone', '06 55 66 77 88', '--source', 'form', '--informed-at', '2026-01-05');
  await run('optout', '--phone', '0655667788', '--channel', 'sms', '--at', '2026-03-01');
  await run(
    'consent',
    'grant',
    '--phone',
    '0655667788',
    '--channel',
    'sms',
    '--at',
    '2026-05-01',
    '--method',
    'double-opt-in',
    '--wording',
    'v2',
    '--evidence',
    'sms-keyword-OUI',
  );
  expect((await run('can-i', 'sms', '0655667788')).status).toBe(ALLOW);
  await run('optout', '--phone', '0655667788', '--channel', 'sms', '--at', '2026-09-01');
  expect((await run('can-i', 'sms', '0655667788')).status).toBe(BLOCK);
});

it('an objection to all marketing follows the person when their number changes', async () => {
  const run = cli(tempDir());
  await run('contact', 'add', '--phone', '+33145678900', '--audience', 'b2b', '--function', 'DAF');
  await run('optout', '--phone', '+33145678900', '--at', '2026-03-01');
  await run('contact', 'add', '--phone', '+33145678900', '--email', 'paul.durand@acme.fr');
  await run('contact', 'add', '--email', 'paul.durand@acme.fr', '--phone', '+33145678911');
  expect((await run('can-i', 'phone', '+33145678911')).status).toBe(BLOCK);
  expect(
    (await run('can-i', 'email', 'paul.durand@acme.fr', '--product', 'accounting-software')).status,
  ).toBe(BLOCK);
});
