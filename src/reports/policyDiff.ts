import { formatLocal } from '../domain/time.ts';
import { type Lang, t } from '../i18n.ts';
import type { DiffSummary } from '../policy/diff.ts';
import type { PolicyDiffReport } from '../services/policyDiff.ts';

/** What changing the policy does, for people: the terminal (`policy diff`) and the compliance channel (reload). */

function groupLines(summary: DiffSummary, lang: Lang, escapeText: (text: string) => string): string[] {
  return summary.groups.flatMap((group) => [
    `  ${t(lang, group.from === group.to ? 'policy_diff_direction_same' : 'policy_diff_direction', { from: group.from, to: group.to, count: group.count })}`,
    ...group.rules.map(
      (rule) =>
        `    ${t(lang, 'policy_diff_rule', { rule: rule.rule, count: rule.count, examples: rule.examples.map(escapeText).join(' · ') })}`,
    ),
  ]);
}

const reasonsLine = (summary: DiffSummary, lang: Lang) =>
  summary.reasonsChanged > 0 ? [t(lang, 'policy_diff_reasons', { count: summary.reasonsChanged })] : [];

export function policyDiffLines(
  report: PolicyDiffReport,
  lang: Lang,
  zone: string,
  escapeText: (text: string) => string = (text) => text,
): string[] {
  const { scenarios, register } = report;
  const lines = [
    t(lang, 'policy_diff_head', { before: report.before, after: report.after }),
    t(lang, 'policy_diff_scenarios', { asked: scenarios.asked, changed: scenarios.changed }),
    ...reasonsLine(scenarios, lang),
    ...groupLines(scenarios, lang, escapeText),
  ];
  if (scenarios.failed.length > 0)
    lines.push(t(lang, 'policy_diff_failed', { names: scenarios.failed.map(escapeText).join(' · ') }));
  if (register)
    lines.push(
      t(lang, 'policy_diff_register', {
        at: formatLocal(new Date(register.at), zone, lang),
        contacts: register.contacts,
        channels: register.channels.join(', '),
        asked: register.asked,
        changed: register.changed,
      }),
      ...reasonsLine(register, lang),
      ...groupLines(register, lang, escapeText),
    );
  return lines;
}
