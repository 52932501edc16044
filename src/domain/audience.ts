import { createRequire } from 'node:module';
import type { AddressKind, Audience, Contact } from './contacts.ts';
import type { Identifier } from './identifiers.ts';
import { kept } from './kept.ts';

// Loaded with require so the same line works from the sources (tsx) and from the compiled CLI (dist/).
const FREE_MAIL: ReadonlySet<string> = new Set(
  createRequire(import.meta.url)('email-providers/all.json') as string[],
);

export interface AddressRules {
  extraFreeMailDomains: string[];
  roleLocalParts: string[];
}

/** Answers by address, per set of rules: each decision asks twice, and the same people are asked about often. */
const freeMailAnswers = new WeakMap<AddressRules, Map<string, boolean>>();
const MAX_ANSWERS = 100_000;

export function isFreeMail(email: string, rules: AddressRules): boolean {
  const answers = kept(freeMailAnswers, rules, () => new Map<string, boolean>());
  let free = answers.get(email);
  if (free === undefined) {
    const domain = email.slice(email.lastIndexOf('@') + 1);
    free = FREE_MAIL.has(domain) || rules.extraFreeMailDomains.includes(domain);
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(email, free);
  }
  return free;
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
  // A professional's personal address or line: the consumer rules apply (catalogue B1).
  if (contact?.addressKind === 'personal') return 'b2c';
  if (contact?.addressKind) return 'b2b';
  if (target.kind === 'email') return isFreeMail(target.value, rules) ? 'b2c' : 'b2b';
  return 'b2c';
}

/**
 * The kind of address: the contact's explicit override first (a role address of a one-person business is
 * nominative). A role address (compta@, rh@) whose contact names a person identifies that person, so it is
 * nominative too; only an unnamed role address is a company's generic one (A2, prudent reading).
 */
export function addressKindOf(
  target: Identifier,
  audience: Audience,
  rules: AddressRules,
  contact?: Contact,
): AddressKind {
  if (audience === 'b2c') return 'personal';
  if (contact?.addressKind && contact.addressKind !== 'personal') return contact.addressKind;
  if (target.kind === 'email' && isRoleAddress(target.value, rules) && !contact?.name) return 'pro-generic';
  return 'pro-nominative';
}
