import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';

it('in the emulator, the digest’s purge button shows the list and purges only once it is confirmed', async () => {
  const dir = tempDir();
  const add = cli(dir, { lang: 'en' });
  await add(
    'contact',
    'add',
    '--email',
    'old@acme.fr',
    '--name',
    'Old Prospect',
    '--collected-at',
    '2023-11-01',
  );
  const out: string[] = [];
  const script = [':as U0DPO', ':remind', '1', 'no', ':remind', '1', 'oui', ''].join('\n');
  await runCli(['--db', join(dir, 'db.json'), '--policy', POLICY_PATH, 'start'], {
    out: (t) => out.push(t),
    err: (t) => out.push(t),
    env: HASH_ENV,
    clock: () => new Date('2026-11-23T10:30:00+01:00'),
    input: Readable.from([script]),
    interactive: false,
  });
  const shown = out.join('\n');
  expect(shown).toContain('⛔ À purger maintenant : 1 contact');
  expect(shown).toContain('│ • Old Prospect (old@acme.fr) — prospect, échéance dimanche 1 novembre 2026');
  expect(shown).toContain('Formulaire fermé : rien n’a été envoyé.');
  expect(shown).toContain('purgé : 1 contact ;');
  expect((await add('contact', 'show', '--email', 'old@acme.fr')).out).toContain(
    'Nothing in the register for o***@acme.fr',
  );
});
