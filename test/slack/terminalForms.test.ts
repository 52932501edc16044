import { expect, it } from 'vitest';
import { pipedStart as start } from './harness.ts';

/** The New contact form for bob@corp.fr, from the answer's first button, up to its collection date. */
const newBob = (collected: string) => [
  '/can-i-email bob@corp.fr',
  '1', // Add the contact
  '', // email (kept)
  '', // phone
  'Bob Martin',
  '', // company
  '', // function
  '', // audience
  '', // kind of address
  '2', // source: a form
  collected,
  '2026-11-02', // notice
];

it('shows a wrong date under its field, asks that field again with the rest kept, and saves it corrected', async () => {
  const script = [
    ...newBob('2026-12-01'), // in the future: the app flags the collection date
    '2026-11-02', // asked again, alone
    ':as U0DPO',
    '/prospect bob@corp.fr',
  ].join('\n');
  const { status, out, err } = await start(`${script}\n`);
  expect(err).not.toMatch(/Error|at .*\.ts/);
  expect(status).toBe(0);
  expect(out).toContain(
    [
      '  ✗ Collected on: collection date: the date cannot be in the future.',
      'Collected on (YYYY-MM-DD) [2026-12-01] (Enter keeps, - empties): ',
      '  ↳ 2026-11-02',
      '┌ Recorded',
    ].join('\n'),
  );
  expect(out).toContain('Contact b***@corp.fr saved');
  // The other answers were kept: the name and the source went with the corrected date.
  expect(out).toContain('Bob Martin · bob@corp.fr');
  expect(out).toMatch(/\*Provenance\*: .*lundi 2 novembre 2026/);
});

it('asks a date again at once when it is no calendar date, as Slack’s date picker allows no other', async () => {
  const { out } = await start(`${[...newBob('2026-02-30'), '2026-11-02'].join('\n')}\n`);
  expect(out).toContain(
    '  ✗ a calendar date, YYYY-MM-DD (for example 2026-11-02)\nCollected on (YYYY-MM-DD)',
  );
  expect(out).toContain('Contact b***@corp.fr saved');
});

it('closes the modal, unsubmitted, with :cancel or Esc at every kind of prompt, the re-asked field included', async () => {
  const campaign = ['/campaign-check', 'Relance'];
  const script = [
    ...campaign,
    '\u001b', // Esc at a select (the channel)
    ...campaign,
    '', // email
    '1', // product
    '2', // B2C
    ':cancel', // at a date and time
    ...campaign,
    '',
    '1',
    '2',
    '2026-11-24 09:00',
    '',
    'Bonjour',
    '\u001b', // at a file's path
    ...newBob('2026-12-01'),
    ':cancel', // at the field the app asked again
    '/can-i-email bob@corp.fr',
    '2', // Log an objection: its "are you sure?" dialog
    '\u001b', // closes the dialog: nothing pressed
    '/prospect bob@corp.fr',
  ].join('\n');
  const { status, out, err } = await start(`${script}\n`);
  expect(err).not.toMatch(/Error|at .*\.ts/);
  expect(status).toBe(0);
  expect(out.match(/Modal closed: nothing was submitted\./g)).toHaveLength(4);
  expect(out).not.toContain('Checked');
  expect(out).not.toContain('Contact b***@corp.fr saved');
  expect(out).not.toContain('Objection recorded');
  expect(out).toContain('Objection: ');
});

it('accepts oui and non (o, n) at a French yes/no prompt, and asks again for anything else', async () => {
  const script = [
    ':as U0DPO',
    '/can-i-email bob@corp.fr',
    '2', // Enregistrer une opposition
    'non',
    '2',
    'peut-être',
    'oui',
  ].join('\n');
  const { out } = await start(`${script}\n`);
  expect(out).toMatch(/Opposition : .*\(o\/n\) \n {2}↳ non\n/);
  expect(out).toContain('  ✗ répondez oui ou non (o/n)');
  expect(out.match(/Opposition enregistrée pour b\*\*\*@corp\.fr/g)).toHaveLength(1);
});

it('reads and shows a date and time in the policy’s time zone, never UTC', async () => {
  const script = [
    '/campaign-check',
    'Relance',
    '',
    '1',
    '2',
    '', // start: the modal's default, one hour from now
    ':cancel',
  ].join('\n');
  const { out } = await start(`${script}\n`);
  // The clock says 10:30 in Paris: the default start is 11:30 there.
  expect(out).toContain('(YYYY-MM-DD HH:MM, Paris time) [2026-11-23 11:30]');
});

it('adds and replaces a number in the Edit form at the terminal, asking again only the field the app flags', async () => {
  const details = ['', '', '', '', '', '', '', '']; // name … notice date: kept as they are
  const script = [
    ...newBob('2026-11-02'),
    ':as U0DPO',
    '/prospect bob@corp.fr',
    '1', // Modifier
    ...details,
    '', // add an email
    '06 12 34 56 78', // add a phone: his mobile
    '', // nothing to replace
    '',
    '/prospect bob@corp.fr',
    '1',
    ...details,
    '',
    '',
    '3', // replace +33612345678…
    '0612', // …with a number that is none: the app flags this field alone
    '07 98 76 54 32',
    '/prospect bob@corp.fr',
  ].join('\n');
  const { status, out, err } = await start(`${script}\n`);
  expect(err).not.toMatch(/Error|at .*\.ts/);
  expect(status).toBe(0);
  expect(out).toContain('│   Identifiants : bob@corp.fr\n');
  expect(out).toContain(
    '│ Remplacer un numéro ou une adresse\n│   L’ancien reste connu comme ancien identifiant',
  );
  expect(out).toContain('Contact b***@corp.fr modifié : numéro de téléphone.');
  expect(out).toContain(
    'Remplacer un numéro ou une adresse (facultatif): 1) rien à remplacer ←  2) bob@corp.fr  3) +33612345678',
  );
  expect(out).toContain(
    [
      '  ✗ Par : « 0612 » n’est pas un numéro de téléphone valide (exemple : +33 6 12 34 56 78).',
      'Par (facultatif) [0612] (Entrée garde, - vide): ',
      '  ↳ 07 98 76 54 32',
      '┌ C’est noté',
      '│ ✏️ Contact b***@corp.fr modifié : numéro de téléphone, ancien numéro gardé pour les oppositions.',
    ].join('\n'),
  );
  expect(out).toContain('Bob Martin · bob@corp.fr · +33798765432');
});
