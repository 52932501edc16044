import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

// A consent is proven by its controller (GDPR art. 7(1)): the way it was given, a clear affirmative act (art. 4(11);
// a pre-ticked box is none, CJEU C-673/17 Planet49), the wording shown and a reference to the evidence (C2). A file
// of consents obeys the rules of `consent grant` row by row, and is about people in the register, as it is.
const EXPORTS = resolve(import.meta.dirname, '..', 'fixtures', 'exports');
const ALLOW = 0;
const BLOCK = 1;

async function register(dir: string, lang: 'fr' | 'en' = 'fr') {
  const run = cli(dir, { lang });
  const form = ['--source', 'form', '--collected-at', '2026-10-28', '--informed-at', '2026-10-28'];
  expect((await run('contact', 'add', '--email', 'jean.dupont@acme.fr', ...form)).status).toBe(0);
  expect(
    (await run('contact', 'add', '--email', 'marie.durand@gmail.com', '--phone', '06 12 34 56 78', ...form))
      .status,
  ).toBe(0);
  return run;
}

const consentsOf = async (run: ReturnType<typeof cli>, email: string) =>
  JSON.parse((await run('contact', 'show', '--email', email, '--json')).out).consents as Array<{
    channel: string;
    at: string;
    until?: string;
    proof: Record<string, string>;
  }>;

describe('import-consents', () => {
  it("records a French sheet's consents (Windows-1252, « ; ») by the rules of consent grant, each audited, once", async () => {
    const dir = tempDir();
    const run = await register(dir);
    // A consumer's mobile: no text without her consent (L.34-5 CPCE).
    expect((await run('can-i', 'sms', '06 12 34 56 78')).status).toBe(BLOCK);
    const file = join(dir, 'consentements.csv');
    copyFileSync(join(EXPORTS, 'consents-fr.csv'), file);
    const imported = await run('import-consents', file);
    expect(imported.status).toBe(0);
    expect(imported.out).toBe(
      'consentements de consentements.csv (windows-1252) : 3 lignes, 3 consentements enregistrés, 0 déjà enregistré',
    );
    expect((await run('can-i', 'sms', '06 12 34 56 78')).status).toBe(ALLOW);
    const [sms, phone] = await consentsOf(run, 'marie.durand@gmail.com');
    expect(sms).toMatchObject({
      channel: 'sms',
      at: '2026-10-28T17:02:00.000Z',
      proof: {
        method: 'double-opt-in',
        wording: 'Newsletter v2',
        evidence: 'confirmation 5531',
        capturedWhere: 'https://exemple.fr/newsletter',
      },
    });
    // Found by her number alone; « Case à cocher » is the policy's checkbox; « Valable jusqu'au » its end.
    expect(phone).toMatchObject({
      channel: 'phone',
      until: '2027-10-27T22:00:00.000Z',
      proof: { method: 'checkbox' },
    });
    const audit = JSON.parse((await run('audit', '--json')).out) as Array<{
      action: string;
      detail?: string;
    }>;
    expect(audit.filter((e) => e.action === 'consent.record').map((e) => e.detail)).toEqual([
      'grant email prospecting; from consentements.csv:2',
      'grant sms prospecting; from consentements.csv:3',
      'grant phone prospecting; from consentements.csv:4',
    ]);
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(audit.find((e) => e.action === 'consent.import')?.detail).toBe(
      `file consentements.csv (sha256 ${sha256}); 3 rows: 3 recorded, 0 already recorded, 0 rejected`,
    );
    // The same file again (an import cut short, run twice): nothing recorded twice.
    expect((await run('import-consents', file)).out).toContain(
      '0 consentement enregistré, 3 déjà enregistrés',
    );
    expect(await consentsOf(run, 'marie.durand@gmail.com')).toHaveLength(2);
  });

  it('is all or nothing: each bad row is refused at its column, in English, and nothing is recorded', async () => {
    const dir = tempDir();
    const run = await register(dir, 'en');
    const file = join(dir, 'consents.csv');
    writeFileSync(
      file,
      [
        'Email,Channel,Purpose,Consent date,Method,Wording,Evidence',
        'jean.dupont@acme.fr,email,prospecting,2026-11-02T10:15,checkbox,form v3,sub 1',
        'marie.durand@gmail.com,sms,prospecting,2026-12-01,checkbox,form v3,sub 2',
        'marie.durand@gmail.com,sms,prospecting,2026-10-28,pre-ticked box,form v3,sub 3',
        'nobody@acme.fr,email,prospecting,2026-10-28,checkbox,form v3,sub 4',
        'jean.dupont@acme.fr,email,newsletter,2026-10-28,checkbox,form v3,',
        'jean.dupont@acme.fr,fax,prospecting,2026-10-28,checkbox,form v3,sub 6',
        'jean.dupont@acme.fr,email,prospecting,,checkbox,form v3,sub 7',
      ].join('\n'),
    );
    const refused = await run('import-consents', file);
    expect(refused.status).toBe(2);
    const lines = refused.err.split('\n');
    expect(lines).toEqual([
      `${file}:3: column "Consent date" (date): the date cannot be in the future.`,
      expect.stringContaining(
        `${file}:4: column "Method": the way the consent was given must be a clear affirmative act the policy accepts`,
      ),
      `${file}:5: column "Email" (email address): This person is not in the register: add them first.`,
      `${file}:6: A consent without proof is no consent: it needs the version of the wording shown and an evidence reference (column "Evidence" is missing).`,
      expect.stringContaining(`${file}:7: column "Channel": "fax" is not one of`),
      expect.stringContaining(
        `${file}:8: column "Consent date" (date): the date the person gave her consent is needed`,
      ),
      'nothing recorded: 6 of 7 rows are invalid (fix them, or --skip-invalid to record the others)',
    ]);
    expect(await consentsOf(run, 'jean.dupont@acme.fr')).toEqual([]);
    const audit = JSON.parse((await run('audit', '--json')).out) as Array<{ action: string }>;
    expect(audit.map((e) => e.action)).not.toContain('consent.import');
  });

  it('--skip-invalid records the good rows, --rejected writes the bad ones in the file’s shape with their reason', async () => {
    const dir = tempDir();
    const run = await register(dir);
    const file = join(dir, 'consents.csv');
    const rows = [
      'Adresse e-mail;Canal;Date du consentement;Méthode;Texte affiché;Référence de preuve',
      'jean.dupont@acme.fr;E-mail;2026-11-02;Case à cocher;« J’accepte de recevoir… » v3;sub 1',
      'jean.dupont@acme.fr;SMS;2026-11-02;Case pré-cochée;« J’accepte… » v3;sub 2',
    ];
    writeFileSync(file, iconv.encode(`${rows.join('\r\n')}\r\n`, 'windows-1252'));
    const rejected = join(dir, 'rejets.csv');
    const done = await run('import-consents', file, '--skip-invalid', '--rejected', rejected);
    expect(done.status).toBe(0);
    expect(done.out).toContain('1 consentement enregistré');
    expect(done.err).toContain('1 ligne invalide laissée de côté');
    expect(await consentsOf(run, 'jean.dupont@acme.fr')).toMatchObject([
      { channel: 'email', proof: { method: 'checkbox', wording: '« J’accepte de recevoir… » v3' } },
    ]);
    const back = iconv.decode(readFileSync(rejected), 'windows-1252').split('\r\n');
    expect(back[0]).toBe(`${rows[0]};motif du rejet`);
    expect(back[1]).toBe(
      `${rows[2]};colonne « Méthode » : la façon dont le consentement a été donné doit être un acte positif clair que la politique accepte (checkbox, double-opt-in, signed, oral-recorded, email-reply).`,
    );
    expect(statSync(rejected).mode & 0o777).toBe(0o600);
  });

  it('--dry-run checks every row and shows what would be recorded, recording nothing', async () => {
    const dir = tempDir();
    const run = await register(dir);
    const file = join(dir, 'consentements.csv');
    copyFileSync(join(EXPORTS, 'consents-fr.csv'), file);
    const dry = await run('import-consents', file, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.out.split('\n')).toEqual([
      '--dry-run : rien n’a été enregistré.',
      'consentements de consentements.csv (windows-1252) : 3 lignes, 3 consentements seraient enregistrés, 0 déjà enregistré',
      '  ligne 2 : j***@acme.fr, e-mail, prospection, donné lundi 2 novembre 2026 à 10:15 (checkbox, texte « Formulaire contact v3 », preuve « soumission 8812 »)',
      '  ligne 3 : m***@gmail.com, SMS, prospection, donné mercredi 28 octobre 2026 à 18:02 (double-opt-in, texte « Newsletter v2 », preuve « confirmation 5531 »)',
      '  ligne 4 : +336•••78, appel, prospection, donné mercredi 28 octobre 2026 à 18:03 (checkbox, texte « Rappel v1 », preuve « soumission 5530 »)',
    ]);
    expect(await consentsOf(run, 'marie.durand@gmail.com')).toEqual([]);
    expect(
      JSON.parse((await run('audit', '--json')).out).map((e: { action: string }) => e.action),
    ).not.toContain('consent.import');
  });

  it('refuses a file without the columns every consent needs, naming them', async () => {
    const dir = tempDir();
    const run = await register(dir, 'en');
    const file = join(dir, 'consents.csv');
    writeFileSync(file, 'Email,Channel,Method\njean.dupont@acme.fr,email,checkbox\n');
    const refused = await run('import-consents', file);
    expect(refused.status).toBe(2);
    expect(refused.err).toBe(
      `prospect-guard: ${file}:1: no "date" column in the header (such as Date du consentement, Consent date): every row needs one.`,
    );
    writeFileSync(file, 'Nom,Canal\nJean,email\n');
    expect((await run('import-consents', file)).err).toContain('no email or phone column in the header');
    expect(existsSync(join(dir, 'consents.csv'))).toBe(true);
  });
});
