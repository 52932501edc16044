import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, withoutPlan } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

/** A list written twice: dates in ISO 8601, and as French Excel leaves them (JJ/MM/AAAA, serial numbers). */
const HEADER = 'email;source;date de collecte;informe le;client depuis;dernier achat';
const ISO = [
  HEADER,
  'amelie@acme.fr;form;2026-01-13;2026-01-13;2025-01-21;2026-03-29T03:30',
  'bruno@corp.fr;event:Salon;2025-10-25T02:30;2025-10-26;;',
  'chloe@corp.fr;form;2024-02-29 09:14;;;',
];
const FRENCH = [
  HEADER,
  // A date column Excel saved as "Standard" holds serials: 45678 is 21 January 2025.
  'amelie@acme.fr;form;13/01/2026;13.01.2026;45678;29/03/2026 02:30',
  'bruno@corp.fr;event:Salon;25/10/2025 02:30;26-10-2025;;',
  'chloe@corp.fr;form;29/02/2024 09:14;;;',
];

async function imported(lines: string[]) {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  const file = join(dir, 'contacts.csv');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`, 'latin1');
  const result = await run('import', file);
  const shown = [];
  for (const email of ['amelie@acme.fr', 'bruno@corp.fr', 'chloe@corp.fr']) {
    const { contact } = JSON.parse((await run('contact', 'show', '--email', email, '--json')).out);
    shown.push({ email, provenance: contact.provenance, customer: contact.customer });
  }
  return { result, shown, run, dir };
}

describe('a contact list with French dates imports like its ISO twin', () => {
  it('records the same collection, notice and customer dates, in Paris time', async () => {
    const iso = await imported(ISO);
    const french = await imported(FRENCH);
    expect(french.result.status).toBe(0);
    expect(french.result.out).toBe('imported 3 rows (utf-8): 3 new, 0 updated');
    expect(french.shown).toEqual(iso.shown);
    expect(french.shown[0]?.provenance).toMatchObject({
      collectedAt: '2026-01-12T23:00:00.000Z',
      informedAt: '2026-01-12T23:00:00.000Z',
    });
    expect(french.shown[0]?.customer).toMatchObject({
      since: '2025-01-20T23:00:00.000Z',
      // 02:30 did not exist in Paris that night: the clock read 03:30.
      lastPurchaseAt: '2026-03-29T01:30:00.000Z',
    });
    // 02:30 on 25 October happened twice: the first, in summer time.
    expect(french.shown[1]?.provenance.collectedAt).toBe('2025-10-25T00:30:00.000Z');
  });

  it('rejects an impossible or month-first date at its line and column, keeping nothing of that row', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const file = join(dir, 'leads.csv');
    writeFileSync(
      file,
      [
        'email;source;date de collecte',
        'a@corp.fr;form;31/04/2026',
        'b@corp.fr;form;01/13/2026',
        'c@corp.fr;form;60',
        'd@corp.fr;form;13/01/2026',
      ].join('\n'),
    );
    const result = await run('import', file, '--skip-invalid');
    expect(result.status).toBe(0);
    const lines = withoutPlan(result.err).split('\n');
    expect(lines[0]).toContain(`${file}:2:`);
    expect(lines[0]).toContain('« 31/04/2026 » n’existe pas : ce mois-là n’a que 30 jours.');
    expect(lines[1]).toContain(`${file}:3:`);
    expect(lines[1]).toContain(
      '« 01/13/2026 » n’est pas une date : le jour s’écrit en premier (JJ/MM/AAAA) et il n’y a pas de mois 13. Pour une date écrite mois d’abord, écrivez 13/01/2026.',
    );
    expect(lines[2]).toContain(`${file}:4:`);
    expect(lines[2]).toContain('60 est un numéro de date Excel d’avant le 1er mars 1900');
    // Only the row with a readable date is in the register.
    expect(JSON.parse((await run('contact', 'list', '--json')).out)).toHaveLength(1);
    const d = JSON.parse((await run('contact', 'show', '--email', 'd@corp.fr', '--json')).out);
    expect(d.contact.provenance.collectedAt).toBe('2026-01-12T23:00:00.000Z');
  });
});

describe('the command line takes JJ/MM/AAAA too', () => {
  it('reads --collected-at 13/01/2026 and --at 13/01/2026 10:30 in Paris, and refuses 01/13/2026 naming the format', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const added = await run(
      'contact',
      'add',
      '--email',
      'jean@acme.fr',
      '--source',
      'form',
      '--collected-at',
      '13/01/2026',
    );
    expect(added.status).toBe(0);
    const { contact } = JSON.parse((await run('contact', 'show', '--email', 'jean@acme.fr', '--json')).out);
    expect(contact.provenance.collectedAt).toBe('2026-01-12T23:00:00.000Z');
    const opted = await run('optout', '--email', 'jean@acme.fr', '--at', '13/01/2026 10:30');
    expect(opted.status).toBe(0);
    const wrong = await run('contact', 'add', '--email', 'x@acme.fr', '--collected-at', '01/13/2026');
    expect(wrong.status).toBe(2);
    expect(wrong.err).toBe(
      'prospect-guard: --collected-at: "01/13/2026" is not a date: the day comes first (DD/MM/YYYY) and there is no month 13. For a date written month first, write 13/01/2026.',
    );
    // A serial is a file's, never a flag's.
    const serial = await run('contact', 'add', '--email', 'y@acme.fr', '--collected-at', '45678');
    expect(serial.err).toMatch(/^prospect-guard: --collected-at: "45678" is not a date \(write DD\/MM\/YYYY/);
  });
});
