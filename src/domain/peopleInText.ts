import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { emailIdentifier, type Identifier, phoneIdentifier } from './identifiers.ts';

/** The most people one message shortcut answers about: a lead pasted in a channel, not a list. */
export const PEOPLE_IN_TEXT_LIMIT = 20;

/**
 * The email addresses and phone numbers in a message, in the order they appear, each once: Slack's link markup
 * (`<mailto:…|…>`, `<tel:…|…>`) is read as the address it links to; numbers without a country code are French.
 * What looks like an address but is not a valid one is left out (it could not be checked anyway).
 */
export function peopleInText(text: string): Identifier[] {
  // A Slack message holds 40,000 characters at most: more is not a message.
  text = text.slice(0, 40_000);
  // Slack's markup: links are <…>, other mentions too; a literal < > & in the text comes as &lt; &gt; &amp;.
  const plain = text
    .replace(/<(?:mailto|tel):([^|>]+)(?:\|[^>]*)?>/gi, ' $1 ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, ' ')
    .replace(/&gt;/g, ' ')
    .replace(/&amp;/g, '&');
  const found: Array<{ at: number; id: Identifier }> = [];
  // Word by word: one regular expression over the whole text backtracks quadratically on a long run of letters.
  for (const match of plain.matchAll(/[^\s,;:()<>"'[\]{}|]+/g)) {
    const word = match[0].replace(/[.!?]+$/, '');
    if (!word.includes('@') || word.length > 254) continue;
    try {
      found.push({ at: match.index ?? 0, id: emailIdentifier(word) });
    } catch {
      // Not an address after all.
    }
  }
  // Every number that could be one, then read as a typed one is (normalisePhone): 06 90… is Guadeloupe's, which
  // the default region alone takes for an invalid +33 number.
  for (const number of findPhoneNumbersInText(plain, { defaultCountry: 'FR', extended: true })) {
    try {
      found.push({ at: number.startsAt, id: phoneIdentifier(number.number.number) });
    } catch {
      // Not a number in service.
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .map((f) => f.id)
    .filter((id) => !seen.has(`${id.kind}:${id.value}`) && seen.add(`${id.kind}:${id.value}`))
    .slice(0, PEOPLE_IN_TEXT_LIMIT);
}
