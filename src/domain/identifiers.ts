import { domainToASCII, domainToUnicode } from 'node:url';
import { type PhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { InputError } from './errors.ts';

/** The two ways we can reach a person; a contact may have both. */
export type Identifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string; region?: string };

// Deliberately plain: one @, a dotted domain, no spaces. RFC 5322 allows more, but sales tools never need it
// and a permissive check lets typos through.
const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Strips Slack's link markup: `<mailto:a@b.fr|a@b.fr>`, `<tel:+33…|06 …>`, `<https://…|label>`. */
export function unwrapSlack(input: string): string {
  const text = input.trim();
  const match = /^<([^|>]*)(?:\|([^>]*))?>$/.exec(text);
  if (!match) return text;
  const target = match[1] ?? '';
  if (/^mailto:/i.test(target)) return target.slice('mailto:'.length);
  if (/^tel:/i.test(target)) return target.slice('tel:'.length);
  return (match[2] ?? target).trim();
}

/**
 * Lower case, the domain in its ASCII (punycode) form so that `société.fr` and `xn--socit-esa.fr` are one person
 * (stored and hashed alike); RFC 5321 lengths: 254 characters in all, 64 before the @.
 */
export function normaliseEmail(input: string): string {
  const text = unwrapSlack(input).trim();
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at).toLowerCase();
  const domain = at > 0 ? domainToASCII(text.slice(at + 1).toLowerCase()) : '';
  const email = `${local}@${domain}`;
  if (!domain || local.length > 64 || email.length > 254 || !EMAIL.test(email) || email.includes('..')) {
    throw new InputError('invalid_email', { value: text.slice(0, 300) });
  }
  return email;
}

/**
 * France is one 10-digit numbering plan (Arcep, décision n° 2018-0881, plan national de numérotation): the
 * overseas departments and collectivities have their own blocks (0590 and 0690/0691 Guadeloupe, Saint-Martin,
 * Saint-Barthélemy; 0594 and 0694 Guyane; 0596 and 0696/0697 Martinique; 0262/0263 and 0692/0693 Réunion; 0269 and
 * 0639 Mayotte; 0508 Saint-Pierre-et-Miquelon) dialled nationally like any French number, and their own country
 * codes from abroad (+590, +594, +596, +262, +508). These blocks are the territory's whatever the national
 * number's format suggests: a number in them is that territory's or none.
 */
const OVERSEAS_BLOCKS = /^(?:59[046]|26[239]|639|69[0-467]|508)/;
/**
 * National numbers that may be overseas, by the metadata's ranges (the blocks above, and the newer ones: 0709x
 * mobiles, 05987-05989 fixed lines, 0939x/0947x/0976x VoIP): only these are looked up in the overseas regions.
 */
const MAY_BE_OVERSEAS = /^(?:59|69|639|26|709|939|947|976|508)/;
/** One region per overseas country code: the metadata then names the territory (BL, MF share +590; YT +262). */
const OVERSEAS_REGIONS = ['GP', 'MQ', 'GF', 'RE', 'YT'] as const;

/**
 * The overseas number that 9 French national digits (after the 0 or +33) denote, if they are overseas: 0690 12 34
 * 56 is +590 690 12 34 56, 0508 41 23 45 is +508 41 23 45. Special-rate and toll-free numbers (08…) are national.
 */
function overseasOf(digits: string): PhoneNumber | undefined {
  if (digits.startsWith('8') || !MAY_BE_OVERSEAS.test(digits)) return undefined;
  const candidates = digits.startsWith('508')
    ? [parsePhoneNumberWithError(`+508${digits.slice(3)}`)]
    : OVERSEAS_REGIONS.map((region) => parsePhoneNumberWithError(`0${digits}`, region));
  return candidates.find((number) => number.isValid());
}

/**
 * E.164 form and region of a phone number as people write it: national (06 12 34 56 78, 06.12.34.56.78), +33 or
 * 0033, a `tel:` link or Slack's `<tel:…|…>`; numbers without a country code are French. Every French number has
 * one form, so one keyed hash: a national overseas number is its territory's (0690… is +590 690…), and so is the
 * same number written with +33 by mistake (+33 6 90… and +33 5 96… are not metropolitan numbers: those blocks are
 * overseas), so an objection told in one form binds the others.
 */
export function normalisePhone(input: string): { e164: string; region?: string } {
  const raw = unwrapSlack(input).trim().replace(/^tel:/i, '');
  if (!/^[+()0-9 .\-/]{4,40}$/.test(raw)) throw new InputError('invalid_phone', { value: input.trim() });
  try {
    let parsed = parsePhoneNumberWithError(raw, 'FR');
    if (parsed.countryCallingCode === '33') {
      const overseas = overseasOf(parsed.nationalNumber);
      if (overseas) parsed = overseas;
      else if (OVERSEAS_BLOCKS.test(parsed.nationalNumber)) throw new Error('not in service');
    }
    if (!parsed.isValid()) throw new Error('invalid');
    return { e164: parsed.number, region: parsed.country };
  } catch {
    throw new InputError('invalid_phone', { value: input.trim() });
  }
}

/** Regions of numbers already read (the callee's region is asked of stored numbers, which keep only E.164). */
const regions = new Map<string, string | undefined>();

/** The region of an E.164 number (FR, GP, BL, RE…), as the numbering plan tells it. */
export function phoneRegion(e164: string): string | undefined {
  if (!regions.has(e164)) {
    if (regions.size >= 100_000) regions.clear();
    let region: string | undefined;
    try {
      region = normalisePhone(e164).region;
    } catch {
      region = undefined;
    }
    regions.set(e164, region);
  }
  return regions.get(e164);
}

/**
 * The other spelling of a number that earlier versions may have stored and hashed: they read 05 96… as +33 5 96…
 * (libphonenumber's mainland ranges include some overseas blocks), so an objection or a contact recorded then
 * carries that spelling; and the reverse, for a record holding it. Only for overseas numbers: a string test,
 * parsing only +33 numbers in the blocks that may be overseas.
 */
export function formerSpelling(e164: string): string | undefined {
  const overseas = /^\+(590|594|596|262)(\d{9})$/.exec(e164);
  if (overseas) return `+33${overseas[2]}`;
  const miquelon = /^\+508(\d{6})$/.exec(e164);
  if (miquelon) return `+33508${miquelon[1]}`;
  const mainland = /^\+33(\d{9})$/.exec(e164);
  if (!mainland || !MAY_BE_OVERSEAS.test(mainland[1] ?? '')) return undefined;
  const region = phoneRegion(e164);
  return region && region !== 'FR' ? normalisePhone(e164).e164 : undefined;
}

/** An identifier with its former spelling, if any: what binds a person is looked up under both. */
export function withFormerSpelling(id: Identifier): Identifier[] {
  const former = id.kind === 'phone' ? formerSpelling(id.value) : undefined;
  return former ? [id, { kind: 'phone', value: former }] : [id];
}

/**
 * Whether a number may receive texts (SMS, messaging apps): a mobile, a VoIP or personal number (some do), or one
 * the numbering plan does not tell apart. A landline (01 45 67 89 10) or a toll-free number does not.
 */
export function receivesTexts(e164: string): boolean {
  try {
    const type = parsePhoneNumberWithError(e164).getType();
    return type === undefined || ['MOBILE', 'FIXED_LINE_OR_MOBILE', 'VOIP', 'PERSONAL_NUMBER'].includes(type);
  } catch {
    return true;
  }
}

/** Reads what a user typed after a command: an email if it has an @, a phone number otherwise. */
export function parseTarget(input: string): Identifier {
  const text = unwrapSlack(input ?? '');
  if (text === '') throw new InputError('missing_target');
  if (text.includes('@')) return { kind: 'email', value: normaliseEmail(text) };
  const phone = normalisePhone(text);
  return { kind: 'phone', value: phone.e164, region: phone.region };
}

export function emailIdentifier(input: string): Identifier {
  return { kind: 'email', value: normaliseEmail(input) };
}

export function phoneIdentifier(input: string): Identifier {
  const phone = normalisePhone(input);
  return { kind: 'phone', value: phone.e164, region: phone.region };
}

/** Shows an identifier in logs and summaries without giving it away: a***@corp.fr, +33 6** ** ** 78. */
export function maskIdentifier(id: Identifier): string {
  if (id.kind === 'email') {
    const [local = '', domain = ''] = id.value.split('@');
    return `${local.slice(0, 1)}***@${domainToUnicode(domain) || domain}`;
  }
  return `${id.value.slice(0, 4)}•••${id.value.slice(-2)}`;
}

/**
 * An identifier in full as its owner writes it, for what only she or the register's operator reads (her access
 * report, the register export): the domain in Unicode (société.fr), the number in international form.
 */
export function showIdentifier(id: Identifier): string {
  if (id.kind === 'email') {
    const at = id.value.lastIndexOf('@');
    return `${id.value.slice(0, at)}@${domainToUnicode(id.value.slice(at + 1)) || id.value.slice(at + 1)}`;
  }
  try {
    return parsePhoneNumberWithError(id.value).formatInternational();
  } catch {
    return id.value;
  }
}

/** A contact's current addresses and numbers (domain/contacts.ts `Contact` holds them). */
export interface ContactIdentifiers {
  /** The main address and number; `otherEmails` and `otherPhones` hold the person's other current ones. */
  email?: string;
  phone?: string;
  otherEmails?: string[];
  otherPhones?: string[];
}

/** Every current way to reach a contact, the main ones first: objections and erasures cover them all. */
export function identifiersOf(contact: ContactIdentifiers): Identifier[] {
  const ids: Identifier[] = [];
  if (contact.email) ids.push({ kind: 'email', value: contact.email });
  if (contact.phone) ids.push({ kind: 'phone', value: contact.phone });
  for (const value of contact.otherEmails ?? []) ids.push({ kind: 'email', value });
  for (const value of contact.otherPhones ?? []) ids.push({ kind: 'phone', value });
  return ids;
}

export const sameIdentifier = (a: Identifier, b: Identifier) => a.kind === b.kind && a.value === b.value;
