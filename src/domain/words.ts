/**
 * Matching what people type: job titles ("Resp. comptabilité", "DAF", "directrice administrative et
 * financière") and data sources ("https://www.linkedin.com/in/…", "LinkedIn Sales Navigator"). Case, accents and
 * punctuation never matter.
 */

/** The same titles come back on every decision: their normal forms are kept, up to a bound. */
const normalised = new Map<string, string>();
const MAX_NORMALISED = 10_000;

/** Lower case, no accents, words separated by single spaces: "Resp. Comptabilité" → "resp comptabilite". */
export function normaliseWords(text: string): string {
  let words = normalised.get(text);
  if (words === undefined) {
    words = text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (normalised.size >= MAX_NORMALISED) normalised.clear();
    normalised.set(text, words);
  }
  return words;
}

/** Letters and digits only: "lnkd.in" → "lnkdin", "Sales Navigator" → "salesnavigator". */
export function compact(text: string): string {
  return normaliseWords(text).replace(/ /g, '');
}

/**
 * A phrase matcher on whole words. "comptab*" matches any word starting with "comptab"; "daf" matches the word
 * "daf", not "dafne". Phrases of several words match them in a row.
 */
export function phraseMatcher(phrase: string): (normalisedText: string) => boolean {
  const prefix = phrase.trim().endsWith('*');
  const words = normaliseWords(phrase.replace(/\*\s*$/, ''));
  if (words === '') return () => false;
  // `words` holds only [a-z0-9 ]: nothing to escape.
  const pattern = new RegExp(`(?:^| )${words}${prefix ? '[a-z0-9]*' : ''}(?= |$)`);
  return (text) => pattern.test(text);
}
