import { expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

// The CLI's clock: Monday 23 November 2026, 10:30 in Paris.
const customer = [
  'contact',
  'add',
  '--email',
  'dave@acme.fr',
  '--name',
  'Dave Martin',
  '--source',
  'sale',
  '--collected-at',
  '2019-03-01',
  '--customer-since',
  '2019-03-01',
  '--customer-until',
  '2022-01-10',
];

it('a customer of 2019–2022 who bought again in June 2024 is kept, listed, purged or not as the facts say', async () => {
  const run = cli(tempDir(), { lang: 'en', user: 'dpo' });
  await run(...customer);
  expect((await run('contact', 'show', '--email', 'dave@acme.fr')).out).toContain(
    'overdue since Friday 10 January 2025',
  );
  // The scan lists him; then he buys again; the purge that follows keeps him.
  expect((await run('retention', 'scan')).out).toContain(
    '⛔ To purge now: 1 contact\n• no owner — 1: Dave Martin (dave@acme.fr) (customer, Friday 10 January 2025)',
  );
  await run('contact', 'edit', '--email', 'dave@acme.fr', '--last-purchase-at', '2024-06-01');
  expect((await run('contact', 'show', '--email', 'dave@acme.fr')).out).toContain(
    'to be erased on Tuesday 1 June 2027',
  );
  const scan = await run('retention', 'scan');
  expect([scan.status, scan.out]).toEqual([0, 'No retention deadline in the next 30 days.']);
  expect((await run('retention', 'purge', '--yes')).out).toBe('nothing to purge');
  const asked = await run('can-i', 'email', 'dave@acme.fr');
  expect(asked.out).not.toContain('retention deadline has passed');
  expect((await run('contact', 'show', '--email', 'dave@acme.fr')).status).toBe(0);
});

it('refuses a purge at any other date than now, in the user’s language, and deletes nothing', async () => {
  const dir = tempDir();
  const en = cli(dir, { lang: 'en' });
  const fr = cli(dir, { lang: 'fr' });
  await en(...customer);
  const ahead = await en('retention', 'purge', '--at', '2029-11-10', '--yes');
  expect(ahead.status).toBe(2);
  expect(ahead.err).toBe(
    'prospect-guard: --at: a purge runs at the real clock, now, never at another date ("2029-11-10"): ahead it would delete what is not due, behind it would miss what moved a deadline since. To see another date, use `retention scan --at` (a preview).',
  );
  const behind = await fr('retention', 'purge', '--at', '2025-01-01', '--dry-run');
  expect(behind.status).toBe(2);
  expect(behind.err).toContain(
    '--at : une purge s’exécute à l’heure réelle, maintenant, jamais à une autre date',
  );
  expect((await en('retention', 'scan')).out).toContain('To purge now: 1 contact');
});

it('labels a scan ahead as a preview, and shows who in full and when in Paris time', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  await run(
    'contact',
    'add',
    '--email',
    'soon@acme.fr',
    '--source',
    'form',
    '--collected-at',
    '2024-03-31T02:30',
  );
  const preview = await run('retention', 'scan', '--at', '2027-04-01');
  expect(preview.out.split('\n\n')).toEqual([
    '🔭 Preview as of Thursday 1 April 2027 (Europe/Paris): the deadlines as they would stand then, with what is recorded today. No purge runs ahead of the real clock.',
    '⛔ To purge by then: 1 contact\n• no owner — 1: soon@acme.fr (prospect, Wednesday 31 March 2027 at 03:30)',
  ]);
  const json = JSON.parse((await run('retention', 'scan', '--at', '2027-04-01', '--json')).out);
  expect(json).toMatchObject({
    at: '2027-04-01T00:00:00.000+02:00',
    timeZone: 'Europe/Paris',
    preview: true,
    toPurge: {
      contacts: 1,
      proofs: 0,
      lines: [{ person: 'soon@acme.fr', kind: 'prospect', deadline: '2027-03-31T03:30:00.000+02:00' }],
    },
  });
  // The preview deleted nothing and the purge, at the real clock, has nothing to do.
  expect((await run('retention', 'purge', '--dry-run')).out).toBe('nothing to purge');

  const fr = cli(dir, { lang: 'fr', at: '2027-04-01T10:00:00+02:00' });
  expect((await fr('retention', 'purge', '--dry-run')).out).toBe(
    [
      'serait purgé maintenant : 1 contact dont le délai est passé (retention-prospect-non-customer) :',
      '  soon@acme.fr — prospect, échéance mercredi 31 mars 2027 à 03:30',
    ].join('\n'),
  );
});
