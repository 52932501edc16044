import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, withoutPlan } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');
const HUBSPOT = 'hubspot-contacts-fr.csv';

interface Entry {
  actor: string;
  action: string;
  outcome: string;
  targetHash?: string;
  detail?: string;
}

/** A fixture copied into a temp folder, as a user's export would sit in their Downloads. */
function fixture(dir: string, name: string): string {
  const path = join(dir, name);
  copyFileSync(join(FIXTURES, name), path);
  return path;
}

async function trail(run: ReturnType<typeof cli>, action = 'contact'): Promise<Entry[]> {
  return JSON.parse((await run('audit', '--action', action, '--json')).out);
}

describe('import of a HubSpot export in French', () => {
  it('keeps a row without the field it cannot read, saying line and column; rejects a row with no identifier', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en', user: 'camille' });
    const file = fixture(dir, HUBSPOT);
    const result = await run('import', file, '--skip-invalid');
    expect(result.status).toBe(0);
    expect(result.out).toBe('imported 7 rows (utf-8): 5 new, 0 updated');
    expect(withoutPlan(result.err).split('\n')).toEqual([
      `${file}:3: column "Numéro de téléphone" (phone number): "06 12" is not a valid phone number (e.g. +33 6 12 34 56 78). Row kept without it.`,
      `${file}:4: column "Adresse e-mail" (email address): "chloe.moreau@@exemple.fr" is not a valid email address. Row kept without it.`,
      `${file}:5: column "Département": "Bas-Rhain" is not a French département (75, 67, 2A, 974…). Row kept without it.`,
      `${file}:6: column "Adresse e-mail" (email address): "pas une adresse" is not a valid email address.`,
      `${file}:8: column "Numéro de téléphone" (phone number): "01 23" is not a valid phone number (e.g. +33 6 12 34 56 78).`,
      '2 invalid rows left out (see above)',
      '3 unreadable fields left out (see above): their rows are imported without them',
    ]);
    // Bruno is kept by his email, without the number; Chloé by her number, without the address.
    const bruno = JSON.parse(
      (await run('contact', 'show', '--email', 'bruno.lefevre@corp.fr', '--json')).out,
    ).contact;
    expect(bruno).toMatchObject({ name: 'Bruno Lefèvre', company: 'Corp', department: '69' });
    expect(bruno.phone).toBeUndefined();
    const chloe = JSON.parse(
      (await run('contact', 'show', '--phone', '07 98 76 54 32', '--json')).out,
    ).contact;
    expect(chloe).toMatchObject({ name: 'Chloé Moreau', phone: '+33798765432' });
    expect(chloe.email).toBeUndefined();
    const david = JSON.parse(
      (await run('contact', 'show', '--email', 'david.roux@industrie.fr', '--json')).out,
    );
    expect(david.department).toBeUndefined();
  });

  it('writes one audit entry for the import (file, sha256, counts, actor) and one per contact, naming the fields', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en', user: 'camille' });
    const file = fixture(dir, HUBSPOT);
    await run('import', file, '--skip-invalid');
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    const imports = await trail(run, 'contact.import');
    expect(imports).toEqual([
      expect.objectContaining({
        actor: 'cli:camille',
        action: 'contact.import',
        outcome: 'done',
        detail: `file ${HUBSPOT} (sha256 ${sha256}); 7 rows: 5 new, 0 updated, 2 rejected; 3 fields dropped (phone 1, email 1, department 1)`,
      }),
    ]);
    const added = await trail(run, 'contact.add');
    expect(added.map((e) => [e.actor, e.detail])).toEqual([
      ['cli:camille', `fields email,phone,name,company,jobFunction,department,provenance; from ${HUBSPOT}:2`],
      ['cli:camille', `fields email,name,company,jobFunction,department,provenance; from ${HUBSPOT}:3`],
      ['cli:camille', `fields phone,name,company,jobFunction,department,provenance; from ${HUBSPOT}:4`],
      ['cli:camille', `fields email,name,company,jobFunction,provenance; from ${HUBSPOT}:5`],
      ['cli:camille', `fields email,phone,name,company,jobFunction,department,provenance; from ${HUBSPOT}:7`],
    ]);
    // The person is a keyed hash, never the address.
    expect(JSON.stringify(added)).not.toContain('amelie.girard');
    expect(new Set(added.map((e) => e.targetHash)).size).toBe(5);
    expect((await run('audit', 'verify')).status).toBe(0);
  });

  it('all or nothing: a rejected row and nothing is written, not even an audit entry', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const file = fixture(dir, HUBSPOT);
    const result = await run('import', file);
    expect(result.status).toBe(2);
    expect(result.err).toContain(
      `${file}:3: colonne « Numéro de téléphone » : « 06 12 » n’est pas un numéro de téléphone valide (exemple : +33 6 12 34 56 78). Ligne gardée sans ce champ.`,
    );
    expect(result.err).toContain(
      `${file}:6: colonne « Adresse e-mail » : « pas une adresse » n’est pas une adresse e-mail valide.`,
    );
    expect(result.err).toContain('rien n’a été importé : 2 lignes sur 7 sont invalides');
    expect(await trail(run)).toEqual([]);
    expect((await run('contact', 'list')).out).toBe('Aucun contact ne correspond.');
  });
});

describe('what an import leaves alone, and what it refuses', () => {
  it('fills the empty fields of a known contact, says which, and a second run of the same file rewrites none', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    await run('contact', 'add', '--email', 'alice@corp.fr', '--name', 'Alice Martin', '--source', 'form');
    const file = join(dir, 'crm.csv');
    writeFileSync(file, 'Email;Nom;Portable;Société\nalice@corp.fr;A. Martin;06 12 34 56 78;Corp\n');
    const first = await run('import', file);
    expect(first.out).toBe('imported 1 row (utf-8): 0 new, 1 updated');
    const show = async () =>
      JSON.parse((await run('contact', 'show', '--email', 'alice@corp.fr', '--json')).out).contact;
    const shown = await show();
    expect(shown).toMatchObject({ name: 'Alice Martin', phone: '+33612345678', company: 'Corp' });
    expect(shown.provenance.source).toBe('form');
    const filled = await trail(run, 'contact.fill');
    expect(filled.map((e) => e.detail)).toEqual(['fields phone,company,sources; kept name; from crm.csv:2']);
    // The same bytes again (at the same time): every field as it was, the same source not added twice.
    const before = await show();
    const again = await run('import', file);
    expect(again.status).toBe(0);
    const after = await show();
    expect(after).toEqual(before);
    expect((await trail(run, 'contact.fill')).map((e) => e.detail)).toEqual([
      'fields phone,company,sources; kept name; from crm.csv:2',
    ]);
    expect((await trail(run, 'contact.import')).length).toBe(2);
  });

  it('refuses an empty file, and a file with a header and no row, in the reader’s language (exit 2)', async () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.csv');
    const headerOnly = join(dir, 'header.csv');
    writeFileSync(empty, '');
    writeFileSync(headerOnly, 'Adresse e-mail;Prénom;Nom\r\n\r\n');
    const en = cli(dir, { lang: 'en' });
    const fr = cli(dir, { lang: 'fr' });
    const cases = [
      [
        en,
        empty,
        `prospect-guard: ${empty} is empty: nothing to import (a header row is needed, then one contact a row).`,
      ],
      [
        fr,
        empty,
        `prospect-guard: ${empty} est vide : rien à importer (il faut une ligne d’en-tête, puis un contact par ligne).`,
      ],
      [
        en,
        headerOnly,
        `prospect-guard: ${headerOnly} has a header row and no contact under it: nothing to import.`,
      ],
      [
        fr,
        headerOnly,
        `prospect-guard: ${headerOnly} n’a qu’une ligne d’en-tête : aucun contact à importer.`,
      ],
    ] as const;
    for (const [run, file, message] of cases) {
      const result = await run('import', file);
      expect(result.status, file).toBe(2);
      expect(withoutPlan(result.err)).toBe(message);
      expect(result.out).toBe('');
    }
    expect(await trail(en)).toEqual([]);
  });

  it('never keeps a row whose provenance, customer dates or audience cannot be read: a wrong legal basis is worse than no row', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const file = join(dir, 'leads.csv');
    writeFileSync(
      file,
      [
        'email;source;date de collecte;client depuis;audience;departement',
        'a@corp.fr;form;2026-13-01;;;',
        'b@corp.fr;scrapping;2026-01-05;;;',
        'c@corp.fr;form;2026-01-05;hier;;',
        'd@corp.fr;form;2026-01-05;;particulier;',
        'e@corp.fr;form;2030-01-05;;;',
        'f@corp.fr;form;2026-01-05;;;Alsace',
      ].join('\n'),
    );
    const result = await run('import', file, '--skip-invalid');
    expect(result.status).toBe(0);
    expect(result.out).toBe('imported 6 rows (utf-8): 1 new, 0 updated');
    const lines = withoutPlan(result.err).split('\n');
    expect(lines[0]).toMatch(
      /leads\.csv:2: column "date de collecte" \(collection date\): "2026-13-01" is not a date/,
    );
    expect(lines[1]).toMatch(/leads\.csv:3: column "source": "scrapping" is not one of /);
    expect(lines[2]).toMatch(/leads\.csv:4: column "client depuis" \(customer since\): "hier" is not a date/);
    expect(lines[3]).toMatch(/leads\.csv:5: column "audience": "particulier" is not one of b2b, b2c/);
    expect(lines[4]).toMatch(/leads\.csv:6: column "date de collecte" \(collection date\): .*future/i);
    expect(lines[5]).toBe(
      `${file}:7: column "departement": "Alsace" is not a French département (75, 67, 2A, 974…). Row kept without it.`,
    );
  });
});

it('a real-shaped export: 2,000 rows from French Excel, one in fifteen with a number that does not parse, all kept', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  const rows = ['Prénom;Nom;Mail pro;Tél. mobile;Société;Fonction'];
  for (let i = 0; i < 2000; i++) {
    const phone =
      i % 15 === 7 ? `06 ${String(i).padStart(4, '0')}` : `06 ${String(10_000_000 + i).slice(0, 8)}`;
    rows.push(`Prénom${i};Nom${i};p${i}@société${i % 37}.fr;${phone};Société ${i % 37};DAF`);
  }
  const file = join(dir, 'export.csv');
  writeFileSync(file, Buffer.from(`${rows.join('\r\n')}\r\n`, 'latin1'));
  const result = await run('import', file);
  expect(result.status).toBe(0);
  expect(result.out).toBe('imported 2000 rows (windows-1252): 2000 new, 0 updated');
  const told = withoutPlan(result.err).split('\n');
  // The first 20 problems one per line, then how many more; the count of the whole file at the end.
  expect(told).toHaveLength(22);
  expect(told[20]).toBe('… and 113 more (--rejected FILE writes the rejected rows with their reason)');
  expect(told[0]).toBe(
    `${file}:9: column "Tél. mobile" (phone number): "06 0007" is not a valid phone number (e.g. +33 6 12 34 56 78). Row kept without it.`,
  );
  expect(told.at(-1)).toBe(
    '133 unreadable fields left out (see above): their rows are imported without them',
  );
  const [entry] = await trail(run, 'contact.import');
  expect(entry?.detail).toMatch(
    /2000 rows: 2000 new, 0 updated, 0 rejected; 133 fields dropped \(phone 133\)$/,
  );
  expect((await trail(run, 'contact.add')).length).toBe(2000);
});

it('a row joining two known contacts stops the import at its slice, names its line, and what is in stays audited', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  await run('contact', 'add', '--email', 'alice@corp.fr', '--source', 'form');
  await run('contact', 'add', '--phone', '06 12 34 56 78', '--source', 'form');
  const rows = ['email;phone'];
  for (let i = 0; i < 5010; i++) rows.push(`p${i}@corp.fr;`);
  rows.splice(5004, 0, 'alice@corp.fr;06 12 34 56 78'); // line 5004 of the file, in the second slice
  const file = join(dir, 'big.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  const result = await run('import', file);
  expect(result.status).toBe(2);
  expect(withoutPlan(result.err)).toBe(
    `prospect-guard: ${file}:5005: the email and the phone number of this row belong to two different contacts; only the 5000 good rows before its slice of the file were imported. Fix the row and import the file again.`,
  );
  const [entry] = await trail(run, 'contact.import');
  expect(entry?.detail).toMatch(
    /5011 rows: 5000 new, 0 updated, 0 rejected; 0 fields dropped; stopped at line 5002$/,
  );
  expect((await trail(run, 'contact.add')).length).toBe(5002);
});
