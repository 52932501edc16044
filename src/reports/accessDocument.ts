import { formatLocal, parseDuration } from '../domain/time.ts';
import { hasMessage, type Lang, t } from '../i18n.ts';
import type { AccessReport } from '../services/accessReport.ts';

/**
 * The access report as a document a person reads, in one language, made of plain text: the HTML page and the PDF
 * lay out the same document (accessHtml.ts, accessPdf.ts), so both say exactly the same.
 */
export type Block = { p: string } | { list: string[] } | { facts: Array<[string, string]> };

export interface Section {
  heading: string;
  blocks: Block[];
}

export interface ReportDocument {
  lang: Lang;
  title: string;
  subtitle: string;
  sections: Section[];
  footer: string;
}

/** A word of the catalogue made from a code (a channel, a source, an event), or the code itself if none. */
export function word(lang: Lang, key: string): string {
  return hasMessage(key) ? t(lang, key) : key.replace(/^[a-z]+_/, '');
}

/** The reader's words for the document's values: dates in the policy's zone, channels, periods. */
export function wordsFor(report: AccessReport, lang: Lang) {
  return {
    day: (at: string | Date) => formatLocal(new Date(at), report.zone, lang),
    channel: (channel: string) => word(lang, `channel_${channel}`),
    period: (iso: string) =>
      parseDuration(iso)
        .reconfigure({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' })
        .toHuman({ listStyle: 'long' }),
  };
}
export type Words = ReturnType<typeof wordsFor>;
