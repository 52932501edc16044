import { maskIdentifier } from '../../domain/identifiers.ts';
import { formatLocal } from '../../domain/time.ts';
import { VERDICT_ICON } from '../../domain/verdict.ts';
import { type Lang, t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import type { Role } from '../../policy/schema.ts';
import { nextWindowText } from '../../reports/callWindow.ts';
import type { Answer } from '../../services/ask.ts';
import { ACTION, targetValue } from './actionIds.ts';
import { actions, type Block, button, confirmDialog, context, section } from './kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** The answer to /can-i-…: verdict first, then why (rule + legal basis), what to do, and next-step buttons. */
export function answerBlocks(
  answer: Answer,
  policy: Policy,
  lang: Lang,
  product?: string,
  /** The reader's roles: a button they may not press is not offered (it would only be refused). */
  roles: readonly Role[] = [],
): Block[] {
  const { decision } = answer;
  const zone = policy.timeZone;
  const who = escapeMrkdwn(maskIdentifier(answer.target));
  const forWhat = product
    ? ` ${t(lang, 'answer_for', { product: escapeMrkdwn(policy.doc.products[product]?.label[lang] ?? product) })}`
    : '';
  const blocks: Block[] = [
    section(
      `${t(lang, 'answer_head', {
        verdict: t(lang, `verdict_${decision.verdict}`),
        channel: t(lang, `channel_${decision.channel}`),
        who,
      })} · ${decision.audience.toUpperCase()}${forWhat}`,
    ),
  ];
  if (!answer.contact) blocks.push(section(t(lang, 'unknown_contact')));

  // An allow shows every rule that allowed it; otherwise only what stands in the way.
  const reasons =
    decision.verdict === 'allow' ? decision.reasons : decision.reasons.filter((r) => r.verdict !== 'allow');
  if (reasons.length > 0) {
    const lines = reasons.map((reason) => {
      const legal = reason.legal.map((l) => `${l.text} ${l.article}`).join(', ');
      const flag = reason.unverified ? ` · ${t(lang, 'unverified')}` : '';
      return `${VERDICT_ICON[reason.verdict]} ${escapeMrkdwn(reason.message[lang])}\n      _${escapeMrkdwn(`${reason.rule}${legal ? ` · ${legal}` : ''}`)}${flag}_`;
    });
    blocks.push(section(`*${t(lang, 'why')}*\n${lines.join('\n')}`));
  }
  if (decision.obligations.length > 0) {
    const lines = decision.obligations.map((o) => `• ${escapeMrkdwn(o.text[lang])}`);
    blocks.push(section(`*${t(lang, 'todo')}*\n${lines.join('\n')}`));
  }
  const notes: string[] = [];
  const window = nextWindowText(decision, zone, lang);
  if (window) {
    notes.push(t(lang, 'next_window', { at: window }));
  } else if (decision.changesAt) {
    notes.push(t(lang, 'changes_at', { at: formatLocal(new Date(decision.changesAt), zone, lang) }));
  }
  notes.push(t(lang, 'policy_revision', { revision: decision.policyRevision }));
  blocks.push(context(notes.join(' · ')));

  blocks.push(nextSteps(answer, lang, roles));
  return blocks;
}

/** What the reader may do next: record a consent, an objection, open or add the contact (by their roles). */
function nextSteps(answer: Answer, lang: Lang, roles: readonly Role[]): Block {
  const { decision } = answer;
  const value = targetValue(answer.target.value, decision.channel);
  const objection = button(t(lang, 'button_objection'), ACTION.logObjection, value, {
    style: 'danger',
    confirm: confirmDialog(
      t(lang, 'confirm_objection_title'),
      t(lang, 'confirm_objection_text'),
      t(lang, 'confirm_yes'),
      t(lang, 'confirm_no'),
    ),
  });
  return actions(
    'next_steps',
    answer.contact
      ? [
          ...(roles.includes('record_consent')
            ? [button(t(lang, 'button_consent'), ACTION.openConsent, value, { style: 'primary' })]
            : []),
          objection,
          ...(roles.includes('see_contacts')
            ? [button(t(lang, 'button_contact'), ACTION.showContact, value)]
            : []),
        ]
      : [
          button(t(lang, 'button_add_contact'), ACTION.openAddContact, value, { style: 'primary' }),
          objection,
        ],
  );
}
