import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../support/dirs.ts';
import { pipedStart as start } from './harness.ts';

it('answers every command piped into start, presses buttons by number, fills modals, and exits at end of input', async () => {
  const script = [
    '/can-i-email alice@corp.fr',
    '1', // Add the contact → modal, field by field
    '', // email (kept)
    '', // phone
    'Alice Martin',
    'Corp',
    'finance',
    '', // audience: keep "work it out"
    '', // kind of address: keep "work it out"
    '2', // source: form (1 is unknown, the default)
    '2026-11-02', // collected
    '2026-11-02', // informed
    '/can-i-email alice@corp.fr accounting-software',
    '/can-i-sms +33 6 12 34 56 78',
    '/can-i-call +33 6 12 34 56 78',
    '/consent alice@corp.fr',
    ':as U0DPO',
    '/consent alice@corp.fr',
    '', // grant
    '', // email
    '', // prospecting
    '9', // not a method number → asked again
    '1', // checkbox
    '', // no wording
    '', // no evidence → the app asks again for the wording and the evidence
    '', // date today
    '', // until
    'v3', // wording, asked again
    'https://crm.example/proof/1', // evidence, asked again
    '/prospect alice@corp.fr',
    '/optout alice@corp.fr',
    ':home',
    ':remind',
    '/can-i-email not-an-email',
  ].join('\n');
  const { status, out, err } = await start(`${script}\n`);
  expect(err).not.toMatch(/Error|at .*\.ts/);
  expect(status).toBe(0);
  expect(out).toContain('Slack emulator (no Slack credentials are set)');
  expect(out).toContain('Contact a***@corp.fr saved');
  expect(out).toMatch(/U0SALES> \/can-i-email alice@corp\.fr accounting-software\n\*✅ Allowed\*/);
  expect(out).toMatch(/U0SALES> \/can-i-sms \+33 6 12 34 56 78\n\*⛔ Blocked\* — SMS/);
  expect(out).toMatch(/U0SALES> \/can-i-call \+33 6 12 34 56 78\n\*/);
  expect(out).toContain('Reserved to the policy role *record consent*');
  expect(out).toContain('✗ choisissez un numéro entre 1 et 6');
  expect(out).toContain('✗ Version du texte présenté : Un consentement sans preuve');
  expect(out).toContain('Consentement donné enregistré pour a***@corp.fr');
  expect(out).toContain('• Consentement donné · e-mail · prospection');
  expect(out).toContain('Opposition enregistrée pour a***@corp.fr : tous les canaux');
  expect(out).toContain('── App Home ──');
  expect(out).toContain('Nothing due: no reminder to send.');
  expect(out).toContain('n’est pas une adresse e-mail valide');
});

it('stops with one clear line when the Slack settings are incomplete', async () => {
  const { status, out, err } = await start('', { SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdef' });
  expect(status).toBe(2);
  expect(out).toBe('');
  expect(err).toBe(
    'prospect-guard: SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is',
  );
});

it('checks a campaign in the emulator from a local CSV file and posts the report with its files', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'list.csv'), 'email\nbob@gmail.com\n');
  const script = [
    '/campaign-check',
    'Relance', // name
    '', // email
    '1', // accounting software
    '2', // B2C
    '2026-11-24T09:00', // start
    '', // no end
    'Objet : Votre comptabilité\\nExemple SAS\\nSe désinscrire : {{unsubscribe}}',
    join(dir, 'list.csv'),
    '', // nothing pasted
    ':open',
    ':open 1',
    `:open 2 ${join(dir, 'cleaned.csv')}`,
    ':open 9',
  ].join('\n');
  const { out } = await start(`${script}\n`);
  expect(out).toContain('🔎 Vérifiée — *Campagne « Relance »*');
  expect(out).toContain('📎 Relance — details');
  expect(out).toContain('⛔ 1 bloqué');
  // The shared files can be listed, read and saved, as in Slack.
  expect(out).toMatch(/1\) Relance — details \(\d+ bytes\)\n {2}2\) Relance — cleaned list/);
  expect(out).toMatch(
    /── cmp-[0-9a-f]+-details\.csv ──\nemail,verdict,motif,règles,base légale\nbob@gmail\.com,bloqué,/,
  );
  expect(readFileSync(join(dir, 'cleaned.csv'), 'utf8')).toBe('email\n');
  expect(out).toContain('There is no shared file 9 (1 to 2).');
  // Nobody may receive it: there is nothing to approve, so no approval button.
  expect(out).not.toContain('[1] Demander l’approbation');
});

it('is a trial ground: real users only, an unknown command answered at once, a modal closed, the clock set', async () => {
  const script = [
    ':as U0NOBODY',
    ':users',
    '/foo bar',
    ':as U0DPO',
    '/campaign-check',
    'Relance', // name
    ':cancel', // the DPO changes their mind
    ':cancel', // nothing open any more
    ':at 2026-11-28T11:00', // a Saturday
    '/can-i-call +33 1 23 45 67 89',
    ':at lundi',
    ':at now',
  ].join('\n');
  const { status, out, err } = await start(`${script}\n`);
  expect(err).not.toMatch(/Error|at .*\.ts/);
  expect(status).toBe(0);
  expect(out).toContain('There is no user U0NOBODY in the emulator’s workspace; :users lists them.');
  expect(out).toContain('U0MANAGER  Morgan Manager (fr-FR)');
  expect(out).toContain('/foo is not a valid command.');
  expect(out).toContain('You are now U0DPO (Dominique Conformité).');
  expect(out).toContain('Formulaire fermé : rien n’a été envoyé.');
  expect(out).not.toContain('Vérifiée');
  expect(out).toContain('No modal is open.');
  // Saturday 11:00 in Paris: outside the days consumer calls are allowed (D.223-9).
  expect(out).toMatch(/⛔ Hors des jours et heures autorisés/);
  expect(out).toContain("The app's clock now says Saturday 28 November 2026 at 11:00 (Europe/Paris).");
  expect(out).toContain('Usage: :at 2026-11-24T09:30');
  expect(out).toContain("The app's clock is back to the real time");
});

it('tries the message shortcut and the workflow step from the terminal', async () => {
  const { out } = await start(
    [
      ':check Lead: bob@corp.fr, 06 12 34 56 78',
      ':step bob@corp.fr email',
      ':step bob@ email',
      ':step +33 6 12 34 56 78 sms',
      ':step bob@corp.fr fax',
    ].join('\n'),
  );
  expect(out).toContain('The 2 people in this message');
  expect(out).toMatch(/Step outputs: \{"verdict":"review"/);
  expect(out).toMatch(/Step failed: "bob@" is not a valid email address/);
  expect(out).toMatch(/> :step \+33 6 12 34 56 78 sms\nStep outputs: \{"verdict":"\w+"/);
  expect(out).toMatch(/Step failed: "fax" is not a channel \(email, sms, messaging/);
});
