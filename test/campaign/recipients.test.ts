import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openList } from '../../src/campaign/recipients.ts';
import { readRecipients } from '../support/recipients.ts';

const file = (bytes: Buffer, fileName = 'list.csv') => ({ kind: 'file' as const, bytes, fileName });
const pasted = (text: string) => ({ kind: 'pasted' as const, text });

describe('recipient lists', async () => {
  it('reads French Excel: ";" and Windows-1252, quoted fields, extra columns, blank lines, duplicates once', async () => {
    const csv = Buffer.from(
      'Nom;Société;"E-mail";Commentaire\r\n"Dupré; Hélène";Équipe;helene@acme.fr;"dit ""oui"""\r\n\r\n;;HELENE@acme.fr;\r\nBob;X;bob@acme;\r\nZoé;Y;zoe@acme.fr;\r\n',
      'latin1',
    );
    const list = await readRecipients(file(csv), 'email');
    expect(list.encoding).toBe('windows-1252');
    expect(list.recipients.map((r) => [r.line, r.value])).toEqual([
      [2, 'helene@acme.fr'],
      [6, 'zoe@acme.fr'],
    ]);
    expect(list.duplicates).toBe(1);
    expect(list.invalid).toEqual([{ line: 5, value: 'bob@acme', problem: 'invalid_email' }]);
  });

  it('reads UTF-8 with a BOM, a phone column for SMS, and a file without a header', async () => {
    const withBom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('téléphone,nom\n06 12 34 56 78,A\n+33612345678,B\n'),
    ]);
    const sms = await readRecipients(file(withBom), 'sms');
    expect(sms.encoding).toBe('utf-8');
    expect(sms.recipients.map((r) => r.value)).toEqual(['+33612345678']);
    expect(sms.duplicates).toBe(1);
    const bare = await readRecipients(file(Buffer.from('a@x.fr\nb@x.fr\n')), 'email');
    expect(bare.recipients).toHaveLength(2);
  });

  it('gives the same hash to the same people in another order, and another hash when one changes', async () => {
    const a = await readRecipients(pasted('a@x.fr, b@x.fr'), 'email');
    const b = await readRecipients(pasted('b@x.fr\nA@X.FR'), 'email');
    const c = await readRecipients(pasted('b@x.fr\nc@x.fr'), 'email');
    expect(a.hash).toBe(b.hash);
    expect(c.hash).not.toBe(a.hash);
  });

  it('says which column is missing, and refuses postal campaigns', async () => {
    await expect(openList(file(Buffer.from('email;nom\na@x.fr;A\n'), 'l.csv'), 'sms')).rejects.toMatchObject({
      problem: 'csv_no_column',
      params: { file: 'l.csv', value: 'phone' },
    });
    await expect(openList(pasted('x'), 'post')).rejects.toThrow(/postal_not_checked/);
  });

  it('reads a file of several slices whole: quoted line breaks and accents across slice ends, UTF-16 and Windows-1252', async () => {
    const rows = Array.from(
      { length: 20_000 },
      // A line break inside a cell, as Excel writes it (Alt+Entrée: LF, rows ending in CRLF).
      (_, i) => `"Zoé ${i}";p${i}@acme.fr;"reçu au salon\nà rappeler; ${'é'.repeat(i % 7)}"`,
    );
    const text = `Nom;E-mail;Note\r\n${rows.join('\r\n')}\r\n`;
    for (const [encoding, bom] of [
      ['utf-16le', true],
      ['windows-1252', false],
    ] as const) {
      const bytes = iconv.encode(text, encoding, { addBOM: bom });
      expect(bytes.length).toBeGreaterThan(1024 * 1024);
      const list = await readRecipients(file(bytes), 'email');
      expect(list.encoding).toBe(encoding);
      expect(list.recipients).toHaveLength(20_000);
      // Each row spans two lines: the header is line 1, the first row ends on line 3.
      expect(list.recipients.every((r, i) => r.value === `p${i}@acme.fr` && r.line === 3 + 2 * i)).toBe(true);
    }
  });
});
