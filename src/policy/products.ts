import { normaliseWords, phraseMatcher } from '../domain/words.ts';
import type { Policy } from './load.ts';

/**
 * The product categories a word people type can mean: its id, its label (French or English), or one of its
 * keywords (`compta` → accounting software); case, accents and punctuation ignored. A keyword also matches the
 * start of a longer word ("comptabilité" by `comptab`). Several answers mean the word is ambiguous.
 */
export function productsMatching(policy: Policy, typed: string): string[] {
  const word = normaliseWords(typed);
  if (word === '') return [];
  const products = Object.entries(policy.doc.products);
  const exact = products.filter(
    ([id, p]) =>
      normaliseWords(id) === word ||
      normaliseWords(p.label.fr) === word ||
      normaliseWords(p.label.en) === word,
  );
  if (exact.length > 0) return exact.map(([id]) => id);
  return products
    .filter(([, p]) => (p.keywords ?? []).some((keyword) => phraseMatcher(`${keyword}*`)(word)))
    .map(([id]) => id);
}
