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
 * What the address or number asked about is, as far as the record and the address tell (undefined: a number
 * alone says nothing). The contact records one address kind; it describes her main address and number:
 * - a recorded `personal` covers every identifier of the person: a wrong "personal" only makes answers stricter;
 * - a recorded professional kind covers only her main address and number: another one (a second mailbox, her
 *   other mobile) may well be private, so it is read from the address itself;
 * - a free-mail or ISP mailbox (gmail.com, orange.fr…) is private, unless it is her main address and the record
 *   says it is professional (a sole trader's shop address): then it is her nominative one, where the B2B rules
 *   see a free-mail address and ask for review (policy: b2b-professional-nominative-address), never a company's
 *   generic address nor the B2B exception outright.
 */
function kindOfTarget(
  target: Identifier,
  contact: Contact | undefined,
  rules: AddressRules,
): AddressKind | undefined {
  const recorded = contact?.addressKind;
  if (recorded === 'personal') return 'personal';
  const main = contact !== undefined && (target.value === contact.email || target.value === contact.phone);
  if (target.kind === 'phone') return main ? recorded : undefined;
  if (isFreeMail(target.value, rules)) return recorded && main ? 'pro-nominative' : 'personal';
  if (recorded && main) return recorded;
  return isRoleAddress(target.value, rules) && !contact?.name ? 'pro-generic' : 'pro-nominative';
}

/**
 * The audience whose rules apply to a person reached at `target`. The address kind beats the audience: a
 * professional reached on a personal address or line follows the consumer rules whatever her audience says
 * (catalogue B1 "a personal address/number of a professional: B2C rules"; D7: a personal line is a consumer's;
 * CNIL: the B2B exception covers work addresses). Otherwise the recorded audience, else a professional address
 * is a professional's. A phone number alone says nothing, so we assume a consumer: their rules are the stricter.
 */
export function audienceOf(target: Identifier, contact: Contact | undefined, rules: AddressRules): Audience {
  const kind = kindOfTarget(target, contact, rules);
  if (kind === 'personal') return 'b2c';
  if (contact?.audience) return contact.audience;
  return kind ? 'b2b' : 'b2c';
}

/**
 * The kind of address the rules of `audience` see. A consumer's is personal. A role address (compta@, rh@) whose
 * contact names a person identifies that person, so it is nominative; only an unnamed role address is a
 * company's generic one (A2, prudent reading); a recorded kind of her main address wins (a role address of a
 * one-person business is nominative).
 */
export function addressKindOf(
  target: Identifier,
  audience: Audience,
  rules: AddressRules,
  contact?: Contact,
): AddressKind {
  if (audience === 'b2c') return 'personal';
  return kindOfTarget(target, contact, rules) ?? 'pro-nominative';
}
