import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

it('scans, purges with a dry run first, exports and erases from the command line', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en', user: 'dpo' });
  await run(
    'contact',
    'add',
    '--email',
    'old@acme.fr',
    '--source',
    'form',
    '--collected-at',
    '2023-11-01',
    '--owner',
    'U0SALES',
  );
  await run('contact', 'add', '--email', 'soon@acme.fr', '--source', 'form', '--collected-at', '2023-12-10');
  await run(
    'contact',
    'add',
    '--email',
    'opened@acme.fr',
    '--source',
    'form',
    '--collected-at',
    '2023-11-20',
  );
  await run('event', '--email', 'opened@acme.fr', '--type', 'open', '--at', '2025-01-01');

  const scan = await run('retention', 'scan');
  expect(scan.status).toBe(1);
  // The operator of the command line is compliance: who in full, when in Paris time.
  expect(scan.out).toContain(
    [
      '⛔ To purge now: 2 contacts',
      '• U0SALES — 1: old@acme.fr (prospect, Sunday 1 November 2026)',
      '• no owner — 1: opened@acme.fr (prospect, Friday 20 November 2026)',
    ].join('\n'),
  );
  expect(scan.out).toContain('🗓️ Within 30 days (1)');
  expect((await run('retention', 'scan', '--at', '2026-10-01')).status).toBe(0);

  const dry = await run('retention', 'purge', '--dry-run');
  expect(dry.out).toBe(
    [
      'would purge now: 2 contacts past their deadline (retention-prospect-non-customer):',
      '  old@acme.fr — prospect, deadline Sunday 1 November 2026',
      '  opened@acme.fr — prospect, deadline Friday 20 November 2026',
    ].join('\n'),
  );
  expect((await run('retention', 'scan')).out).toContain('To purge now: 2 contacts');
  // Nothing is deleted without a yes: outside a terminal, --yes says it.
  const unasked = await run('retention', 'purge');
  expect(unasked.status).toBe(2);
  expect(unasked.err).toContain('add --yes to confirm it outside a terminal');
  expect((await run('retention', 'scan')).out).toContain('To purge now: 2 contacts');
  const purged = await run('retention', 'purge', '--yes');
  expect(purged.out.split('\n').at(-1)).toBe(
    'purged 2 contacts; deleted in all: 0 consents, 1 interaction, 0 decisions; objections kept',
  );

  await run('can-i', 'email', 'soon@acme.fr');
  const exported = join(dir, 'soon.json');
  await run('privacy', 'export', '--email', 'soon@acme.fr', '--out', exported);
  const data = JSON.parse(readFileSync(exported, 'utf8'));
  expect(data.contact.email).toBe('soon@acme.fr');
  expect(data.decisions).toHaveLength(1);
  const erased = await run('privacy', 'erase', '--email', 'soon@acme.fr', '--yes');
  expect(erased.out.split('\n').at(-1)).toBe(
    'erased: 1 contact, 0 consents, 0 interactions, 1 decision; objection hash kept',
  );
  expect((await run('can-i', 'email', 'soon@acme.fr')).status).toBe(1);
  const after = JSON.parse((await run('privacy', 'export', '--email', 'soon@acme.fr')).out);
  expect(after).toMatchObject({
    contact: null,
    consents: [],
    interactions: [],
    decisions: [{ askedBy: 'cli:dpo' }],
  });
  expect(after.objections).toEqual([{ scope: 'all', at: '2026-11-23T09:30:00.000Z', origin: 'erasure' }]);
});
