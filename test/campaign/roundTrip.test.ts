import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

/** An allowed professional (a@acme.fr) and a blocked consumer (b@gmail.com) in files as tools export them. */
const FILES: { name: string; bytes: (rows: string[][]) => Buffer; eol: string; sep: string }[] = [
  {
    name: 'Excel "Unicode text" (UTF-16 LE with BOM, tabs, CRLF)',
    sep: '\t',
    eol: '\r\n',
    bytes: (rows) =>
      iconv.encode(`${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`, 'utf-16le', { addBOM: true }),
  },
  {
    name: 'Google Sheets (UTF-8 without BOM, commas, LF, quotes)',
    sep: ',',
    eol: '\n',
    bytes: (rows) =>
      Buffer.from(rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n')),
  },
  {
    name: 'HubSpot export (UTF-8 with BOM, commas, CRLF)',
    sep: ',',
    eol: '\r\n',
    bytes: (rows) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`),
  },
  {
    name: 'Brevo export (UTF-8, semicolons, LF)',
    sep: ';',
    eol: '\n',
    bytes: (rows) => Buffer.from(`${rows.map((r) => r.join(';')).join('\n')}\n`),
  },
];

describe('the cleaned list goes back into the sending tool as it came', () => {
  for (const file of FILES) {
    it(file.name, async () => {
      const dir = tempDir();
      const run = cli(dir, { lang: 'en' });
      await run(
        'contact',
        'add',
        '--email',
        'a@acme.fr',
        '--function',
        'finance',
        '--source',
        'form',
        '--collected-at',
        '2026-01-05',
        '--informed-at',
        '2026-01-05',
      );
      const header = ['First Name', 'Last Name', 'Email', 'Company'];
      const alice = ['Amélie', 'Girard', 'a@acme.fr', file.sep === ',' ? 'Acme, SA' : 'Acme SA'];
      const bob = ['Bérénice', 'Roux', 'b@gmail.com', 'Perso'];
      const input = file.bytes([header, alice, bob]);
      const cleanedWanted = file.bytes([header, alice]);
      writeFileSync(join(dir, 'in.csv'), input);
      writeFileSync(
        join(dir, 'mail.txt'),
        'Subject: Accounting made simple\nExemple SAS\nUnsubscribe: {{unsubscribe}}\n',
      );
      const checked = await run(
        'campaign-check',
        join(dir, 'in.csv'),
        '--channel',
        'email',
        '--product',
        'accounting-software',
        '--template',
        join(dir, 'mail.txt'),
        '--cleaned',
        join(dir, 'out.csv'),
        '--details',
        join(dir, 'details.csv'),
        '--start',
        '2026-11-24T09:00',
      );
      expect(checked.out).toContain('✅ 1 allowed · ⚠️ 0 need review · ⛔ 1 blocked');
      // Byte for byte the input minus Bob's row: encoding, BOM, separator, quotes and line endings kept.
      expect(readFileSync(join(dir, 'out.csv'))).toEqual(cleanedWanted);
      const details = iconv.decode(
        readFileSync(join(dir, 'details.csv')),
        file.name.includes('UTF-16') ? 'utf-16le' : 'utf-8',
      );
      expect(details).toContain('Bérénice');
      expect(details).toContain('bloqué'); // the policy's language
    });
  }
});
