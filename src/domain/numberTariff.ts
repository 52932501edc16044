import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * What a number costs the person who texts or calls it, beyond the transmission itself. An opt-out must cost
 * nothing more (CPCE L.34-5: "sans frais autres que ceux liés à la transmission"), so a STOP number's class
 * decides whether a campaign's SMS may go out.
 */
export type Tariff = 'free' | 'standard' | 'surcharged' | 'unknown';

/** The part of a numbering plan the number falls in: what sets its tariff, and what a reason names. */
export type TariffRange =
  | 'sms-spam-report'
  | 'sms-tier-3'
  | 'sms-tier-surcharged'
  | 'sms-unplanned'
  | 'short-free'
  | 'short-service'
  | 'directory'
  | 'short-other'
  | 'sva-free'
  | 'sva-standard'
  | 'sva-surcharged'
  | 'sva-unassigned'
  | 'geographic'
  | 'mobile'
  | 'non-geographic'
  | 'foreign-premium'
  | 'foreign'
  | 'unreadable';

export interface NumberTariff {
  /** The number as a person reads it: "36180", "08 99 12 34 56", "+44 20 7946 0000". */
  display: string;
  tariff: Tariff;
  range: TariffRange;
  /** The digits that place it: the SMS+ tier ("6") or the prefix ("089", "32"). */
  prefix?: string;
}

/**
 * The most an SMS sent to a 5-digit SMS+ short code costs on top of the SMS itself, in euros, by its first
 * digit. Source: the SMS+ tariff principles of the operators' association (AFMM, now af2m, "Les principes
 * tarifaires SMS+": "chaque palier tarifaire est identifiable par le premier chiffre du numéro court", one tariff
 * per number) and Orange's grid "Paliers des tarifs d'envoi d'un SMS+ à l'acte" (communaute.sosh.fr, 2021):
 * 3xxxx no surcharge, 4xxxx 0.05, 5xxxx 0.10-0.20, 6xxxx 0.35-0.50, 7xxxx 0.50-0.99, 8xxxx 1-4.50, 9xxxx
 * 0.01-20 (parking, donations).
 */
export const SMS_PLUS_MAX_SURCHARGE: Record<string, number> = {
  '4': 0.05,
  '5': 0.2,
  '6': 0.5,
  '7': 0.99,
  '8': 4.5,
  '9': 20,
};

/**
 * Overseas departments share the French 10-digit plan (Arcep, plan national de numérotation): +590 690 12 34 56
 * is 0690 12 34 56. Saint-Pierre-et-Miquelon (+508) and the Pacific (+687, +689, +681) have plans of their own.
 */
const FRENCH_CODES = ['33', '590', '594', '596', '262'];

const result = (display: string, tariff: Tariff, range: TariffRange, prefix?: string): NumberTariff => ({
  display,
  tariff,
  range,
  ...(prefix ? { prefix } : {}),
});

/** "0899123456" → "08 99 12 34 56". */
const pairs = (national: string) => national.replace(/(\d\d)(?=\d)/g, '$1 ');

/**
 * A 10-digit French number, by its first digits. Source: Arcep, décision n° 2018-0881 establishing the national
 * numbering plan (01-05 geographic, 06-07 mobile, 08 value-added services, 09 non-geographic) and décision
 * n° 2012-0856 on the tariffs of value-added numbers, in force since 1 October 2015: 0800-0805 free ("numéros
 * verts"), 0806-0809 the price of an ordinary call ("banalisés"), 081, 082 and 089 surcharged ("tarification
 * majorée"; economie.gouv.fr, "Numéros commençant par 08 : quels sont les tarifs ?"). 083-088 carry no tariff
 * class of that decision: their cost cannot be read from the number.
 */
function national(digits: string): NumberTariff {
  const shown = pairs(digits);
  const two = digits.slice(0, 2);
  if (/^0[1-5]$/.test(two)) return result(shown, 'standard', 'geographic');
  if (two === '06' || two === '07') return result(shown, 'standard', 'mobile');
  if (two === '09') return result(shown, 'standard', 'non-geographic');
  const four = digits.slice(0, 4);
  if (/^080[0-5]$/.test(four)) return result(shown, 'free', 'sva-free', four);
  if (/^080[6-9]$/.test(four)) return result(shown, 'standard', 'sva-standard', four);
  const three = digits.slice(0, 3);
  if (/^08[129]$/.test(three)) return result(shown, 'surcharged', 'sva-surcharged', three);
  if (/^08[3-8]$/.test(three)) return result(shown, 'unknown', 'sva-unassigned', three);
  return result(shown, 'unknown', 'unreadable');
}

/**
 * A short number. 5 digits: an SMS short code, whose tariff tier is its first digit (see SMS_PLUS_MAX_SURCHARGE);
 * 33700 is the free spam-report number (af2m). 36xxx (promotional) and 38xxx (transactional) are the "SMS
 * Marketing" numbers af2m allots, in the tier without surcharge (af2m.org, "SMS Marketing"). 0xxxx-2xxxx are no
 * SMS+ tier. 4 digits: 30xx and 31xx are free, other 3BPQ numbers may be ordinary or surcharged, by service, not
 * by number (economie.gouv.fr; Arcep décision n° 2012-0856). 6 digits: 116xxx are the EU's free social numbers,
 * 118xyz the surcharged directory enquiries (Arcep; libphonenumber short-number metadata for FR).
 */
function short(digits: string): NumberTariff {
  const first = digits[0] ?? '';
  if (digits.length === 5) {
    if (digits === '33700') return result(digits, 'free', 'sms-spam-report');
    if (first === '3') return result(digits, 'standard', 'sms-tier-3', first);
    if (first in SMS_PLUS_MAX_SURCHARGE) return result(digits, 'surcharged', 'sms-tier-surcharged', first);
    return result(digits, 'unknown', 'sms-unplanned', first);
  }
  if (digits.length === 4 && /^3[01]/.test(digits))
    return result(digits, 'free', 'short-free', digits.slice(0, 2));
  if (digits.length === 4 && first === '3')
    return result(digits, 'unknown', 'short-service', digits.slice(0, 2));
  if (digits.length === 6 && digits.startsWith('116')) return result(digits, 'free', 'short-free', '116');
  if (digits.length === 6 && digits.startsWith('118'))
    return result(digits, 'surcharged', 'directory', '118');
  return result(digits, 'unknown', 'short-other');
}

/** A number outside the French plan: libphonenumber's type says whether it is premium, not what an SMS costs. */
function foreign(e164: string): NumberTariff {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid()) return result(e164, 'unknown', 'unreadable');
  const shown = parsed.formatInternational();
  const type = parsed.getType();
  if (type === 'PREMIUM_RATE' || type === 'SHARED_COST')
    return result(shown, 'surcharged', 'foreign-premium');
  // An SMS abroad costs what the recipient's plan charges for it: maybe only the transmission, maybe more.
  return result(shown, 'unknown', 'foreign');
}

/**
 * The tariff of a number as a message writes it: "36180", "36 180", "0 899 12 34 56", "+33 (0)8 99 12 34 56",
 * "0033 899 123 456", "+590 690 12 34 56", "+44 20 7946 0000". Separators never matter.
 */
export function numberTariff(written: string): NumberTariff {
  let text = written.replace(/\(0\)/g, '').replace(/[\s.\-()/\u00a0\u202f]/g, '');
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  if (!/^\+?\d+$/.test(text)) return result(written.trim(), 'unknown', 'unreadable');
  if (text.startsWith('+')) {
    // "+33 0899…" keeps the national 0 people often leave in, as "+33 (0)899…" does.
    const digits = text.slice(1).replace(new RegExp(`^(${FRENCH_CODES.join('|')})0(\\d{9})$`), '$1$2');
    const code = FRENCH_CODES.find((c) => digits.startsWith(c) && digits.length === c.length + 9);
    if (!code) return foreign(`+${digits}`);
    // The 9 digits after the country code are the national number without its 0: +590 690… is 0690….
    return national(`0${digits.slice(code.length)}`);
  }
  if (text.length === 10 && text.startsWith('0')) return national(text);
  if (text.length <= 6) return short(text);
  return result(written.trim(), 'unknown', 'unreadable');
}
