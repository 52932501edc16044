import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

// GDPR art. 21(2)-(3), L.34-5 CPCE: a person who unsubscribed in the CRM has objected; once her record reaches
// us with that column, the objection binds us on the means it covers. Read as an ordinary contact, she was
// answered "allowed" (issue 26).
const EXPORTS = resolve(import.meta.dirname, '..', 'fixtures', 'exports');
const BLOCK = 1;

function fixture(dir: string, name: string): string {
  const path = join(dir, name);
  copyFileSync(join(EXPORTS, name), path);
  return path;
}

const verdictOf = async (run: ReturnType<typeof cli>, channel: string, target: string) =>
  JSON.parse((await run('can-i', channel, target, '--json')).out);

describe("a CRM's unsubscribes come in as objections", () => {
  it("Brevo's BLACKLISTED blocks email and SMS_BLACKLISTED blocks texts, each on its own means", async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const imported = await run('import', fixture(dir, 'brevo-contacts.csv'));
    expect(imported.status).toBe(0);
    expect(imported.out).toContain('2 people the file says unsubscribed or objected: recorded as objections');
    const lea = await verdictOf(run, 'email', 'lea.petit@acme.fr');
    expect(lea.verdict).toBe('block');
    expect(lea.reasons[0].rule).toBe('optout-right-to-object');
    // Her SMS is another means: not blocked by her email unsubscribe.
    const leaSms = await verdictOf(run, 'sms', '+33612345602');
    expect(leaSms.reasons.map((r: { rule: string }) => r.rule)).not.toContain('optout-right-to-object');
    const hugo = await verdictOf(run, 'sms', '+33612345603');
    expect(hugo.reasons[0].rule).toBe('optout-right-to-object');
    const camille = await verdictOf(run, 'email', 'camille.roux@acme.fr');
    expect(camille.reasons.map((r: { rule: string }) => r.rule)).not.toContain('optout-right-to-object');
    const audit = JSON.parse((await run('audit', '--action', 'contact.import', '--json')).out);
    expect(audit[0].detail).toContain('2 opt-outs recorded as objections');
  });

  it("Salesforce's Email Opt Out and Do Not Call, as 1 and 0", async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    expect((await run('import', fixture(dir, 'salesforce-contacts.csv'))).status).toBe(0);
    expect((await run('can-i', 'email', 'ben.roy@corp.fr')).status).toBe(BLOCK);
    expect((await verdictOf(run, 'phone', '+33 6 12 34 56 11')).reasons[0].rule).toBe(
      'optout-right-to-object',
    );
  });

  it('a HubSpot export in French, and a cell that says neither yes nor no rejects its row at the column', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const file = join(dir, 'hubspot.csv');
    writeFileSync(
      file,
      'Prénom,Nom,Adresse e-mail,Désabonné de tous les e-mails\nAmélie,Girard,amelie@acme.fr,Oui\nBruno,Roy,bruno@acme.fr,peut-être\n',
    );
    const refused = await run('import', file);
    expect(refused.status).toBe(2);
    expect(refused.err).toContain('Désabonné de tous les e-mails');
    expect(refused.err).toContain('« peut-être » n’est ni oui ni non');
    writeFileSync(
      file,
      'Prénom,Nom,Adresse e-mail,Désabonné de tous les e-mails\nAmélie,Girard,amelie@acme.fr,Oui\n',
    );
    expect((await run('import', file)).status).toBe(0);
    expect((await run('can-i', 'email', 'amelie@acme.fr')).status).toBe(BLOCK);
  });
});

describe('an export says she is unsubscribed today', () => {
  // GDPR art. 21(3), 7(3): the export is a snapshot; an older consent in the register must not outweigh it, and
  // an odd date beside the flag must not lose the objection (red team, issue 26).
  it('blocks even after an older consent, records it whatever its date column says, and reads "Oui (par téléphone)"', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    await run(
      'contact',
      'add',
      '--email',
      'ines@acme.fr',
      '--source',
      'form',
      '--collected-at',
      '2026-08-01',
      '--informed-at',
      '2026-08-01',
    );
    await run(
      'consent',
      'grant',
      '--email',
      'ines@acme.fr',
      '--channel',
      'email',
      '--at',
      '2026-10-01',
      '--method',
      'checkbox',
      '--wording',
      'v1',
      '--evidence',
      'form-123',
    );
    const file = join(dir, 'sheet.csv');
    writeFileSync(
      file,
      'Email;Désinscrit;Date de désinscription\nines@acme.fr;oui;2026-09-01\neve@acme.fr;oui;2027-01-01\nbob@acme.fr;Oui (par téléphone);\nana@acme.fr;01/03/2026;\n',
    );
    const result = await run('import', file);
    expect(result.status).toBe(0);
    for (const who of ['ines@acme.fr', 'eve@acme.fr', 'bob@acme.fr', 'ana@acme.fr'])
      expect((await verdictOf(run, 'email', who)).reasons[0].rule, who).toBe('optout-right-to-object');
  });
});
