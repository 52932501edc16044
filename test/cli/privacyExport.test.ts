import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { POLICY_PATH } from '../support/policy.ts';

// GDPR art. 15(1)(a)-(h), 15(3); art. 13(1)(c) and 14(2)(f) for the bases and the source; CNIL, « Le droit
// d'accès » (what to send back, readable by the person). The clock of the harness: Monday 23 November 2026 10:30.

const AMELIE = 'amelie.girard@société.fr';

/** Amélie: bought on a list in January, informed, consented to calls with a proof, replied, objected to texts. */
async function amelie(dir: string) {
  const run = cli(dir, { user: 'dpo' });
  await run(
    ...['contact', 'add', '--email', AMELIE, '--phone', '06 12 34 56 78', '--name', 'Amélie Girard'],
    ...['--company', 'Société <script>alert(1)</script> & Fils', '--function', 'directrice financière'],
    ...['--source', 'purchase:annuaire-pro', '--collected-at', '2026-01-10', '--informed-at', '2026-01-20'],
  );
  // At 00:30 in Paris in summer: the day before in UTC. The person reads her own day.
  await run(
    ...['consent', 'grant', '--email', AMELIE, '--channel', 'phone', '--method', 'double-opt-in'],
    ...['--wording', 'v2-2026', '--evidence', 'dossier-482', '--at', '2026-07-01T00:30'],
  );
  await run('event', '--email', AMELIE, '--type', 'reply', '--at', '2026-04-01T09:00');
  await run('optout', '--phone', '06 12 34 56 78', '--channel', 'sms', '--at', '2026-10-05T15:00');
  await run('can-i', 'email', AMELIE);
  return run;
}

async function pdfText(file: string): Promise<string> {
  return (await new PDFParse({ data: readFileSync(file) }).getText()).text;
}

/** What a person must never read: ids, UTC instants, the codes behind the words. */
function expectReadable(text: string) {
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/); // a UUID
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/); // an ISO instant
  expect(text).not.toMatch(/\bUTC\b|undefined|null|legitimate_interest|consent_required|phone-consent/);
}

describe('privacy export: the access report a person reads', () => {
  it('as an HTML page in French: what we hold, where from, why, how long, who sees it, her rights', async () => {
    const dir = tempDir();
    const run = await amelie(dir);
    const out = join(dir, 'acces.html');
    const done = await run('privacy', 'export', '--email', AMELIE, '--format', 'html', '--out', out);
    expect(done.status).toBe(0);
    expect(done.out).toBe(`rapport d’accès écrit dans ${out} (html, français)`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
    // Standalone: nothing is fetched when it is opened, and what users typed is text, never markup.
    expect(html).not.toMatch(/\b(src|href)=|url\(|@import|<script/i);
    expect(html).toContain('Société &#60;script&#62;alert(1)&#60;/script&#62; &#38; Fils');
    const text = html
      .replace(/<style>.*<\/style>/s, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'");
    expect(text).toContain('Vos données personnelles chez Exemple SAS');
    expect(text).toContain('Les dates et heures sont celles de Paris');
    expect(text).toContain("Responsable du traitement : Exemple SAS, 1 rue de l'Exemple, 75001 Paris.");
    expect(text).toContain('Délégué à la protection des données : dpo@exemple.fr.');
    // What we hold, in full: it is hers (the domain as she writes it, the number as people read it).
    expect(text).toContain('amelie.girard@société.fr');
    expect(text).toContain('+33 6 12 34 56 78');
    expect(text).toContain('directrice financière');
    expect(text).toContain('réponse de votre part, le mercredi 1 avril 2026 à 09:00');
    // Where it came from (art. 14(2)(f)), with the notice.
    expect(text).toContain(
      'fichier acheté (annuaire-pro), collecte indirecte, le samedi 10 janvier 2026 ; information sur la prospection et sur votre droit d’opposition donnée le mardi 20 janvier 2026',
    );
    // Why, channel by channel, as the register says.
    expect(text).toContain(
      'appel (+33 6 12 34 56 78) : votre consentement (RGPD art. 6(1)(a)), donné le mercredi 1 juillet 2026 à 00:30.',
    );
    expect(text).toContain('e-mail (amelie.girard@société.fr) : notre intérêt légitime');
    expect(text).toContain('SMS (+33 6 12 34 56 78) : vous l’avez refusé');
    expect(text).toContain('RGPD art. 22');
    // How long: her last reply restarts the clock (3 years), the phone consent its year, its proof 3 years more.
    expect(text).toContain('supprimées au plus tard le dimanche 1 avril 2029 à 09:00 : 3 ans après');
    expect(text).toContain('Votre consentement aux appels prend fin le jeudi 1 juillet 2027 à 00:30');
    expect(text).toContain('gardée jusqu’au lundi 1 juillet 2030 à 00:30 (3 ans après sa fin)');
    // Who sees it, her consents with their proof, her objections, her rights and the CNIL.
    expect(text).toContain('Les équipes commerciales et marketing');
    expect(text).toContain("Vos données ne sont pas transférées hors de l'Union européenne.");
    expect(text).toContain('méthode « double-opt-in », texte affiché « v2-2026 », référence « dossier-482 »');
    expect(text).toContain('Opposition, SMS : depuis le lundi 5 octobre 2026 à 15:00');
    expect(text).toContain('3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07');
    expect(text).toContain('www.cnil.fr/plaintes');
    expect(text).toContain('Écrivez à dpo@exemple.fr');
    expectReadable(text);
    expect(text).not.toMatch(/\b(prospecting|email address|consent|Your)\b/);
  });

  it('as a PDF in French and in English, read back as text: the same content, accents included', async () => {
    const dir = tempDir();
    const run = await amelie(dir);
    const fr = join(dir, 'acces.pdf');
    expect((await run('privacy', 'export', '--email', AMELIE, '--out', fr)).status).toBe(0); // by its name
    expect(statSync(fr).mode & 0o777).toBe(0o600);
    const french = await pdfText(fr);
    for (const words of [
      'Vos données personnelles chez Exemple SAS',
      'Délégué à la protection des données',
      'Nom : Amélie Girard',
      'Fonction : directrice financière',
      'votre consentement (RGPD art. 6(1)(a)), donné le mercredi 1 juillet 2026 à 00:30',
      'Vos droits, et comment les exercer',
      'Commission nationale de l’informatique et des libertés, 3 place de Fontenoy, TSA 80715',
    ])
      expect(french.replace(/\s+/g, ' ')).toContain(words);
    expectReadable(french);

    const en = join(dir, 'access.pdf');
    const english = await run(
      '--lang',
      'en',
      'privacy',
      'export',
      '--email',
      AMELIE,
      '--format',
      'pdf',
      '--out',
      en,
    );
    expect(english.out).toBe(`access report written to ${en} (pdf, English)`);
    const text = (await pdfText(en)).replace(/\s+/g, ' ');
    for (const words of [
      'Your personal data held by Exemple SAS',
      'Name: Amélie Girard',
      'Company: Société <script>alert(1)</script> & Fils',
      'phone call (+33 6 12 34 56 78): your consent (GDPR art. 6(1)(a)), given on Wednesday 1 July 2026 at 00:30',
      'Your data will be deleted by Sunday 1 April 2029 at 09:00 at the latest: 3 years after',
      'Objection, SMS: since Monday 5 October 2026 at 15:00',
      'Lodge a complaint with the CNIL',
      'www.cnil.fr/plaintes',
    ])
      expect(text).toContain(words);
    expectReadable(text);
    // No French words of ours in the English report (her data stays as recorded).
    expect(text).not.toMatch(/Vos |données|Délégué|Opposition,|le lundi/);
  });

  it('a PDF needs a file, and a file named for another format is refused before anything is read', async () => {
    const dir = tempDir();
    const run = await amelie(dir);
    const toScreen = await run('--lang', 'en', 'privacy', 'export', '--email', AMELIE, '--format', 'pdf');
    expect(toScreen.status).toBe(2);
    expect(toScreen.err).toBe('prospect-guard: --out is required.');
    const slip = await run(
      'privacy',
      'export',
      '--email',
      AMELIE,
      '--format',
      'pdf',
      '--out',
      join(dir, 'a.html'),
    );
    expect(slip.status).toBe(2);
    expect(slip.err).toContain(`--out : « ${join(dir, 'a.html')} » doit finir par .pdf.`);
    expect(existsSync(join(dir, 'a.html'))).toBe(false);
    const word = await run('privacy', 'export', '--email', AMELIE, '--format', 'docx');
    expect(word.err).toContain(
      '--format : « docx » n’est pas l’une des valeurs possibles (json, html, pdf).',
    );
    // An existing file stays as it was, and the refused export is not recorded as made.
    const kept = join(dir, 'kept.html');
    writeFileSync(kept, 'mine');
    expect((await run('privacy', 'export', '--email', AMELIE, '--out', kept)).status).toBe(2);
    expect(readFileSync(kept, 'utf8')).toBe('mine');
    const audit = JSON.parse((await run('audit', '--action', 'privacy.export', '--json')).out);
    expect(audit).toEqual([]);
  });

  it('each export is audited once, with its format, by who asked, never with the person in clear', async () => {
    const dir = tempDir();
    const run = await amelie(dir);
    await run('privacy', 'export', '--email', AMELIE, '--out', join(dir, 'a.html'));
    await run('privacy', 'export', '--phone', '0612345678', '--format', 'json');
    const audit = JSON.parse((await run('audit', '--action', 'privacy.export', '--json')).out);
    expect(audit.map((e: { detail: string }) => e.detail).sort()).toEqual(['format html', 'format json']);
    expect(new Set(audit.map((e: { actor: string }) => e.actor))).toEqual(new Set(['cli:dpo']));
    expect(new Set(audit.map((e: { targetHash: string }) => e.targetHash)).size).toBe(1); // one person
    const raw = readFileSync(join(dir, 'db.json.journal'), 'utf8');
    // The export entries themselves, not the read of the trail above (its own entry names the filter).
    const entries = raw.split('\n').filter((l) => l.includes('"action":"privacy.export"'));
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry).not.toMatch(/amelie|société|xn--|612345678/);
  });

  it('JSON stays the default for machines, with the bases and the deadlines in the policy’s time zone', async () => {
    const run = await amelie(tempDir());
    const data = JSON.parse((await run('privacy', 'export', '--email', AMELIE)).out);
    expect(data.contact.name).toBe('Amélie Girard');
    expect(data.timeZone).toBe('Europe/Paris');
    expect(data.controller.dpo.email).toBe('dpo@exemple.fr');
    expect(data.retention).toContainEqual({
      kind: 'prospect',
      deadline: '2029-04-01T09:00:00.000+02:00',
      rule: 'retention-prospect-non-customer',
    });
    expect(data.legalBases).toContainEqual({
      channel: 'phone',
      purpose: 'prospecting',
      audience: 'b2c', // a mobile is a personal line unless recorded otherwise (A2)
      basis: 'consent',
      consentAt: '2026-06-30T22:30:00.000Z',
    });
    expect(data.legalBases).toContainEqual(expect.objectContaining({ channel: 'sms', basis: 'objected' }));
  });

  it('a person the register does not hold: we say so, and show the objection kept as a fingerprint', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    await run('optout', '--email', 'bob@gmail.com', '--at', '2026-03-02T10:00');
    await run('privacy', 'export', '--email', 'bob@gmail.com', '--out', join(dir, 'bob.pdf'));
    const text = (await pdfText(join(dir, 'bob.pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('We hold no record about you for bob@gmail.com.');
    expect(text).toContain('We keep only an encrypted fingerprint of it');
    expect(text).toContain('Objection, every channel: since Monday 2 March 2026 at 10:00');
    expect(text).toContain('email (bob@gmail.com): you objected');
    expect(text).not.toContain('Your data will be deleted');
    expect(text).not.toContain('Where this data came from');
  });

  it('a policy without its controller: section makes only the JSON, and lint says why', async () => {
    const dir = tempDir();
    const policy = join(dir, 'policy.yaml');
    const source = readFileSync(POLICY_PATH, 'utf8');
    const start = source.indexOf('\ncontroller:\n');
    const end = source.indexOf('\ncampaign:\n');
    writeFileSync(policy, source.slice(0, start) + source.slice(end));
    const run = cli(dir, { lang: 'en' });
    await run('contact', 'add', '--email', 'alice@corp.fr', '--source', 'form');
    const html = await run(
      '--policy',
      policy,
      'privacy',
      'export',
      '--email',
      'alice@corp.fr',
      '--format',
      'html',
    );
    expect(html.status).toBe(2);
    expect(html.err).toContain(
      'The policy has no controller: section (name, address, DPO, recipients, transfers)',
    );
    const json = await run('--policy', policy, 'privacy', 'export', '--email', 'alice@corp.fr');
    expect(JSON.parse(json.out).contact.email).toBe('alice@corp.fr');
    const lint = await run('policy', 'lint', policy);
    expect(lint.err).toMatch(/policy\.yaml:\d+:1 warning: no controller: section/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, source.replace('email: dpo@exemple.fr', 'email: dpo-at-exemple'));
    const refused = await run('policy', 'lint', bad);
    expect(refused.status).toBe(2);
    expect(refused.err).toMatch(/bad\.yaml:\d+:\d+ .*controller\.dpo\.email: expected an email address/);
  });
});
