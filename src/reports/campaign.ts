import { approvableAsChecked, approvableCleaned, reviewableGroups } from '../campaign/approval.ts';
import {
  blockingFindings,
  type Campaign,
  type CampaignRecheck,
  DROP_REASONS,
  type MessageFinding,
} from '../domain/campaign.ts';
import { formatLocal } from '../domain/time.ts';
import { VERDICT_ICON } from '../domain/verdict.ts';
import { hasMessage, type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';

export const MAX_GROUPS = 12;

export interface ReportText {
  head: string;
  sections: string[];
  meta: string;
}

/**
 * The campaign report as short paragraphs, for Slack (mrkdwn, user text escaped) or a terminal (plain).
 * It reads only the stored campaign, so it can be redrawn when the status changes.
 */
export function campaignReport(
  c: Campaign,
  policy: Policy,
  lang: Lang,
  style: { escape: (text: string) => string; bold: (text: string) => string; who: (id: string) => string },
): ReportText {
  const day = (iso: string) => formatLocal(new Date(iso), policy.timeZone, lang);
  const rule = (id: string) => policy.rules.find((r) => r.id === id);
  const legal = (id: string) => (rule(id)?.legal ?? []).map((l) => `${l.text} ${l.article}`).join(', ');
  const title = (id: string) => rule(id)?.title[lang] ?? id;

  const head = `${t(lang, `campaign_status_${c.status}`)} — ${style.bold(t(lang, 'campaign_head', { name: style.escape(c.name) }))}`;
  const sections: string[] = [];
  const words: ReportWords = { c, policy, lang, style, day, legal, title };
  sections.push(listSection(words), ...findingSections(words));
  if (c.groups.length > 0) sections.push(groupSection(words));
  if (c.recheck) sections.push(recheckText(c.recheck, lang, day, style).join('\n'));
  const history = c.history.map(
    (e) =>
      `• ${day(e.at)} — ${t(lang, `campaign_event_${e.event}`, { who: style.who(e.by), dropped: e.dropped ?? 0, allowed: e.allowed ?? 0 })}${e.rule ? ` — ${title(e.rule)} (${e.rule})` : ''}${e.reason ? ` — ${style.escape(e.reason)}` : ''} (${e.policyRevision})`,
  );
  sections.push([style.bold(t(lang, 'campaign_history')), ...history].join('\n'));
  const meta = t(lang, metaKey(c), {
    id: c.id,
    revision: c.policyRevision,
    expires: day(c.expiresAt),
    status: t(lang, `campaign_status_${c.status}`),
  });
  return { head, sections, meta };
}

interface ReportWords {
  c: Campaign;
  policy: Policy;
  lang: Lang;
  style: { escape: (text: string) => string; bold: (text: string) => string; who: (id: string) => string };
  day: (iso: string) => string;
  legal: (id: string) => string;
  title: (id: string) => string;
}

/** What was checked, when, and what the list holds: counts, invalid lines, opt-outs the list said. */
function listSection({ c, policy, lang, style, day }: ReportWords): string {
  const channelKey = `channel_${c.channel}`;
  const whenText = c.plannedEnd
    ? t(lang, 'campaign_from_to', { start: day(c.plannedStart), end: day(c.plannedEnd) })
    : t(lang, 'campaign_from', { start: day(c.plannedStart) });
  return [
    t(lang, 'campaign_what', {
      channel: hasMessage(channelKey) ? t(lang, channelKey) : c.channel,
      product: style.escape(c.product ? (policy.doc.products[c.product]?.label[lang] ?? c.product) : '—'),
      audience: c.audience.toUpperCase(),
      when: whenText,
    }),
    style.bold(t(lang, 'campaign_counts', c.counts)),
    t(lang, 'campaign_list', c.counts),
    // A workbook's line numbers are its sheet's row numbers: which sheet, so the reader finds the rows.
    ...(c.input?.sheet === undefined
      ? []
      : [t(lang, 'campaign_sheet', { sheet: style.escape(c.input.sheet) })]),
    ...(c.invalidLines.length
      ? [
          t(lang, 'campaign_invalid_lines', { lines: c.invalidLines.join(', ') }) +
            // Only the first lines are kept: how many more, so 20 is never read as all of them.
            (c.counts.invalid > c.invalidLines.length
              ? t(lang, 'campaign_invalid_more', { count: c.counts.invalid - c.invalidLines.length })
              : ''),
        ]
      : []),
    ...(c.listOptOuts ? [t(lang, 'campaign_list_optouts', { count: c.listOptOuts })] : []),
    ...(c.audienceMismatches
      ? [
          t(lang, 'campaign_audience_mismatch', {
            count: c.audienceMismatches,
            audience: c.audience.toUpperCase(),
          }),
        ]
      : []),
  ].join('\n');
}

/** The message's findings (what blocks, then what to review) and the rules that block the whole campaign. */
function findingSections({ c, lang, style, legal, title }: ReportWords): string[] {
  const found: string[] = [];
  // What blocks comes first; what the approver is to check does not stop the approval.
  const blocking = blockingFindings(c);
  const toReview = c.findings.filter((f) => !blocking.includes(f));
  const finding = (f: MessageFinding) => `• ${style.escape(f.message[lang])} — ${f.rule} · ${legal(f.rule)}`;
  if (c.findings.length === 0) found.push(t(lang, 'campaign_message_ok'));
  if (blocking.length > 0)
    found.push([style.bold(t(lang, 'campaign_message_findings')), ...blocking.map(finding)].join('\n'));
  if (toReview.length > 0)
    found.push([style.bold(t(lang, 'campaign_message_review')), ...toReview.map(finding)].join('\n'));
  if (c.campaignWide.length > 0) {
    found.push(
      [
        style.bold(t(lang, 'campaign_wide')),
        ...c.campaignWide.map((id) => `• ${title(id)} — ${id} · ${legal(id)}`),
      ].join('\n'),
    );
  }
  return found;
}

/** The recipients held back, by verdict and rule, with masked examples. */
function groupSection({ c, lang, style, legal, title }: ReportWords): string {
  const lines = c.groups.slice(0, MAX_GROUPS).map((g) => {
    const samples = g.sample
      .map((s) => `${style.escape(s.masked)} (${t(lang, 'campaign_line_no', { line: s.line })})`)
      .join(', ');
    return `${VERDICT_ICON[g.verdict]} ${style.bold(String(g.count))} · ${title(g.rule)} — ${g.rule} · ${legal(g.rule)}\n    ${t(lang, 'campaign_examples', { samples })}`;
  });
  if (c.groups.length > MAX_GROUPS)
    lines.push(t(lang, 'campaign_group_more', { count: c.groups.length - MAX_GROUPS }));
  return [style.bold(t(lang, 'campaign_groups')), ...lines].join('\n');
}

/**
 * The latest recheck before sending: how many are still allowed, who is dropped and why (counts by reason,
 * masked examples), and, once someone is dropped, that only the updated list may be used.
 */
export function recheckText(
  r: CampaignRecheck,
  lang: Lang,
  day: (iso: string) => string,
  style: { escape: (text: string) => string; bold: (text: string) => string },
): string[] {
  const dropped = r.approved - r.allowed;
  const lines = [
    style.bold(
      t(lang, 'campaign_recheck_report', { at: day(r.at), allowed: r.allowed, approved: r.approved }),
    ),
  ];
  if (dropped === 0) return [...lines, t(lang, 'campaign_recheck_none')];
  return [
    ...lines,
    ...dropLines(r, lang, style.escape),
    t(lang, 'campaign_recheck_report_replaced', { at: day(r.at) }),
  ];
}

/** One line per reason a recheck dropped recipients, with masked examples. */
export function dropLines(r: CampaignRecheck, lang: Lang, shown: (s: string) => string = (s) => s): string[] {
  return DROP_REASONS.filter((reason) => r.dropped[reason]).map((reason) => {
    const samples = r.sample
      .filter((s) => s.reason === reason)
      .map((s) => {
        const line = t(lang, 'campaign_line_no', { line: s.line });
        return s.masked ? `${shown(s.masked)} (${line})` : line; // an erased person: her line only
      })
      .join(', ');
    const text = t(lang, `campaign_drop_${reason}`, { count: r.dropped[reason] ?? 0 });
    return `• ${text}${samples ? ` — ${t(lang, 'campaign_examples', { samples })}` : ''}`;
  });
}

/** The footer follows the status: only a campaign still open to approval says until when. */
function metaKey(c: Campaign) {
  if (c.status === 'approved' || c.status === 'approved-cleaned' || c.status === 'approved-reviewed')
    return 'campaign_meta_approved' as const;
  if (c.status === 'rejected' || c.status === 'superseded') return 'campaign_meta_decided' as const;
  if (!approvableAsChecked(c) && !approvableCleaned(c) && reviewableGroups(c).length === 0)
    return 'campaign_meta_nothing_to_approve' as const;
  return 'campaign_meta' as const;
}
