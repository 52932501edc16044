import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.ts';
import { localIso, parseInstant } from '../../src/domain/time.ts';
import { problemLine } from '../../src/reports/problems.ts';

const PARIS = 'Europe/Paris';
/** The instant read, as the Paris clock shows it with its offset. */
const read = (text: string, options: { excelSerial?: boolean } = {}) =>
  localIso(parseInstant(text, PARIS, 'collectedAt', options), PARIS);
/** What a user reads for a date refused (the command line's words: the field as a flag). */
function refusal(text: string, options: { excelSerial?: boolean } = {}, lang: 'fr' | 'en' = 'en'): string {
  try {
    parseInstant(text, PARIS, 'collectedAt', options);
  } catch (error) {
    if (error instanceof InputError) return problemLine(lang, error, { fieldName: () => '--collected-at' });
    throw error;
  }
  throw new Error(`${text} was read`);
}

describe('dates as French teams write them', () => {
  it('reads JJ/MM/AAAA, JJ-MM-AAAA and JJ.MM.AAAA as that day in Paris, with a time if there is one', () => {
    expect(read('13/01/2026')).toBe('2026-01-13T00:00:00.000+01:00');
    expect(read('13-01-2026')).toBe('2026-01-13T00:00:00.000+01:00');
    expect(read('13.01.2026')).toBe('2026-01-13T00:00:00.000+01:00');
    expect(read('1/3/2026')).toBe('2026-03-01T00:00:00.000+01:00');
    expect(read('13/07/2026 09:30')).toBe('2026-07-13T09:30:00.000+02:00');
    expect(read('13/07/2026 9:30:15')).toBe('2026-07-13T09:30:15.000+02:00');
    // ISO as before, and with a space before the time, as CRM exports write it.
    expect(read('2026-01-13')).toBe('2026-01-13T00:00:00.000+01:00');
    expect(read('2024-03-02 09:14')).toBe('2024-03-02T09:14:00.000+01:00');
    expect(read('2026-01-13T10:30:00Z')).toBe('2026-01-13T11:30:00.000+01:00');
  });

  it('knows the calendar: 29/02 of a leap year, the 31st of long months; refuses days that do not exist, naming them', () => {
    expect(read('29/02/2028')).toBe('2028-02-29T00:00:00.000+01:00');
    expect(read('31/12/2026 23:59')).toBe('2026-12-31T23:59:00.000+01:00');
    expect(refusal('31/04/2026')).toBe(
      '--collected-at: "31/04/2026" does not exist: that month has only 30 days.',
    );
    expect(refusal('29/02/2027')).toBe(
      '--collected-at: "29/02/2027" does not exist: that month has only 28 days.',
    );
    expect(refusal('2026-02-30')).toBe(
      '--collected-at: "2026-02-30" does not exist: that month has only 28 days.',
    );
    expect(refusal('2026-13-01')).toBe('--collected-at: "2026-13-01" is not a date: there is no month 13.');
    expect(refusal('29/02/2027', {}, 'fr')).toBe(
      '--collected-at : « 29/02/2027 » n’existe pas : ce mois-là n’a que 28 jours.',
    );
    expect(refusal('13/01/2026 24:00')).toMatch(
      /^--collected-at: "13\/01\/2026 24:00" is not a date \(write DD\/MM\/YYYY/,
    );
  });

  it('never reads the month first: 01/13/2026 is refused, saying the format and the day-first spelling', () => {
    expect(refusal('01/13/2026')).toBe(
      '--collected-at: "01/13/2026" is not a date: the day comes first (DD/MM/YYYY) and there is no month 13. For a date written month first, write 13/01/2026.',
    );
    expect(refusal('02/30/2026')).toBe('--collected-at: "02/30/2026" is not a date: there is no month 30.');
    // 03/04/2026 is 3 April, never 4 March.
    expect(read('03/04/2026')).toBe('2026-04-03T00:00:00.000+02:00');
    // Two-digit years leave the century to a guess.
    expect(refusal('13/01/26')).toContain('"13/01/26" is not a date (write DD/MM/YYYY as 13/01/2026');
  });

  it('reads a time the clocks skip with the offset before the jump, and one they show twice as its first occurrence', () => {
    // 29 March 2026 in Paris: 02:00 becomes 03:00, so 02:30 is 01:30 UTC, which the clock shows as 03:30.
    expect(read('29/03/2026')).toBe('2026-03-29T00:00:00.000+01:00');
    expect(read('29/03/2026 02:30')).toBe('2026-03-29T03:30:00.000+02:00');
    expect(read('2026-03-29T02:30')).toBe('2026-03-29T03:30:00.000+02:00');
    // 25 October 2026: 03:00 goes back to 02:00; 02:30 happens in summer time first.
    expect(read('25/10/2026 02:30')).toBe('2026-10-25T02:30:00.000+02:00');
    expect(read('2026-10-25T02:30')).toBe('2026-10-25T02:30:00.000+02:00');
    // An offset written with it chooses the second 02:30.
    expect(read('2026-10-25T02:30+01:00')).toBe('2026-10-25T02:30:00.000+01:00');
    expect(read('25/10/2026 03:30')).toBe('2026-10-25T03:30:00.000+01:00');
  });
});

describe('Excel serial dates, in a file’s date column only', () => {
  it('reads the 1900 date system: days since 30/12/1899, the fraction the time of day in Paris', () => {
    expect(read('45678', { excelSerial: true })).toBe('2025-01-21T00:00:00.000+01:00');
    expect(read('45678.5', { excelSerial: true })).toBe('2025-01-21T12:00:00.000+01:00');
    // A French CSV writes the decimal comma.
    expect(read('45678,5', { excelSerial: true })).toBe('2025-01-21T12:00:00.000+01:00');
    // 10:31 is not a round binary fraction: read to the nearest second, not 10:30:59.999.
    expect(read(String(46035 + (10 * 60 + 31) / 1440), { excelSerial: true })).toBe(
      '2026-01-13T10:31:00.000+01:00',
    );
    expect(read('61', { excelSerial: true }).slice(0, 10)).toBe('1900-03-01');
    expect(read('46142', { excelSerial: true })).toBe('2026-04-30T00:00:00.000+02:00');
  });

  it('refuses serial 60 (Excel’s 29 February 1900, which never was) and the days before, explained', () => {
    expect(refusal('60', { excelSerial: true })).toBe(
      '--collected-at: 60 is an Excel date serial before 1 March 1900: Excel counts a 29 February 1900 there that never was (serial 60), other spreadsheets a day less. Write the date as DD/MM/YYYY.',
    );
    expect(refusal('1', { excelSerial: true })).toContain('before 1 March 1900');
  });

  it('is never read from a typed value: 45678 on the command line is a slip, not a date', () => {
    expect(refusal('45678')).toMatch(/^--collected-at: "45678" is not a date \(write DD\/MM\/YYYY/);
  });
});
