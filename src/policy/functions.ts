import { normaliseWords, phraseMatcher } from '../domain/words.ts';

/**
 * Job titles as people write them ("DAF", "Resp. comptabilité", "directrice administrative et financière") mapped
 * to the policy's functions through its synonym table. A title may map to several functions; one that maps to none
 * is unknown to the policy, so the B2B relevance test cannot be made (the policy answers review). An entry
 * written "!phrase" excludes: "Vice President Engineering" is not general management.
 */
export function functionMatcher(table: Record<string, string[]>): (normalisedTitle: string) => string[] {
  const entries = Object.entries(table).map(([id, synonyms]) => ({
    id,
    // Only the titles listed: the id itself ("management") would match "Risk Management Officer".
    matchers: synonyms.filter((synonym) => !synonym.startsWith('!')).map(phraseMatcher),
    /** "!vice president": a title that matches one of these is not this function, whatever else it matches. */
    exclusions: synonyms
      .filter((synonym) => synonym.startsWith('!'))
      .map((synonym) => phraseMatcher(synonym.slice(1))),
  }));
  const memo = new Map<string, string[]>();
  return (title) => {
    const text = normaliseWords(title);
    let found = memo.get(text);
    if (!found) {
      found = entries
        .filter((entry) => entry.matchers.some((match) => match(text)))
        .filter((entry) => !entry.exclusions.some((match) => match(text)))
        .map((entry) => entry.id);
      if (memo.size > 10_000) memo.clear();
      memo.set(text, found);
    }
    return found;
  };
}
