import { describe, expect, it } from 'vitest';
import { rowText, safeCell, safeLine } from '../../src/csv/write.ts';

// OWASP "CSV Injection": a cell starting with =, +, -, @ (or a tab, a carriage return) can run as a formula.
describe('cells written back to a list', () => {
  it('neutralises what a spreadsheet would compute, whichever delimiter', () => {
    for (const cell of ['=1+2', '@SUM(A1)', '-2+3', '+cmd|calc', '+A1', '\t=1'])
      expect(safeCell(cell, ';').startsWith("'") || safeCell(cell, ';').startsWith('"\''), cell).toBe(true);
  });

  it('leaves a phone number as the sending tool needs it, spaces and all', () => {
    for (const phone of ['+33612345678', '+33 6 12 34 56 78', '+33 (0)6 12 34 56 78', '+590 690-12-34-56'])
      expect(safeCell(phone, ';')).toBe(phone);
    const row = { raw: 'Dupont;+33 6 12 34 56 78', cells: ['Dupont', '+33 6 12 34 56 78'] };
    expect(rowText(row, ';')).toBe(row.raw);
  });
});

describe('a formula behind another separator', () => {
  // Quotes protect a cell from the file's own delimiter only: Excel may open a `;` file with `,` (or tab, `|`).
  it('neutralises each piece that would start a formula, whichever separator Excel splits on', () => {
    expect(safeCell('foo,=1+2', ';')).toBe("foo,'=1+2");
    expect(safeCell('foo;=1+2', ',')).toBe("foo;'=1+2");
    expect(safeCell('a|@SUM(A1)', ';')).toBe("a|'@SUM(A1)");
    expect(safeCell('=1+2,=3', ';')).toBe("'=1+2,'=3");
    const row = { raw: 'Dupont;foo,=1+2', cells: ['Dupont', 'foo,=1+2'] };
    expect(rowText(row, ';')).toBe("Dupont;foo,'=1+2");
    expect(safeLine('Dupont;foo,=1+2', ';')).toBe("Dupont;foo,'=1+2");
  });

  it('leaves text with separators and phone numbers unchanged', () => {
    for (const cell of [
      'Paris, centre',
      'ok; vu',
      'Dupont, +33 6 12 34 56 78',
      '+33 6 12 34 56 78,+33 7 12 34 56 78',
    ])
      expect(safeCell(cell, '\t')).toBe(cell);
  });
});
