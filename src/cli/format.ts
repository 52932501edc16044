import { maskIdentifier } from '../domain/identifiers.ts';
import { formatLocal } from '../domain/time.ts';
import { type Lang, t } from '../i18n.ts';
import { nextWindowText } from '../reports/callWindow.ts';
import type { Answer } from '../services/ask.ts';

export type { Lang };

/** French typography puts a space before a colon; English does not. */
const colon = (lang: Lang) => (lang === 'fr' ? ' :' : ':');

/** The short human answer of `can-i`: verdict first, then why, then what to do. */
export function formatAnswer(answer: Answer, lang: Lang, zone: string): string {
  const { decision } = answer;
  const who = `${maskIdentifier(answer.target)}${answer.contact ? '' : ` (${t(lang, 'cli_unknown')})`}`;
  const lines = [
    `${t(lang, `cli_verdict_${decision.verdict}`)} — ${decision.channel} → ${who} [${decision.audience.toUpperCase()}]`,
  ];
  const shown =
    decision.verdict === 'allow' ? decision.reasons : decision.reasons.filter((r) => r.verdict !== 'allow');
  lines.push(`${t(lang, 'cli_why')}${colon(lang)}`);
  for (const reason of shown) {
    const legal = reason.legal.map((l) => `${l.text} ${l.article}`).join(', ');
    const flag = reason.unverified ? ` (${t(lang, 'cli_unverified')})` : '';
    lines.push(`  - [${reason.verdict}] ${reason.message[lang]}`);
    lines.push(`    ${reason.rule}${legal ? ` · ${legal}` : ''}${flag}`);
  }
  if (decision.obligations.length > 0) {
    lines.push(`${t(lang, 'cli_todo')}${colon(lang)}`);
    for (const obligation of decision.obligations) lines.push(`  - ${obligation.text[lang]}`);
  }
  const window = nextWindowText(decision, zone, lang);
  if (window) lines.push(`${t(lang, 'cli_next_window')}${colon(lang)} ${window}`);
  else if (decision.changesAt)
    lines.push(`${t(lang, 'cli_changes')} ${formatLocal(new Date(decision.changesAt), zone, lang)}`);
  lines.push(`(${t(lang, 'cli_revision')} ${decision.policyRevision})`);
  return lines.join('\n');
}
