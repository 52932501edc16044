import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { cli, initStore } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';

/** Waits for `seen()`: what the emulator prints comes as the app works (given up after a while: the test says). */
async function until(seen: () => boolean): Promise<void> {
  for (let tries = 0; tries < 500 && !seen(); tries++) await new Promise((done) => setTimeout(done, 20));
}

// GDPR art. 21(3): an objection made since approval binds the send; whoever rechecks, the thread must hear it.
it('a recheck typed in another terminal while npm start runs is told in the thread, and said not told when the app is down', async () => {
  const dir = tempDir();
  const db = await initStore(join(dir, 'db.json'));
  writeFileSync(join(dir, 'list.csv'), 'email\nalice@corp.fr\n');
  const input = new PassThrough();
  const shown: string[] = [];
  const screen = () => shown.join('\n');
  const app = runCli(['--db', db, '--policy', POLICY_PATH, 'start'], {
    out: (text) => shown.push(text),
    err: (text) => shown.push(text),
    env: { ...HASH_ENV, USER: 'tester' },
    clock: () => new Date('2026-11-23T10:30:00+01:00'),
    input,
    interactive: false,
  });
  const script = [
    '/can-i-email alice@corp.fr',
    '1', // Add the contact
    ...['', '', 'Alice Martin', 'Corp', 'finance', '', ''],
    '2', // a form
    '2026-11-02',
    '2026-11-02',
    '/campaign-check',
    'Relance',
    '', // email
    '1', // accounting software
    '1', // B2B
    '2026-11-24T09:00',
    '',
    'Objet : Votre comptabilité\\nExemple SAS\\nSe désinscrire : {{unsubscribe}}',
    join(dir, 'list.csv'),
    '',
    '1', // Request approval
    ':as U0MANAGER',
    '1', // Approve
    ':as U0SALES',
    '/optout alice@corp.fr',
    ':cancel', // its answer marks the end of the script
  ];
  input.write(`${script.join('\n')}\n`);
  await until(() => screen().includes('No modal is open.'));
  const id = /cmp-[0-9a-f]{8}/.exec(screen())?.[0] as string;
  const before = screen().length;

  // The app holds the register: the command is carried out by it, through the socket beside the store.
  const typed = await cli(dir, { lang: 'fr' })('campaign', 'recheck', id);
  expect(typed.status).toBe(1);
  expect(typed.out).toContain('Le fil de la campagne dans Slack en est informé.');
  // The emulator shows the thread's new message, unprompted, as Slack would.
  await until(() => screen().slice(before).includes('Relance — liste à jour'));
  const told = screen().slice(before);
  expect(told).toContain('🔁 Vérifiée à nouveau par cli:tester le lundi 23 novembre 2026 à 10:30');
  expect(told).toContain('• 1 destinataire s’est opposé depuis l’approbation');
  input.end();
  expect(await app).toBe(0);

  // The app is down: the command line rechecks on its own, and says the thread did not hear of it.
  const alone = await cli(dir, { lang: 'en' })('campaign', 'recheck', id);
  expect(alone.status).toBe(1);
  expect(alone.out).toContain(
    'The campaign’s thread in Slack is not told: the app is not running. Run this command again while it runs, or press "Check again before sending" in the thread.',
  );
}, 60_000);
