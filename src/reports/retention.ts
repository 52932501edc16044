import { kept } from '../domain/kept.ts';
import { formatLocal } from '../domain/time.ts';
import { type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import type { Deadline, RetentionScan } from '../retention/deadlines.ts';
import { deadlineLabel, purgeCounts } from '../retention/purge.ts';

const PER_OWNER = 10;
const WEEK = 7 * 86_400_000;

export interface ScanStyle {
  owner: (id: string | undefined) => string;
  escape: (text: string) => string;
  /** Whether the reader may see identifiers in full (compliance, the command line's operator); else masked. */
  full?: boolean;
}

/** What a purge deletes, in the words every shell uses: "3 contacts and 1 consent proof", "2 contacts". */
export function purgeSetWords(counts: { contacts: number; proofs: number }, lang: Lang): string {
  if (counts.proofs === 0) return t(lang, 'retention_set_contacts', counts);
  if (counts.contacts === 0) return t(lang, 'retention_set_proofs', counts);
  return t(lang, 'retention_purge_set', counts);
}

/** The same words for the lines of a purge list. */
export function purgeSetText(overdue: Deadline[], lang: Lang): string {
  return purgeSetWords(purgeCounts(overdue), lang);
}

/** One deadline for a person to read: who, what, and when in the policy's time zone. */
export function deadlineLine(d: Deadline, policy: Policy, lang: Lang, style: ScanStyle): string {
  return t(lang, 'retention_line', {
    who: style.escape(deadlineLabel(d, style.full)),
    kind: t(lang, `retention_kind_${d.kind}`),
    date: formatLocal(d.at, policy.timeZone, lang),
  });
}

function group(deadlines: Deadline[], policy: Policy, lang: Lang, style: ScanStyle): string[] {
  // Pushed in place: copying the owner's list for each deadline was quadratic (a 199 s stall at 1.1M deadlines).
  const byOwner = new Map<string, Deadline[]>();
  for (const d of deadlines) kept(byOwner, d.contact.owner ?? '', () => []).push(d);
  return [...byOwner.entries()].map(([owner, list]) => {
    const items = list
      .slice(0, PER_OWNER)
      .map(
        (d) =>
          `${style.escape(deadlineLabel(d, style.full))} (${t(lang, `retention_kind_${d.kind}`)}, ${formatLocal(d.at, policy.timeZone, lang)})`,
      );
    if (list.length > PER_OWNER) items.push(t(lang, 'retention_more', { count: list.length - PER_OWNER }));
    return `• ${owner ? style.owner(owner) : t(lang, 'retention_no_owner')} — ${list.length}: ${items.join(', ')}`;
  });
}

/**
 * The scan as paragraphs grouped by owner: what a purge deletes now (counted as the purge counts it), within
 * 7 days, within 30 days, and the phone consents that just ended; a preview says so first.
 */
export function scanSections(scan: RetentionScan, policy: Policy, lang: Lang, style: ScanStyle): string[] {
  const week = scan.at.getTime() + WEEK;
  const thisWeek = scan.due.filter((d) => d.at.getTime() <= week);
  const later = scan.due.filter((d) => d.at.getTime() > week);
  const sections: string[] = [];
  if (scan.overdue.length > 0)
    sections.push(
      [
        t(lang, scan.preview ? 'retention_overdue_preview' : 'retention_overdue', {
          set: purgeSetText(scan.overdue, lang),
        }),
        ...group(scan.overdue, policy, lang, style),
      ].join('\n'),
    );
  for (const [key, list] of [
    ['retention_week', thisWeek],
    ['retention_month', later],
    ['retention_lapsed', scan.lapsed],
  ] as const) {
    if (list.length > 0)
      sections.push([`${t(lang, key)} (${list.length})`, ...group(list, policy, lang, style)].join('\n'));
  }
  if (sections.length === 0) sections.push(t(lang, 'retention_none'));
  if (scan.preview)
    sections.unshift(
      t(lang, 'retention_preview', {
        date: formatLocal(scan.at, policy.timeZone, lang),
        zone: policy.timeZone,
      }),
    );
  return sections;
}
