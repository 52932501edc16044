import { join } from 'node:path';
import fc from 'fast-check';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { calleeOf } from '../../src/domain/callee.ts';
import { normalisePhone, parseTarget } from '../../src/domain/identifiers.ts';
import { peopleInText } from '../../src/domain/peopleInText.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { hashIdentifier } from '../../src/store/key.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';

// Issue 25, "every French number is one number". France is one 10-digit plan (Arcep, décision n° 2018-0881, plan
// national de numérotation): the overseas blocks are dialled nationally like any French number and have their own
// country codes from abroad. Blocks written again here, from the plan, apart from the code under test.
const OVERSEAS: Array<{ blocks: string[]; code: string; regions: string[] }> = [
  { blocks: ['590', '690', '691'], code: '590', regions: ['GP', 'BL', 'MF'] },
  { blocks: ['594', '694'], code: '594', regions: ['GF'] },
  { blocks: ['596', '696', '697'], code: '596', regions: ['MQ'] },
  { blocks: ['262', '263', '692', '693'], code: '262', regions: ['RE'] },
  { blocks: ['269', '639'], code: '262', regions: ['YT'] },
];
/** Mainland ranges: geographic 01-05, mobiles 06/07, VoIP 09, none of them in an overseas block. */
const MAINLAND = [
  ...['1', '20', '21', '22', '23', '24', '25', '27', '28', '29', '3', '4'],
  ...[
    '500',
    '501',
    '502',
    '503',
    '504',
    '505',
    '506',
    '507',
    '509',
    '51',
    '52',
    '53',
    '54',
    '55',
    '56',
    '57',
    '58',
  ],
  ...[
    '60',
    '61',
    '62',
    '630',
    '631',
    '632',
    '633',
    '634',
    '635',
    '636',
    '637',
    '638',
    '64',
    '65',
    '66',
    '67',
    '68',
  ],
  ...['695', '698', '699', '73', '74', '75', '76', '77', '78', '79'],
  ...['90', '91', '92', '95', '970', '971', '972', '973', '974', '975', '977', '978', '979', '98'],
];

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const isValid = (e164: string) => {
  try {
    return parsePhoneNumberWithError(e164).isValid();
  } catch {
    return false;
  }
};

/** A French number in service: its 9 national digits (after the 0), its E.164 form and its region(s). */
const french = fc
  .oneof(
    fc.tuple(fc.constantFrom(...MAINLAND), digits(9)).map(([prefix, rest]) => {
      const national = (prefix + rest).slice(0, 9);
      return { national, e164: `+33${national}`, regions: ['FR'] };
    }),
    fc.tuple(fc.constantFrom(...OVERSEAS), digits(6)).chain(([range, rest]) =>
      fc.constantFrom(...range.blocks).map((block) => ({
        national: block + rest,
        e164: `+${range.code}${block}${rest}`,
        regions: range.regions,
      })),
    ),
    // Saint-Pierre-et-Miquelon: 0508 and six digits nationally, +508 and the six digits from abroad.
    digits(6).map((rest) => ({ national: `508${rest}`, e164: `+508${rest}`, regions: ['PM'] })),
  )
  .filter((n) => isValid(n.e164));

/** The 10 digits grouped as people write them: 06 90 12 34 56, 06.90…, 06-90…, 0690 123 456. */
const grouped = (ten: string, sep: string) => ten.replace(/(\d\d)(?=\d)/g, `$1${sep}`);
function formsOf(n: { national: string; e164: string }): string[] {
  const ten = `0${n.national}`;
  const international = n.e164.slice(1);
  return [
    ten,
    grouped(ten, ' '),
    grouped(ten, '.'),
    grouped(ten, '-'),
    `${ten.slice(0, 4)} ${ten.slice(4, 7)} ${ten.slice(7)}`,
    `+33${n.national}`, // the national digits after +33, as CRMs often store overseas numbers
    `+33 ${n.national.slice(0, 1)} ${grouped(n.national.slice(1), ' ')}`,
    `0033${n.national}`,
    `+33 (0)${n.national}`,
    n.e164,
    `00${international}`,
    `tel:${n.e164}`,
    `tel:${ten}`,
    `<tel:${n.e164}|${grouped(ten, ' ')}>`,
    `<tel:${ten}|${grouped(ten, ' ')}>`,
  ];
}

const key = Buffer.from(HASH_ENV.PROSPECT_GUARD_HASH_KEY);

describe('every form of a French number is one number', () => {
  it('property: every form of every range gives one E.164 form, one region and one keyed hash', () => {
    fc.assert(
      fc.property(french, (n) => {
        const read = formsOf(n).map((form) => ({ form, ...normalisePhone(form) }));
        for (const r of read) expect(r.e164, r.form).toBe(n.e164);
        expect(n.regions).toContain(read[0]?.region);
        expect(new Set(read.map((r) => r.region)).size).toBe(1);
        const hashes = new Set(formsOf(n).map((form) => hashIdentifier(key, parseTarget(form))));
        expect(hashes.size).toBe(1);
      }),
      { numRuns: 400 },
    );
  });

  it('the numbers the issue names', () => {
    expect(normalisePhone('0690 12 34 56')).toEqual({ e164: '+590690123456', region: 'GP' });
    expect(normalisePhone('05 96 61 23 45')).toEqual({ e164: '+596596612345', region: 'MQ' });
    expect(normalisePhone('+33 5 96 61 23 45').e164).toBe('+596596612345');
    expect(normalisePhone('0692 12 34 56').e164).toBe('+262692123456');
    expect(normalisePhone('0639 01 23 45')).toEqual({ e164: '+262639012345', region: 'YT' });
    expect(normalisePhone('0508 41 23 45')).toEqual({ e164: '+508412345', region: 'PM' });
    // Saint-Barthélemy shares +590 with Guadeloupe: the plan's block tells them apart (its own holidays).
    expect(normalisePhone('05 90 27 12 34').region).toBe('BL');
  });

  it('a number in an overseas block that is not in service is refused, never taken for a mainland one', () => {
    expect(() => normalisePhone('05 96 21 11 11')).toThrow(/invalid_phone/);
    expect(() => normalisePhone('+33 5 96 21 11 11')).toThrow(/invalid_phone/);
  });

  it('the newer overseas blocks, as the numbering metadata knows them: VoIP 0947x, mobiles 0709x', () => {
    expect(normalisePhone('09 47 51 23 45')).toEqual({ e164: '+590947512345', region: 'GP' });
    expect(normalisePhone('07 09 01 23 45').e164).toBe('+590709012345');
  });

  it('special-rate and toll-free numbers stay national', () => {
    expect(normalisePhone('0800 12 34 56').e164).toBe('+33800123456');
  });

  it('the callee of a national overseas number lives in its zone (D.223-9: the consumer’s time zone)', () => {
    expect(calleeOf(parseTarget('06 90 12 34 56'), undefined)).toMatchObject({ country: 'GP' });
    expect(calleeOf(parseTarget('0692 12 34 56'), undefined)).toMatchObject({ country: 'RE' });
    // A stored number keeps only E.164: its region is read again from it.
    expect(calleeOf({ kind: 'phone', value: '+596696123456' }, undefined)).toMatchObject({ country: 'MQ' });
  });

  it('a message shortcut reads national overseas numbers as their territory’s', () => {
    expect(peopleInText('Rappeler 06 90 12 34 56 ou 05 96 61 23 45').map((id) => id.value)).toEqual([
      '+590690123456',
      '+596596612345',
    ]);
  });
});

describe('an objection told in one form binds the others', () => {
  it('optout 0690 12 34 56, then can-i sms +590 690 12 34 56: blocked; and the reverse', async () => {
    const run = cli(tempDir(), { lang: 'en' });
    expect((await run('optout', '--phone', '0690 12 34 56')).status).toBe(0);
    const blocked = await run('can-i', 'sms', '+590 690 12 34 56', '--json');
    expect(blocked.status).toBe(1);
    expect(JSON.parse(blocked.out).reasons.map((r: { rule: string }) => r.rule)).toContain(
      'optout-right-to-object',
    );
    expect((await run('can-i', 'sms', '+33 6 90 12 34 56', '--json')).status).toBe(1);

    expect((await run('optout', '--phone', '+596 696 12 34 56')).status).toBe(0);
    expect((await run('can-i', 'phone', '06 96 12 34 56', '--json')).status).toBe(1);
  });

  it('an objection an earlier version hashed under +33 5 96… still blocks the number', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    await run('init');
    const store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
    await store.addObjection(
      [{ kind: 'phone', value: '+33596612345' }],
      'all',
      new Date('2026-01-05'),
      'cli',
    );
    await store.close();
    const answer = await run('can-i', 'sms', '05 96 61 23 45', '--json');
    expect(answer.status).toBe(1);
    expect(JSON.parse(answer.out).reasons.map((r: { rule: string }) => r.rule)).toContain(
      'optout-right-to-object',
    );
  });

  it('a contact an earlier version stored under +33 5 96… is bound by an objection told in the right form', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    await run('init');
    const store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
    await store.saveContact(
      { email: 'alice@corp.fr', phone: '+33596612345', jobFunction: 'finance' },
      new Date('2026-01-05'),
    );
    await store.close();
    expect((await run('optout', '--phone', '+596 596 61 23 45')).status).toBe(0);
    const answer = await run('can-i', 'email', 'alice@corp.fr', '--product', 'accounting-software', '--json');
    expect(answer.status).toBe(1);
    expect(JSON.parse(answer.out).reasons.map((r: { rule: string }) => r.rule)).toContain(
      'optout-right-to-object',
    );
  });
});
