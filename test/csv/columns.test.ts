import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { columnFor } from '../../src/csv/columns.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { readRecipients } from '../support/recipients.ts';

it('knows the headers French teams and their tools write, accents, case and punctuation ignored', () => {
  for (const header of [
    'Mail pro',
    'Adresse e-mail',
    'Email professionnel',
    'E-MAIL',
    'Courriel',
    'Email Address',
  ])
    expect(columnFor(header)).toBe('email');
  for (const header of ['Portable', 'Tél. mobile', 'Téléphone', 'Phone Number', 'Mobile Phone Number', 'SMS'])
    expect(columnFor(header)).toBe('phone');
  expect(columnFor('Prénom')).toBe('firstName');
  expect(columnFor('FIRSTNAME')).toBe('firstName');
  expect(columnFor('Nom')).toBe('name');
  expect(columnFor('Raison sociale')).toBe('company');
  expect(columnFor('collected_at')).toBe('collectedAt');
  expect(columnFor('Couleur préférée')).toBeUndefined();
});

it('finds the recipients by their values under a header it does not know, and keeps that header', async () => {
  const file = (text: string) => ({ kind: 'file' as const, bytes: Buffer.from(text), fileName: 'list.csv' });
  const list = await readRecipients(
    file('Contact;Société\r\nalice@acme.fr;Acme\r\nbob@corp.fr;Corp\r\n'),
    'email',
  );
  expect(list.recipients.map((r) => r.value)).toEqual(['alice@acme.fr', 'bob@corp.fr']);
  expect(list.file?.header?.raw).toBe('Contact;Société');
  const phones = await readRecipients(file('Tél. mobile,Nom\n06 12 34 56 78,A\n'), 'sms');
  expect(phones.recipients.map((r) => r.value)).toEqual(['+33612345678']);
});

it('imports first and last names as one name', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  writeFileSync(
    join(dir, 'people.csv'),
    Buffer.from(
      'Prénom;Nom;Adresse e-mail;Société\r\nAmélie;Girard;amelie.girard@acme.fr;Acme\r\n',
      'latin1',
    ),
  );
  expect((await run('import', join(dir, 'people.csv'))).status).toBe(0);
  const shown = await run('contact', 'show', '--email', 'amelie.girard@acme.fr');
  expect(shown.out).toContain('Amélie Girard · Acme');
});
