import {
  CHANNELS,
  CONSENT_PURPOSE_DEFAULT,
  purposeOf,
  type SuppressionScope,
} from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import { type Identifier, parseTarget } from '../../domain/identifiers.ts';
import type { Policy } from '../../policy/load.ts';
import { productLabels, productsMatching } from '../../policy/products.ts';

/**
 * Splits what follows a slash command into the person and the rest. Slack may send the person as
 * `<mailto:a@b.fr|a@b.fr>` or `<tel:+336…|06 12 34 56 78>` (whose label has spaces), or as typed: a phone
 * number with spaces, an address in capitals.
 */
export function splitTarget(
  text: string,
  read: (raw: string) => Identifier = parseTarget,
): { target: Identifier; rest: string } {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === '') throw new InputError('missing_target');
  let raw: string;
  if (trimmed.startsWith('<')) {
    const end = trimmed.indexOf('>');
    raw = end < 0 ? trimmed : trimmed.slice(0, end + 1);
  } else if (/^[+(0-9]/.test(trimmed)) {
    raw = /^[+()0-9][+()0-9 .\-/]*/.exec(trimmed)?.[0].trim() ?? '';
  } else {
    raw = trimmed.split(' ')[0] ?? '';
  }
  return { target: read(raw), rest: trimmed.slice(raw.length).trim() };
}

/** The optional words after the person in /can-i-…: a product category (id or label) or a purpose. */
export function productOrPurpose(rest: string, policy: Policy): { product?: string; purpose?: string } {
  const word = rest.trim().toLowerCase();
  if (word === '') return {};
  if (purposeOf(word) === CONSENT_PURPOSE_DEFAULT) return { purpose: CONSENT_PURPOSE_DEFAULT };
  if (policy.doc.params.non_commercial_purposes.includes(word)) return { purpose: word };
  const found = productsMatching(policy, word);
  if (found.length === 1) return { product: found[0] };
  const ids = found.length > 1 ? found : Object.keys(policy.doc.products);
  const params = { value: rest.trim(), allowed: ids.join(', '), choices: productLabels(policy, ids) };
  throw new InputError(found.length > 1 ? 'ambiguous_product' : 'unknown_product', params);
}

/** Channel words people type after /optout, in French or English. */
const CHANNEL_WORDS: Record<string, SuppressionScope> = {
  all: 'all',
  tous: 'all',
  tout: 'all',
  mail: 'email',
  'e-mail': 'email',
  courriel: 'email',
  call: 'phone',
  appel: 'phone',
  téléphone: 'phone',
  telephone: 'phone',
  courrier: 'post',
  whatsapp: 'messaging',
  robot: 'automated-call',
};

export function scopeWord(rest: string): SuppressionScope | undefined {
  const word = rest.trim().toLowerCase();
  if (word === '') return 'all';
  if ((CHANNELS as readonly string[]).includes(word)) return word as SuppressionScope;
  return CHANNEL_WORDS[word];
}
