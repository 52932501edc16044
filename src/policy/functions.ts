import { normaliseWords, phraseMatcher } from '../domain/words.ts';

/**
 * Job titles as people write them ("DAF", "Resp. comptabilité", "directrice administrative et financière") mapped
 * to the policy's functions through its synonym table. A title may map to several functions; one that maps to none
 * is unknown to the policy, so the B2B relevance test cannot be made (the policy answers review).
 */
export function functionMatcher(table: Record<string, string[]>): (normalisedTitle: string) => string[] {
  const entries = Object.entries(table).map(([id, synonyms]) => ({
    id,
    matchers: [id.replace(/-/g, ' '), ...synonyms].map(phraseMatcher),
  }));
  const memo = new Map<string, string[]>();
  return (title) => {
    const text = normaliseWords(title);
    let found = memo.get(text);
    if (!found) {
      found = entries.filter((entry) => entry.matchers.some((match) => match(text))).map((entry) => entry.id);
      if (memo.size > 10_000) memo.clear();
      memo.set(text, found);
    }
    return found;
  };
}
