import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberTariff } from '../../src/domain/numberTariff.ts';

/** [written, tariff, range] for a list of numbers. */
const classes = (numbers: string[]) =>
  numbers.map((n) => {
    const { tariff, range } = numberTariff(n);
    return [n, tariff, range];
  });

describe('the tariff of a STOP number', () => {
  // SMS+ tiers by first digit: AFMM/af2m "Les principes tarifaires SMS+"; Orange's grid (communaute.sosh.fr):
  // 3xxxx no surcharge, 4xxxx to 9xxxx surcharged; 33700 the free spam-report number (af2m).
  it('reads a 5-digit SMS short code by its first digit, at every tier boundary', () => {
    // 0xxxx-2xxxx are no SMS tier (and 00 starts an international number).
    expect(classes(['01000', '19999', '29999'])).toEqual([
      ['01000', 'unknown', 'sms-unplanned'],
      ['19999', 'unknown', 'sms-unplanned'],
      ['29999', 'unknown', 'sms-unplanned'],
    ]);
    expect(classes(['30000', '33699', '33700', '33701', '36180', '38000', '39999'])).toEqual([
      ['30000', 'standard', 'sms-tier-3'],
      ['33699', 'standard', 'sms-tier-3'],
      ['33700', 'free', 'sms-spam-report'],
      ['33701', 'standard', 'sms-tier-3'],
      ['36180', 'standard', 'sms-tier-3'],
      ['38000', 'standard', 'sms-tier-3'],
      ['39999', 'standard', 'sms-tier-3'],
    ]);
    for (const tier of ['4', '5', '6', '7', '8', '9']) {
      for (const n of [`${tier}0000`, `${tier}9999`])
        expect(numberTariff(n), n).toEqual({
          display: n,
          tariff: 'surcharged',
          range: 'sms-tier-surcharged',
          prefix: tier,
        });
    }
  });

  // economie.gouv.fr "Numéros commençant par 08" and Arcep décision 2012-0856: 30xx/31xx free, other 3BPQ
  // ordinary or surcharged by service; 116xxx free EU numbers; 118xyz surcharged directory enquiries.
  it('reads 4- and 6-digit special numbers: free, surcharged, or not knowable from the number', () => {
    expect(classes(['2999', '3000', '3199', '3200', '3949', '3999', '4000'])).toEqual([
      ['2999', 'unknown', 'short-other'],
      ['3000', 'free', 'short-free'],
      ['3199', 'free', 'short-free'],
      ['3200', 'unknown', 'short-service'],
      ['3949', 'unknown', 'short-service'],
      ['3999', 'unknown', 'short-service'],
      ['4000', 'unknown', 'short-other'],
    ]);
    expect(classes(['115999', '116000', '116999', '117999', '118000', '118999', '119000'])).toEqual([
      ['115999', 'unknown', 'short-other'],
      ['116000', 'free', 'short-free'],
      ['116999', 'free', 'short-free'],
      ['117999', 'unknown', 'short-other'],
      ['118000', 'surcharged', 'directory'],
      ['118999', 'surcharged', 'directory'],
      ['119000', 'unknown', 'short-other'],
    ]);
    expect(classes(['15', '112'])).toEqual([
      ['15', 'unknown', 'short-other'],
      ['112', 'unknown', 'short-other'],
    ]);
  });

  // Arcep décision 2018-0881 (plan) and 2012-0856 (SVA tariffs since 1 October 2015): 0800-0805 free,
  // 0806-0809 ordinary, 081/082/089 surcharged, 083-088 no tariff class; 01-05, 06-07, 09 ordinary.
  it('reads a 10-digit number by its prefix, at every range boundary', () => {
    expect(
      classes([
        '0100000000',
        '0599999999',
        '0600000000',
        '0799999999',
        '0800000000',
        '0805999999',
        '0806000000',
        '0809999999',
        '0810000000',
        '0829999999',
        '0830000000',
        '0889999999',
        '0890000000',
        '0899999999',
        '0900000000',
        '0999999999',
      ]),
    ).toEqual([
      ['0100000000', 'standard', 'geographic'],
      ['0599999999', 'standard', 'geographic'],
      ['0600000000', 'standard', 'mobile'],
      ['0799999999', 'standard', 'mobile'],
      ['0800000000', 'free', 'sva-free'],
      ['0805999999', 'free', 'sva-free'],
      ['0806000000', 'standard', 'sva-standard'],
      ['0809999999', 'standard', 'sva-standard'],
      ['0810000000', 'surcharged', 'sva-surcharged'],
      ['0829999999', 'surcharged', 'sva-surcharged'],
      ['0830000000', 'unknown', 'sva-unassigned'],
      ['0889999999', 'unknown', 'sva-unassigned'],
      ['0890000000', 'surcharged', 'sva-surcharged'],
      ['0899999999', 'surcharged', 'sva-surcharged'],
      ['0900000000', 'standard', 'non-geographic'],
      ['0999999999', 'standard', 'non-geographic'],
    ]);
    expect(numberTariff('0899123456')).toMatchObject({ display: '08 99 12 34 56', prefix: '089' });
    expect(classes(['089912345', '08991234567', '1234567'])).toEqual([
      ['089912345', 'unknown', 'unreadable'],
      ['08991234567', 'unknown', 'unreadable'],
      ['1234567', 'unknown', 'unreadable'],
    ]);
  });

  it('reads the +33 and 0033 forms as the national number, with or without separators', () => {
    for (const written of [
      '0899123456',
      '08 99 12 34 56',
      '0 899 12 34 56',
      '08.99.12.34.56',
      '08-99-12-34-56',
      '08\u00a099\u00a012\u00a034\u00a056',
      '+33899123456',
      '+33 8 99 12 34 56',
      '+33 (0)8 99 12 34 56',
      '+33(0)899123456',
      '+33 0899 12 34 56',
      '0033 8 99 12 34 56',
    ])
      expect(numberTariff(written), written).toEqual({
        display: '08 99 12 34 56',
        tariff: 'surcharged',
        range: 'sva-surcharged',
        prefix: '089',
      });
    expect(numberTariff('+33 6 12 34 56 78')).toEqual({
      display: '06 12 34 56 78',
      tariff: 'standard',
      range: 'mobile',
    });
    expect(numberTariff('36 180')).toEqual(numberTariff('36180'));
  });

  // Arcep's single 10-digit plan: +590/+594/+596/+262 numbers are the national 0590/0690, 0594/0694, 0596/0696,
  // 0262/0692/0693/0269/0639 numbers.
  it('reads overseas numbers in the French plan, in either form', () => {
    for (const [international, national] of [
      ['+590 690 12 34 56', '0690 12 34 56'],
      ['+594 694 12 34 56', '0694 12 34 56'],
      ['+596 696 12 34 56', '0696 12 34 56'],
      ['+262 692 12 34 56', '0692 12 34 56'],
      ['+262 639 12 34 56', '0639 12 34 56'],
      ['+590 590 12 34 56', '0590 12 34 56'],
      ['+590 0690 12 34 56', '0690 12 34 56'],
    ] as const) {
      expect(numberTariff(international), international).toEqual(numberTariff(national));
      expect(numberTariff(international).tariff).toBe('standard');
    }
  });

  // libphonenumber-js types: a premium-rate or shared-cost number abroad is surcharged; any other number abroad
  // costs what the recipient's plan charges for an SMS abroad: not knowable, so reviewed.
  it('reads numbers abroad by their type: premium blocks, the rest is for review', () => {
    expect(numberTariff('+44 909 879 0000')).toMatchObject({
      tariff: 'surcharged',
      range: 'foreign-premium',
    });
    expect(numberTariff('+44 20 7946 0000')).toEqual({
      display: '+44 20 7946 0000',
      tariff: 'unknown',
      range: 'foreign',
    });
    expect(numberTariff('+999 123')).toMatchObject({ tariff: 'unknown', range: 'unreadable' });
    expect(numberTariff('36xxx')).toMatchObject({ tariff: 'unknown', range: 'unreadable' });
  });

  it('never depends on where the separators are', () => {
    const separator = fc.constantFrom('', ' ', '.', '-', '\u00a0');
    const number = fc.constantFrom(
      '36180',
      '61234',
      '3949',
      '118218',
      '0899123456',
      '0612345678',
      '+33899123456',
    );
    fc.assert(
      fc.property(number, fc.array(separator, { minLength: 12, maxLength: 12 }), (digits, separators) => {
        const spaced = [...digits].map((d, i) => (i === 0 ? d : `${separators[i] ?? ''}${d}`)).join('');
        const { tariff, range } = numberTariff(spaced);
        expect({ tariff, range }).toEqual({
          tariff: numberTariff(digits).tariff,
          range: numberTariff(digits).range,
        });
      }),
    );
  });
});
