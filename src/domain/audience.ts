import freeMailDomains from 'email-providers/all.json' with { type: 'json' };
import type { AddressKind, Audience, Contact } from './contacts.ts';
import type { Identifier } from './identifiers.ts';

const FREE_MAIL: ReadonlySet<string> = new Set(freeMailDomains as string[]);

export interface AddressRules {
  extraFreeMailDomains: string[];
  roleLocalParts: string[];
}

export function isFreeMail(email: string, rules: AddressRules): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  return FREE_MAIL.has(domain) || rules.extraFreeMailDomains.includes(domain);
}

/** contact@, info@, ventes@…: a role, not a person (CNIL: outside the consent regime). */
export function isRoleAddress(email: string, rules: AddressRules): boolean {
  const local = email.slice(0, email.lastIndexOf('@'));
  return rules.roleLocalParts.includes(local);
}

/**
 * The audience of a person reached at `target`. An explicit audience on the contact wins. Otherwise a free-mail
 * or ISP address (gmail.com, orange.fr…) is a consumer, any other email domain a professional. A phone number alone
 * says nothing, so we assume a consumer: their rules are the stricter ones.
 */
export function audienceOf(target: Identifier, contact: Contact | undefined, rules: AddressRules): Audience {
  if (contact?.audience) return contact.audience;
  if (target.kind === 'email') return isFreeMail(target.value, rules) ? 'b2c' : 'b2b';
  return 'b2c';
}

export function addressKindOf(target: Identifier, audience: Audience, rules: AddressRules): AddressKind {
  if (audience === 'b2c') return 'personal';
  if (target.kind === 'email' && isRoleAddress(target.value, rules)) return 'pro-generic';
  return 'pro-nominative';
}
