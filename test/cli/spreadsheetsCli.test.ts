import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { cli, withoutPlan } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { dateCell, storedZip, workbook, XLS_BYTES } from '../support/sheetFiles.ts';

const PEOPLE = ['amelie@acme.fr', 'bruno@corp.fr', 'chloe@corp.fr'];

/** A contact list as Excel keeps it: numbers stored as numbers (the 0 gone), dates as date cells, a blank row. */
const contactsBook = () =>
  workbook([
    {
      name: 'Contacts',
      rows: [
        ['E-mail', 'Portable', 'Nom', 'Source', 'Date de collecte', 'Informé le', 'BLACKLISTED'],
        ['amelie@acme.fr', 612345678, 'Amélie Girard', 'form', dateCell(2026, 1, 13), '13/01/2026', false],
        [],
        [
          'bruno@corp.fr',
          33698765432,
          'Bruno Lefèvre',
          'event:Salon',
          dateCell(2025, 10, 25, 2, 30),
          null,
          true,
        ],
        ['chloe@corp.fr', '06 11 22 33 44', 'Chloé Moreau', 'form', 46035, null, false],
      ],
    },
    { name: 'Notes', rows: [['rien à importer']] },
  ]);

/** Its twin as French Excel saves it in CSV: `;`, Windows-1252, the numbers as typed, ISO dates. */
const CONTACTS_CSV = [
  'E-mail;Portable;Nom;Source;Date de collecte;Informé le;BLACKLISTED',
  'amelie@acme.fr;06 12 34 56 78;Amélie Girard;form;2026-01-13;2026-01-13;Non',
  '',
  'bruno@corp.fr;+33 6 98 76 54 32;Bruno Lefèvre;event:Salon;25/10/2025 02:30;;Oui',
  'chloe@corp.fr;06 11 22 33 44;Chloé Moreau;form;13/01/2026;;Non',
].join('\r\n');

async function register(run: ReturnType<typeof cli>) {
  const people = [];
  for (const email of PEOPLE) {
    const shown = JSON.parse((await run('contact', 'show', '--email', email, '--json')).out);
    // Everything but the record's own id, which each register draws.
    const { id: _id, ...contact } = shown.contact;
    people.push({ contact, objections: shown.objections });
  }
  return people;
}

describe('import of an .xlsx workbook', () => {
  it('records the same contacts as its CSV twin: numbers read as the phones they are, date cells in Paris time', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en', user: 'camille' });
    const file = join(dir, 'contacts.xlsx');
    const bytes = await contactsBook();
    writeFileSync(file, bytes);
    const result = await run('import', file);
    expect(withoutPlan(result.err)).toBe('');
    expect(result.out.split('\n')[0]).toBe('imported 3 rows (xlsx, sheet "Contacts"): 3 new, 0 updated');

    const twinDir = tempDir();
    const twin = cli(twinDir, { lang: 'en', user: 'camille' });
    writeFileSync(join(twinDir, 'contacts.csv'), Buffer.from(CONTACTS_CSV, 'latin1'));
    expect((await twin('import', join(twinDir, 'contacts.csv'))).status).toBe(0);

    const people = await register(run);
    expect(people).toEqual(await register(twin));
    expect(people[0]?.contact).toMatchObject({
      phone: '+33612345678',
      provenance: { collectedAt: '2026-01-12T23:00:00.000Z', informedAt: '2026-01-12T23:00:00.000Z' },
    });
    expect(people[1]?.contact.phone).toBe('+33698765432');
    // 02:30 on 25 October 2025 happened twice in Paris: the first, in summer time.
    expect(people[1]?.contact.provenance.collectedAt).toBe('2025-10-25T00:30:00.000Z');
    // Serial 46035 in a date column stored as a plain number is 13 January 2026.
    expect(people[2]?.contact.provenance.collectedAt).toBe('2026-01-12T23:00:00.000Z');
    // BLACKLISTED = TRUE (a boolean cell) is an objection, as "Oui" is in the CSV.
    expect((await run('can-i', 'email', 'bruno@corp.fr')).out).toMatch(/^⛔/);

    // The audit names the workbook, its sheet, and the sha256 of the file's very bytes.
    const audit = JSON.parse((await run('audit', '--action', 'contact.import', '--json')).out);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(audit[0].detail).toContain(`file contacts.xlsx, sheet "Contacts" (sha256 ${sha256})`);
  });

  it('names a bad row by the sheet’s own row number and column, and writes the rejected rows as a CSV for Excel', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const file = join(dir, 'leads.xlsx');
    writeFileSync(
      file,
      await workbook([
        {
          name: 'Feuil1',
          rows: [
            [],
            ['Email', 'Téléphone', 'Date de collecte', 'Note'],
            ['ok@acme.fr', 612345678, dateCell(2026, 1, 5), '=HYPERLINK("x")'],
            ['bad@acme.fr', null, '31/04/2026', 'Réunion'],
          ],
        },
      ]),
    );
    const rejected = join(dir, 'rejets.csv');
    const result = await run('import', file, '--skip-invalid', '--rejected', rejected);
    expect(result.status).toBe(0);
    expect(withoutPlan(result.err).split('\n')[0]).toBe(
      `${file}:4: colonne « Date de collecte » : « 31/04/2026 » n’existe pas : ce mois-là n’a que 30 jours.`,
    );
    // UTF-8 with a BOM, `;`, CRLF: what French Excel opens with its accents; formulas stay text.
    const text = readFileSync(rejected).toString('utf8');
    expect(text).toBe(
      '\uFEFFEmail;Téléphone;Date de collecte;Note;motif du rejet\r\n' +
        'bad@acme.fr;;31/04/2026;Réunion;Ligne 4 : colonne « Date de collecte » : « 31/04/2026 » n’existe pas : ce mois-là n’a que 30 jours.\r\n',
    );
  });

  it('reads the sheet asked for by --sheet, by name or number, and lists the sheets when it has none by that name', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const file = join(dir, 'book.xlsx');
    writeFileSync(
      file,
      await workbook([
        { name: 'Lisez-moi', rows: [['Export du 13/01/2026']] },
        { name: 'Prospects', rows: [['Email'], ['a@acme.fr'], ['b@acme.fr']] },
      ]),
    );
    const first = await run('import', file);
    expect(first.status).toBe(2);
    expect(first.err).toBe(`prospect-guard: ${file}:1: no email or phone column in the header.`);
    const named = await run('import', file, '--sheet', 'prospects');
    expect(named.out).toBe('imported 2 rows (xlsx, sheet "Prospects"): 2 new, 0 updated');
    expect((await run('import', file, '--sheet', '2')).out).toContain('0 new, 0 updated');
    const unknown = await run('import', file, '--sheet', 'Clients');
    expect(unknown.status).toBe(2);
    expect(unknown.err).toBe(
      `prospect-guard: ${file} has no sheet "Clients": its sheets are "Lisez-moi" or "Prospects" (--sheet takes a name or a number, 1 for the first).`,
    );
    expect((await run('import', file, '--sheet', '3')).err).toContain('has no sheet "3"');
    writeFileSync(join(dir, 'list.csv'), 'Email\na@acme.fr\n');
    expect((await run('import', join(dir, 'list.csv'), '--sheet', '1')).err).toBe(
      `prospect-guard: --sheet only applies to an .xlsx workbook: ${join(dir, 'list.csv')} is a text file (CSV), with a single sheet.`,
    );
  });

  it('knows a workbook by its bytes, and refuses .xls, .ods and archives saying how to save them', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    // A workbook named .csv is still a workbook.
    const misnamed = join(dir, 'export.csv');
    writeFileSync(misnamed, await workbook([{ name: 'Feuil1', rows: [['Email'], ['a@acme.fr']] }]));
    expect((await run('import', misnamed)).out).toBe(
      'import de 1 ligne (xlsx, feuille « Feuil1 ») : 1 nouveau, 0 mis à jour',
    );
    const refused = async (name: string, bytes: Buffer) => {
      writeFileSync(join(dir, name), bytes);
      const result = await run('import', join(dir, name));
      expect(result.status).toBe(2);
      return result.err.replace(`${join(dir, name)}`, name);
    };
    expect(await refused('ancien.xls', XLS_BYTES)).toBe(
      'prospect-guard: ancien.xls est un classeur Excel 97-2003 (.xls) ou un classeur protégé par mot de passe : ouvrez-le dans Excel et enregistrez-le en « Classeur Excel (.xlsx) », sans mot de passe, ou en « CSV UTF-8 ».',
    );
    const ods = storedZip([
      { name: 'mimetype', text: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'content.xml', text: '<office:document-content/>' },
    ]);
    expect(await refused('liste.ods', ods)).toBe(
      'prospect-guard: liste.ods est un classeur OpenDocument (.ods) : dans LibreOffice, Fichier › Enregistrer sous, type « Excel 2007-365 (.xlsx) » ou « Texte CSV ».',
    );
    const zip = storedZip([{ name: 'contacts.csv', text: 'Email\na@acme.fr\n' }]);
    expect(await refused('contacts.zip', zip)).toBe(
      'prospect-guard: contacts.zip est une archive (zip), ni un classeur .xlsx ni un CSV : enregistrez la liste en .xlsx ou en CSV, ou donnez le fichier qu’elle contient.',
    );
    // A workbook that would unzip to gigabytes (a zip bomb, or a list too big for memory) is refused unopened.
    const huge = storedZip([{ name: 'xl/workbook.xml', text: '<workbook/>' }]);
    huge.writeUInt32LE(0xf0000000, huge.indexOf(Buffer.from('PK\x01\x02', 'latin1')) + 24);
    expect(await refused('enorme.xlsx', huge)).toBe(
      'prospect-guard: enorme.xlsx : classeur trop grand pour être lu en mémoire (plus de 512 Mo une fois décompressé) : enregistrez-le en « CSV UTF-8 », qui se lit quelle que soit sa taille.',
    );
    const broken = storedZip([{ name: 'xl/workbook.xml', text: '<workbook' }]);
    expect(await refused('casse.xlsx', broken)).toMatch(
      /^prospect-guard: casse\.xlsx : classeur \.xlsx illisible \(.+\) ; ouvrez-le dans Excel et enregistrez-le à nouveau, ou en « CSV UTF-8 »\.$/,
    );
  });
});

const RECIPIENTS_CSV =
  'Nom;E-mail;Mobile\r\nA;a@acme.fr;06 12 34 56 78\r\nB;b@gmail.com;\r\nC;pas-une-adresse;\r\nA bis;A@ACME.FR;\r\n';

async function recipientsBook() {
  return workbook([
    {
      name: 'Destinataires',
      rows: [
        ['Nom', 'E-mail', 'Mobile'],
        ['A', 'a@acme.fr', 612345678],
        ['B', 'b@gmail.com', null],
        ['C', 'pas-une-adresse', null],
        ['A bis', 'A@ACME.FR', null],
      ],
    },
  ]);
}

describe('campaign-check of an .xlsx list', () => {
  it('checks like its CSV twin, and writes the cleaned list as a workbook or as a CSV for Excel', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    await run(
      ...['contact', 'add', '--email', 'a@acme.fr', '--function', 'finance', '--source', 'form'],
      ...['--collected-at', '05/01/2026', '--informed-at', '05/01/2026'],
    );
    writeFileSync(join(dir, 'list.xlsx'), await recipientsBook());
    writeFileSync(join(dir, 'list.csv'), Buffer.from(RECIPIENTS_CSV, 'latin1'));
    writeFileSync(
      join(dir, 'mail.txt'),
      'Subject: Accounting made simple\nExemple SAS\nUnsubscribe: {{unsubscribe}}\n',
    );
    const check = (list: string, ...more: string[]) =>
      run(
        ...['campaign-check', join(dir, list), '--channel', 'email', '--product', 'accounting-software'],
        ...['--template', join(dir, 'mail.txt'), '--start', '24/11/2026 09:00', '--json', ...more],
      );
    const fromBook = await check(
      'list.xlsx',
      '--cleaned',
      join(dir, 'clean.xlsx'),
      '--details',
      join(dir, 'details.csv'),
    );
    const fromCsv = await check('list.csv');
    expect(fromBook.status).toBe(1);
    const [book, csv] = [JSON.parse(fromBook.out), JSON.parse(fromCsv.out)];
    for (const key of ['counts', 'groups', 'invalidLines', 'listHash', 'cleanedHash', 'plannedStart'])
      expect(book[key]).toEqual(csv[key]);
    expect(book.counts).toMatchObject({
      rows: 4,
      recipients: 2,
      duplicates: 1,
      invalid: 1,
      allow: 1,
      block: 1,
    });
    expect(book.invalidLines).toEqual([4]);
    expect(book.input.sheet).toBe('Destinataires');
    expect(book.plannedStart).toBe('2026-11-24T08:00:00.000Z');
    // The cleaned list as a workbook: the allowed row with every column, as text.
    expect(await readSheet(readFileSync(join(dir, 'clean.xlsx')))).toEqual([
      ['Nom', 'E-mail', 'Mobile'],
      ['A', 'a@acme.fr', '612345678'],
    ]);
    // The details as CSV: UTF-8 with a BOM, `;`, CRLF, the verdict added to the workbook's columns.
    const details = readFileSync(join(dir, 'details.csv'), 'utf8').split('\r\n');
    expect(details[0]).toBe('\uFEFFNom;E-mail;Mobile;verdict;motif;règles;base légale');
    expect(details[1]).toMatch(/^A;a@acme\.fr;612345678;autorisé;/);
    expect(details[3]).toMatch(/^C;pas-une-adresse;;invalide;/);
  });

  it('checks the sheet --sheet names, and refuses an .ods list as the import does', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    writeFileSync(
      join(dir, 'book.xlsx'),
      await workbook([
        { name: 'Résumé', rows: [['Campagne de rentrée']] },
        { name: 'SMS', rows: [['Téléphone'], [612345678], [33698765432]] },
      ]),
    );
    const sms = await run(
      ...['campaign-check', join(dir, 'book.xlsx'), '--sheet', 'SMS', '--channel', 'sms'],
      ...['--product', 'accounting-software', '--json'],
    );
    const campaign = JSON.parse(sms.out);
    expect(campaign.counts).toMatchObject({ rows: 2, recipients: 2, invalid: 0 });
    expect(campaign.input.sheet).toBe('SMS');
    const ods = storedZip([{ name: 'mimetype', text: 'application/vnd.oasis.opendocument.spreadsheet' }]);
    writeFileSync(join(dir, 'list.ods'), ods);
    const refused = await run(
      ...['campaign-check', join(dir, 'list.ods'), '--channel', 'email', '--product', 'accounting-software'],
    );
    expect(refused.status).toBe(2);
    expect(refused.err).toContain('is an OpenDocument spreadsheet (.ods): in LibreOffice, File › Save As');
  });
});
