import { domainToASCII, domainToUnicode } from 'node:url';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { Contact } from './contacts.ts';
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

/** E.164 form; numbers without a country code are read as French. */
export function normalisePhone(input: string): { e164: string; region?: string } {
  const raw = unwrapSlack(input).trim();
  if (!/^[+()0-9 .\-/]{4,40}$/.test(raw)) throw new InputError('invalid_phone', { value: input.trim() });
  try {
    const parsed = parsePhoneNumberWithError(raw, 'FR');
    if (!parsed.isValid()) throw new Error('invalid');
    return { e164: parsed.number, region: parsed.country };
  } catch {
    throw new InputError('invalid_phone', { value: input.trim() });
  }
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

/** Every current way to reach a contact, the main ones first: objections and erasures cover them all. */
export function identifiersOf(
  contact: Pick<Contact, 'email' | 'phone' | 'otherEmails' | 'otherPhones'>,
): Identifier[] {
  const ids: Identifier[] = [];
  if (contact.email) ids.push({ kind: 'email', value: contact.email });
  if (contact.phone) ids.push({ kind: 'phone', value: contact.phone });
  for (const value of contact.otherEmails ?? []) ids.push({ kind: 'email', value });
  for (const value of contact.otherPhones ?? []) ids.push({ kind: 'phone', value });
  return ids;
}

export const sameIdentifier = (a: Identifier, b: Identifier) => a.kind === b.kind && a.value === b.value;
