import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

// Each tool's export as it leaves the tool (test/fixtures/exports/, shaped from the tools' help pages): the
// contact, her unsubscribes as objections (GDPR art. 21(2)-(3)), and the date the tool first held her as the
// collection date, so the 3-year clock of prospect data (CNIL, référentiel gestion commerciale) starts there
// and not at the import, months later.
const EXPORTS = resolve(import.meta.dirname, '..', 'fixtures', 'exports');

function fixture(dir: string, name: string): string {
  const path = join(dir, name);
  copyFileSync(join(EXPORTS, name), path);
  return path;
}

type Run = ReturnType<typeof cli>;
const shown = async (run: Run, flag: '--email' | '--phone', value: string) =>
  JSON.parse((await run('contact', 'show', flag, value, '--json')).out);
const rulesOf = async (run: Run, channel: string, target: string) =>
  JSON.parse((await run('can-i', channel, target, '--json')).out).reasons.map(
    (r: { rule: string }) => r.rule,
  );
const OBJECTION = 'optout-right-to-object';

describe('presets: each tool’s export read as that tool writes it', () => {
  it('HubSpot in English: company, job title, the creation date as the collection date, the unsubscribe', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const result = await run('import', fixture(dir, 'hubspot-contacts-en.csv'));
    expect(result.status).toBe(0);
    expect(result.err).toContain('File read as a HubSpot export (recognised by its columns');
    expect(result.err).toContain('Collection date: "Create Date", the creation date in HubSpot');
    expect(result.err).toContain('Columns ignored: "Record ID", "Lead Status".');
    const amelie = await shown(run, '--email', 'amelie.girard@acme.fr');
    expect(amelie.contact).toMatchObject({
      name: 'Amélie Girard',
      company: 'Acme',
      jobFunction: 'Directrice administrative et financière',
      provenance: { source: 'import', detail: 'HubSpot', collection: 'indirect' },
    });
    // 2025-01-14 10:23 in Paris: the deadline runs from there, not from today.
    expect(amelie.contact.provenance.collectedAt).toBe('2025-01-14T09:23:00.000Z');
    expect(amelie.retentionDeadline).toBe('2028-01-14T09:23:00.000Z');
    // A CRM user is not a Slack member: not recorded as the owner.
    expect(amelie.contact.owner).toBeUndefined();
    const bruno = await shown(run, '--email', 'bruno.lefevre@corp.fr');
    expect(bruno.contact.customer.since).toBe('2025-02-01T08:00:00.000Z');
    expect(await rulesOf(run, 'email', 'bruno.lefevre@corp.fr')).toContain(OBJECTION);
    // His unsubscribe is from email: his mobile is another means.
    expect(await rulesOf(run, 'sms', '+33 6 12 34 56 02')).not.toContain(OBJECTION);
  });

  it('HubSpot in French: « Nom de l’entreprise », « Intitulé du poste », « Date de création », « Désabonné… »', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const result = await run('import', fixture(dir, 'hubspot-contacts-fr.csv'));
    expect(result.status).toBe(0);
    expect(result.err).toContain("« Nom de l'entreprise » → société");
    expect(result.err).toContain('« Intitulé du poste » → fonction');
    const bruno = await shown(run, '--email', 'bruno.lefevre@corp.fr');
    expect(bruno.contact).toMatchObject({ company: 'Corp', jobFunction: 'Responsable comptable' });
    expect(bruno.contact.provenance.collectedAt).toBe('2024-11-03T15:40:00.000Z');
    expect(await rulesOf(run, 'email', 'bruno.lefevre@corp.fr')).toContain(OBJECTION);
    expect(await rulesOf(run, 'email', 'amelie.girard@acme.fr')).not.toContain(OBJECTION);
  });

  it('Brevo: BLACKLISTED and SMS_BLACKLISTED, ADDED_TIME as the collection date', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    expect((await run('import', fixture(dir, 'brevo-contacts.csv'))).status).toBe(0);
    const lea = await shown(run, '--email', 'lea.petit@acme.fr');
    expect(lea.contact.provenance.collectedAt).toBe('2024-09-01T12:00:00.000Z');
    expect(await rulesOf(run, 'email', 'lea.petit@acme.fr')).toContain(OBJECTION);
    expect(await rulesOf(run, 'sms', '+33612345603')).toContain(OBJECTION);
    expect(await rulesOf(run, 'email', 'hugo.blanc@acme.fr')).not.toContain(OBJECTION);
  });

  it('Pipedrive: the work address before the home one, one name, the marketing status', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const result = await run('import', fixture(dir, 'pipedrive-persons.csv'));
    expect(result.status).toBe(0);
    const marc = await shown(run, '--email', 'marc@dubois-conseil.fr');
    expect(marc.contact).toMatchObject({ name: 'Marc Dubois', company: 'Dubois Conseil' });
    expect(marc.contact.provenance.collectedAt).toBe('2024-05-06T09:20:00.000Z');
    expect(await rulesOf(run, 'email', 'nina.faure@faure-sas.fr')).toContain(OBJECTION);
    expect(await rulesOf(run, 'email', 'marc@dubois-conseil.fr')).not.toContain(OBJECTION);
  });

  it('lemlist: camelCase headers, unsubscribed; no creation column, so the import date, said before writing', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const result = await run('import', fixture(dir, 'lemlist-leads.csv'));
    expect(result.err).toContain('Collection date: no column gives it, the date of the import will be used');
    const paul = await shown(run, '--email', 'paul.martin@logistique.fr');
    expect(paul.contact).toMatchObject({ company: 'Logistique Express', jobFunction: 'Directeur financier' });
    expect(await rulesOf(run, 'email', 'sarah.nguyen@batiplus.fr')).toContain(OBJECTION);
  });

  it('Salesforce: Account Name, Title, Created Date; Do Not Call reaches both numbers of the row', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    expect((await run('import', fixture(dir, 'salesforce-contacts.csv'))).status).toBe(0);
    const anna = await shown(run, '--email', 'anna.klein@corp.fr');
    expect(anna.contact).toMatchObject({ company: 'Klein Industries', jobFunction: 'CFO' });
    expect(anna.contact.provenance.collectedAt).toBe('2024-02-11T23:00:00.000Z');
    expect(await rulesOf(run, 'phone', '+33 1 40 00 00 11')).toContain(OBJECTION);
    expect(await rulesOf(run, 'phone', '+33 6 12 34 56 11')).toContain(OBJECTION);
    expect(await rulesOf(run, 'email', 'ben.roy@corp.fr')).toContain(OBJECTION);
  });

  it('an Excel sheet with three email columns reads the professional one, says so, and --column chooses', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const file = fixture(dir, 'excel-contacts.csv');
    const dry = await run('import', file, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.err).toContain(
      'Plusieurs colonnes pour adresse e-mail : « E-mail professionnel », « Adresse électronique », « Courriel »',
    );
    expect(dry.out).toContain('ligne 2 : adresse e-mail l.garnier@garnier-btp.fr');
    expect(dry.out).toContain('rien n’a été écrit');
    expect((await run('contact', 'list')).out).toBe('Aucun contact ne correspond.');
    expect((await run('import', file)).status).toBe(0);
    expect((await shown(run, '--email', 'l.garnier@garnier-btp.fr')).contact.name).toBe('Louise Garnier');
    // Her unsubscribe binds every address of her row, the personal ones too.
    expect(await rulesOf(run, 'email', 'h.perrin@perrin-transports.fr')).toContain(OBJECTION);
    const other = tempDir();
    const chosen = await cli(other, { lang: 'fr' })(
      'import',
      fixture(other, 'excel-contacts.csv'),
      '--column',
      'email=Courriel',
    );
    expect(chosen.status).toBe(0);
    const louise = await shown(cli(other, { lang: 'fr' }), '--email', 'louise.g@orange.fr');
    expect(louise.contact.name).toBe('Louise Garnier');
  });
});

describe('choosing what the detection would not', () => {
  it('--collected-at-column none keeps the import date; --from names the tool; wrong names are told with the list', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const file = fixture(dir, 'brevo-contacts.csv');
    expect((await run('import', file, '--collected-at-column', 'none')).status).toBe(0);
    const camille = await shown(run, '--email', 'camille.roux@acme.fr');
    expect(camille.contact.provenance.collectedAt.slice(0, 4)).toBe(String(new Date().getFullYear()));
    const badTool = await run('import', file, '--from', 'mailchimp');
    expect(badTool.status).toBe(2);
    expect(badTool.err).toContain(
      '"mailchimp" is not a known tool (hubspot, brevo, pipedrive, lemlist, salesforce, excel)',
    );
    const badColumn = await run('import', file, '--column', 'email=Mail');
    expect(badColumn.err).toContain('the file has no column "Mail" (columns: EMAIL | NOM | PRENOM');
    const badField = await run('import', file, '--column', 'mail=EMAIL');
    expect(badField.err).toContain('"mail" is not a contact field');
  });

  it('the rejected file names the line and the column, in the input’s encoding with a BOM, and the terminal says how many more', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const file = join(dir, 'leads.csv');
    const rows = ['email,collected at'];
    for (let i = 0; i < 25; i++) rows.push(`p${i}@acme.fr,pas une date`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    const rejected = join(dir, 'rejets.csv');
    const result = await run('import', file, '--skip-invalid', '--rejected', rejected);
    expect(result.err).toContain('… et 5 autres (toutes dans');
    const text = readFileSync(rejected, 'utf8');
    expect(text.startsWith('\ufeffemail,collected at,motif du rejet\n')).toBe(true);
    expect(text).toContain('Ligne 2 : colonne « collected at » (date de collecte) : « pas une date »');
    expect(text).not.toContain('--collected-at');
  });
});
