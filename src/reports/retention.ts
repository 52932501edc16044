import { kept } from '../domain/kept.ts';
import { formatLocal } from '../domain/time.ts';
import { type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import type { Deadline, RetentionScan } from '../retention/deadlines.ts';
import { deadlineLabel } from '../retention/purge.ts';

const PER_OWNER = 10;
const WEEK = 7 * 86_400_000;

export interface ScanStyle {
  owner: (id: string | undefined) => string;
  escape: (text: string) => string;
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
          `${style.escape(deadlineLabel(d))} (${t(lang, `retention_kind_${d.kind}`)}, ${formatLocal(d.at, policy.timeZone, lang)})`,
      );
    if (list.length > PER_OWNER) items.push(t(lang, 'retention_more', { count: list.length - PER_OWNER }));
    return `• ${owner ? style.owner(owner) : t(lang, 'retention_no_owner')} — ${list.length}: ${items.join(', ')}`;
  });
}

/** The scan as three paragraphs (overdue, within 7 days, within 30 days), grouped by owner. */
export function scanSections(scan: RetentionScan, policy: Policy, lang: Lang, style: ScanStyle): string[] {
  const week = scan.at.getTime() + WEEK;
  const thisWeek = scan.due.filter((d) => d.at.getTime() <= week);
  const later = scan.due.filter((d) => d.at.getTime() > week);
  const sections: string[] = [];
  for (const [key, list] of [
    ['retention_overdue', scan.overdue],
    ['retention_week', thisWeek],
    ['retention_month', later],
  ] as const) {
    if (list.length > 0)
      sections.push([`${t(lang, key)} (${list.length})`, ...group(list, policy, lang, style)].join('\n'));
  }
  return sections.length ? sections : [t(lang, 'retention_none')];
}
