import { hasMessage, type Lang, t } from '../i18n.ts';

/**
 * A consent's purpose in the reader's words: the default one by its name in her language ("prospection",
 * "marketing"), the others as they were recorded ("newsletter"): never the code `prospecting` in a French line.
 */
export function purposeLabel(purpose: string, lang: Lang): string {
  const key = `purpose_${purpose}`;
  return hasMessage(key) ? t(lang, key) : purpose;
}
