import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.ts';
import { exportRegister } from '../../src/services/registerExport.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { policy } from '../support/policy.ts';

// The register for the DPO (GDPR art. 30's record of what is held, art. 5(2) accountability): unmasked, so only
// the operator and the compliance roles (art. 5(1)(f), 32). The harness's clock: Monday 23 November 2026 10:30.

async function register(dir: string) {
  const run = cli(dir, { user: 'dpo' });
  await run(
    ...['contact', 'add', '--email', 'amelie.girard@société.fr', '--phone', '06 12 34 56 78'],
    ...['--name', 'Amélie Girard', '--company', 'Société Œuvre', '--function', 'DAF', '--owner', 'U0SALES'],
    ...['--source', 'purchase:annuaire-pro', '--collected-at', '2026-01-10', '--informed-at', '2026-01-20'],
  );
  await run('contact', 'edit', '--email', 'amelie.girard@société.fr', '--add-email', 'amelie@gmail.com');
  const csv = join(dir, 'salon.csv');
  writeFileSync(csv, 'email;source;collected_at\namelie.girard@société.fr;event:salon-rh;2026-03-12\n');
  await run('import', csv);
  await run(
    ...['consent', 'grant', '--email', 'amelie.girard@société.fr', '--channel', 'phone'],
    ...[
      '--method',
      'double-opt-in',
      '--wording',
      'v2',
      '--evidence',
      'dossier-482',
      '--at',
      '2026-07-01T00:30',
    ],
  );
  await run('optout', '--phone', '06 12 34 56 78', '--channel', 'sms', '--at', '2026-10-05T15:00');
  // Formulas in what people typed: every cell stays text in Excel (CSV injection).
  await run(
    ...['contact', 'add', '--email', 'old@acme.fr', '--name', '=HYPERLINK("http://x.example";"clic")'],
    ...[
      '--company',
      '@SUM(A1:A9)',
      '--function',
      '+cmd|calc',
      '--source',
      'form',
      '--collected-at',
      '2023-05-02',
    ],
  );
  await run('consent', 'withdraw', '--email', 'old@acme.fr', '--channel', 'email', '--at', '2026-02-01');
  return run;
}

describe('register export: the register as a spreadsheet for the DPO', () => {
  it('as CSV for French Excel: BOM, ";", one row per contact, in full, dates in local time, formulas neutralised', async () => {
    const dir = tempDir();
    const run = await register(dir);
    const out = join(dir, 'registre.csv');
    const done = await run('register', 'export', '--out', out);
    expect(done.status).toBe(0);
    expect(done.out).toBe(`registre exporté : 2 contacts dans ${out}`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toContain('\r\n');
    const rows = parse(text, { delimiter: ';' }) as string[][];
    expect(rows).toHaveLength(3);
    const [header = [], amelie = [], old = []] = rows;
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    expect(header.slice(0, 7)).toEqual([
      'E-mail',
      'Autres e-mails',
      'Téléphone',
      'Autres téléphones',
      'Nom',
      'Société',
      'Fonction',
    ]);
    expect(cell(amelie, 'E-mail')).toBe('amelie.girard@société.fr');
    expect(cell(amelie, 'Autres e-mails')).toBe('amelie@gmail.com');
    expect(cell(amelie, 'Téléphone')).toBe('+33 6 12 34 56 78');
    expect(cell(amelie, 'Propriétaire')).toBe('U0SALES');
    expect(cell(amelie, 'Origine')).toBe('fichier acheté (annuaire-pro)');
    expect(cell(amelie, 'Collecte')).toBe('indirecte');
    expect(cell(amelie, 'Collecté le')).toBe('10/01/2026');
    expect(cell(amelie, 'Sources suivantes')).toBe('salon ou événement (salon-rh) (directe) le 12/03/2026');
    // At 00:30 in Paris, the day before in UTC: the local day is written.
    expect(cell(amelie, 'Consentements')).toBe(
      'Consentement donné · appel · prospection · 01/07/2026 00:30 · double-opt-in · v2 · dossier-482',
    );
    expect(cell(amelie, 'Oppositions')).toBe('SMS depuis le 05/10/2026 15:00');
    // Her event at the trade show was her own act: the clock runs from 12 March 2026.
    expect(cell(amelie, 'Données à supprimer le')).toBe('12/03/2029');
    expect(cell(amelie, 'Échéance dépassée')).toBe('non');
    expect(cell(amelie, 'Fin du consentement aux appels')).toBe('01/07/2027 00:30');
    expect(cell(amelie, 'Preuve gardée jusqu’au')).toBe('01/07/2030 00:30');
    expect(cell(old, 'Nom')).toBe('\'=HYPERLINK("http://x.example";"clic")');
    expect(cell(old, 'Société')).toBe("'@SUM(A1:A9)");
    expect(cell(old, 'Fonction')).toBe("'+cmd|calc");
    expect(cell(old, 'Retraits de consentement')).toBe('prospection · e-mail le 01/02/2026');
    expect(cell(old, 'Données à supprimer le')).toBe('02/05/2026');
    expect(cell(old, 'Échéance dépassée')).toBe('oui');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\d{4}-\d{2}-\d{2}T|prospecting|xn--/);
  });

  it('as a workbook in English: the same rows, every cell text', async () => {
    const dir = tempDir();
    const run = await register(dir);
    const out = join(dir, 'register.xlsx');
    const done = await run('--lang', 'en', 'register', 'export', '--out', out);
    expect(done.out).toBe(`register exported: 2 contacts to ${out}`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const [sheet] = await readXlsxFile(out);
    const [header = [], amelie = [], old = []] = (sheet?.data ?? []) as unknown[][];
    const cell = (row: unknown[], name: string) => row[header.indexOf(name)];
    expect(header).toContain('Data to delete on');
    expect(cell(amelie, 'Email')).toBe('amelie.girard@société.fr');
    expect(cell(amelie, 'Collected on')).toBe('2026-01-10');
    expect(cell(amelie, 'Consents')).toBe(
      'Consent given · phone call · marketing · 2026-07-01 00:30 · double-opt-in · v2 · dossier-482',
    );
    expect(cell(amelie, 'Objections')).toBe('SMS since 2026-10-05 15:00');
    expect(cell(old, 'Name')).toBe('=HYPERLINK("http://x.example";"clic")'); // text, never a formula
    expect(cell(old, 'Deadline passed')).toBe('yes');
  });

  it('is audited once, who and how many rows and the file, never an identifier in clear', async () => {
    const dir = tempDir();
    const run = await register(dir);
    await run('register', 'export', '--out', join(dir, 'amelie.girard@société.fr.csv'));
    await run('register', 'export', '--out', join(dir, 'registre.xlsx'));
    const audit = JSON.parse((await run('audit', '--action', 'register.export', '--json')).out);
    expect(
      audit.map((e: { actor: string; outcome: string; detail: string }) => [e.actor, e.outcome, e.detail]),
    ).toEqual([
      ['cli:dpo', 'done', '2 rows, csv, file …@….csv'],
      ['cli:dpo', 'done', '2 rows, xlsx, file registre.xlsx'],
    ]);
    const journal = readFileSync(join(dir, 'db.json.journal'), 'utf8').split('\n');
    for (const line of journal.filter((l) => l.includes('register.export')))
      expect(line).not.toMatch(/amelie|société|xn--|612345678/);
  });

  it('refuses a file of another kind, an existing file without --force, and the store’s own files', async () => {
    const dir = tempDir();
    const run = await register(dir);
    const pdf = await run('register', 'export', '--out', join(dir, 'registre.pdf'));
    expect(pdf.status).toBe(2);
    expect(pdf.err).toContain('--out : « ');
    expect(pdf.err).toContain('registre.pdf » doit finir par .csv, .xlsx.');
    expect(existsSync(join(dir, 'registre.pdf'))).toBe(false);
    const kept = join(dir, 'kept.csv');
    writeFileSync(kept, 'mine', { mode: 0o644 });
    const existing = await run('register', 'export', '--out', kept);
    expect(existing.err).toContain('existe déjà : ajoutez --force pour le remplacer.');
    expect(readFileSync(kept, 'utf8')).toBe('mine');
    expect((await run('register', 'export', '--out', kept, '--force')).status).toBe(0);
    expect(readFileSync(kept, 'utf8')).toContain('amelie.girard@société.fr');
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect((await run('register', 'export', '--out', join(dir, 'db.json'))).status).toBe(2);
    const audit = JSON.parse((await run('audit', '--action', 'register.export', '--json')).out);
    expect(audit).toHaveLength(1);
  });

  it('a large register is written in slices: every contact once, in the order they were added', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const n = 2_345;
    const lines = Array.from({ length: n }, (_, i) => `p${i}@corp${i % 7}.fr;form;2026-0${1 + (i % 9)}-15`);
    writeFileSync(join(dir, 'big.csv'), ['email;source;collected_at', ...lines].join('\n'));
    expect((await run('import', join(dir, 'big.csv'))).status).toBe(0);
    const out = join(dir, 'big-register.csv');
    expect((await run('register', 'export', '--out', out)).out).toBe(
      `register exported: ${n} contacts to ${out}`,
    );
    const rows = parse(readFileSync(out, 'utf8').slice(1), { delimiter: ';' }) as string[][];
    expect(rows).toHaveLength(n + 1);
    expect(rows.slice(1).map((r) => r[0])).toEqual(lines.map((l) => l.split(';')[0]));
  });

  it('the permission is the service’s: a role outside compliance is refused, and that is audited', async () => {
    const store = new MemoryStore();
    const ctx = { store, policy, clock: () => new Date('2026-11-23T10:30:00+01:00') };
    const out = join(tempDir(), 'registre.csv');
    const asked = exportRegister(
      ctx,
      { id: 'slack:U0SALES', roles: ['approve_campaigns'], via: 'slack' },
      { out, lang: 'fr' },
    );
    await expect(asked).rejects.toEqual(new InputError('register_export_not_allowed'));
    expect(existsSync(out)).toBe(false);
    expect(await store.auditTrail({ action: 'register.export' })).toMatchObject([
      { actor: 'slack:U0SALES', outcome: 'refused', detail: 'not a compliance role' },
    ]);
    const allowed = await exportRegister(
      ctx,
      { id: 'slack:U0DPO', roles: ['privacy_requests'], via: 'slack' },
      { out, lang: 'fr' },
    );
    expect(allowed).toEqual({ rows: 0, format: 'csv' });
  });
});
