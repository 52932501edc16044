import { maskIdentifier } from '../domain/identifiers.ts';
import { formatLocal } from '../domain/time.ts';
import type { Answer } from '../services/ask.ts';

export type Lang = 'fr' | 'en';

const VERDICT: Record<string, Record<Lang, string>> = {
  allow: { fr: '✅ AUTORISÉ', en: '✅ ALLOWED' },
  review: { fr: '⚠️  À VÉRIFIER', en: '⚠️  NEEDS REVIEW' },
  block: { fr: '⛔ BLOQUÉ', en: '⛔ BLOCKED' },
};

const WORDS = {
  why: { fr: 'Pourquoi', en: 'Why' },
  todo: { fr: 'À faire', en: 'What to do' },
  unknown: { fr: 'inconnu du registre', en: 'not in the register' },
  nextWindow: { fr: "Prochaine plage d'appel", en: 'Next calling window' },
  changes: { fr: 'La réponse peut changer le', en: 'The answer may change on' },
  unverified: { fr: 'règle non vérifiée', en: 'unverified rule' },
  revision: { fr: 'politique', en: 'policy' },
} as const;

/** The short human answer of `can-i`: verdict first, then why, then what to do. */
export function formatAnswer(answer: Answer, lang: Lang, zone: string): string {
  const { decision } = answer;
  const who = `${maskIdentifier(answer.target)}${answer.contact ? '' : ` (${WORDS.unknown[lang]})`}`;
  const lines = [
    `${VERDICT[decision.verdict]?.[lang]} — ${decision.channel} → ${who} [${decision.audience.toUpperCase()}]`,
  ];
  const shown =
    decision.verdict === 'allow' ? decision.reasons : decision.reasons.filter((r) => r.verdict !== 'allow');
  lines.push(`${WORDS.why[lang]}:`);
  for (const reason of shown) {
    const legal = reason.legal.map((l) => `${l.text} ${l.article}`).join(', ');
    const flag = reason.unverified ? ` (${WORDS.unverified[lang]})` : '';
    lines.push(`  - [${reason.verdict}] ${reason.message[lang]}`);
    lines.push(`    ${reason.rule}${legal ? ` · ${legal}` : ''}${flag}`);
  }
  if (decision.obligations.length > 0) {
    lines.push(`${WORDS.todo[lang]}:`);
    for (const obligation of decision.obligations) lines.push(`  - ${obligation.text[lang]}`);
  }
  if (decision.nextCallWindow)
    lines.push(`${WORDS.nextWindow[lang]}: ${formatLocal(new Date(decision.nextCallWindow), zone, lang)}`);
  else if (decision.changesAt)
    lines.push(`${WORDS.changes[lang]} ${formatLocal(new Date(decision.changesAt), zone, lang)}`);
  lines.push(`(${WORDS.revision[lang]} ${decision.policyRevision})`);
  return lines.join('\n');
}
