import { normaliseWords } from '../domain/words.ts';
import type { Policy } from './load.ts';
import type { PolicyDocument, ProductEntry, Text } from './schema.ts';

/**
 * The product categories a word people type can mean: its id, its label (French or English), or its keywords
 * (`compta` → accounting software); case, accents and punctuation ignored. A keyword also matches the start of a
 * longer word ("comptabilité" by `comptab`). When keywords of several products match, the products whose
 * keywords cover the most typed words are kept: "formation cpf" is the CPF one (two words) rather than
 * professional training (one). Several answers mean the word is ambiguous: "formation" alone fits both, and
 * choosing for the user could pick the permissive one of a sector ban.
 */
export function productsMatching(policy: Policy, typed: string): string[] {
  const text = normaliseWords(typed);
  if (text === '') return [];
  const products = Object.entries(policy.doc.products);
  const exact = products.filter(
    ([id, p]) =>
      normaliseWords(id) === text ||
      normaliseWords(p.label.fr) === text ||
      normaliseWords(p.label.en) === text,
  );
  if (exact.length > 0) return exact.map(([id]) => id);
  const words = text.split(' ');
  const scored = products
    .map(([id, p]) => ({
      id,
      covered: new Set((p.keywords ?? []).flatMap((k) => wordsCovered(words, k))).size,
    }))
    .filter((product) => product.covered > 0);
  const most = Math.max(0, ...scored.map((product) => product.covered));
  return scored.filter((product) => product.covered === most).map((product) => product.id);
}

/** The positions of the typed words a keyword covers: its words in a row, the last one as a prefix. */
function wordsCovered(words: string[], keyword: string): number[] {
  const parts = normaliseWords(keyword).split(' ').filter(Boolean);
  if (parts.length === 0) return [];
  const last = parts.length - 1;
  const covered: number[] = [];
  for (let start = 0; start + parts.length <= words.length; start++) {
    const fits = parts.every((part, j) => {
      const word = words[start + j] ?? '';
      return j === last ? word.startsWith(part) : word === part;
    });
    if (fits) covered.push(...parts.map((_, j) => start + j));
  }
  return covered;
}

/** The products' labels, both languages, for a message that lists them to a person (never their ids). */
export function productLabels(policy: Policy, ids: readonly string[]): Text[] {
  return ids.map((id) => policy.doc.products[id]?.label ?? { fr: id, en: id });
}

/** B1: what the policy's table says of a product for one job function. */
export type Relevance = 'related' | 'unrelated' | 'unknown';

/**
 * `related`: the function is in the product's `functions`; `unrelated`: in its `unrelated` list, or any other
 * function of the policy when it says `unrelated: others`; `unknown`: the table says nothing of this pair.
 */
export function relevanceOf(
  product: ProductEntry,
  fn: string,
  functions: PolicyDocument['functions'],
): Relevance {
  if (product.functions.includes(fn)) return 'related';
  const unrelated = product.unrelated === 'others' ? fn in functions : product.unrelated.includes(fn);
  return unrelated ? 'unrelated' : 'unknown';
}
