import { type ConsentRecord, objectionsByScope } from '../../domain/contacts.ts';
import { maskIdentifier } from '../../domain/identifiers.ts';
import { isContract } from '../../domain/retention.ts';
import { formatLocal } from '../../domain/time.ts';
import { withdrawalsByPurpose } from '../../domain/withdrawals.ts';
import { hasMessage, type Lang, t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import { purposeLabel } from '../../reports/purpose.ts';
import type { ContactSheet } from '../../services/lookup.ts';
import { ACTION, targetValue } from './actionIds.ts';
import { actions, type Block, button, context, section } from './kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

const MAX_CONSENT_LINES = 20;

function scopeLabel(scope: string, lang: Lang): string {
  const key = `channel_${scope}`;
  return hasMessage(key) ? t(lang, key) : scope;
}

/**
 * The consents the person withdrew, as the suppression list remembers them (after a purge too): "withdrew
 * their consent to the newsletter (email)", never "objected to marketing", which a withdrawal is not.
 */
function withdrawalLines(sheet: ContactSheet, policy: Policy, lang: Lang): string[] {
  const day = (iso: string) => formatLocal(new Date(iso), policy.timeZone, lang);
  return withdrawalsByPurpose(sheet.objections).map((w) => {
    const line = t(lang, 'prospect_withdrawal_line', {
      purpose: escapeMrkdwn(purposeLabel(w.purpose, lang)),
      channel: scopeLabel(w.channel, lang),
      at: day(w.since),
    });
    const again = w.again.map(day).join(', ');
    return `• ${line}${again ? t(lang, 'prospect_withdrawal_again', { dates: again }) : ''}`;
  });
}

function consentLine(record: ConsentRecord, policy: Policy, lang: Lang): string {
  const day = (iso: string) => formatLocal(new Date(iso), policy.timeZone, lang);
  const proof = record.proof;
  return `• ${t(lang, 'prospect_consent_line', {
    action: t(lang, record.action === 'grant' ? 'action_grant' : 'action_withdraw'),
    channel: scopeLabel(record.channel, lang),
    purpose: escapeMrkdwn(purposeLabel(record.purpose, lang)),
    at: day(record.at),
    method: escapeMrkdwn(proof.method ?? '?'),
    wording: proof.wording ? ` · ${escapeMrkdwn(proof.wording)}` : '',
    // A link is shown as text, never as a clickable Slack link: it came from a user.
    evidence: proof.evidence ? ` · \`${escapeMrkdwn(proof.evidence)}\`` : '',
  })}`;
}

/** /prospect: what the store holds on one person, for the roles allowed to see it. */
export function contactSheetBlocks(sheet: ContactSheet, policy: Policy, lang: Lang): Block[] {
  const zone = policy.timeZone;
  const day = (iso: string | Date) => formatLocal(new Date(iso), zone, lang);
  const contact = sheet.contact;
  const objections = objectionsByScope(sheet.objections).map((o) => {
    const line = t(lang, 'prospect_objection_line', { scope: scopeLabel(o.scope, lang), at: day(o.since) });
    const again = o.again.map((at) => day(at)).join(', ');
    return `• ${line}${again ? t(lang, 'prospect_objection_again', { dates: again }) : ''}`;
  });
  const objectionBlock = section(
    `*${t(lang, 'prospect_objections')}*\n${objections.join('\n') || t(lang, 'prospect_none_f')}`,
  );
  const withdrawals = withdrawalLines(sheet, policy, lang);
  const withdrawalBlocks = withdrawals.length
    ? [section(`*${t(lang, 'prospect_withdrawals')}*\n${withdrawals.join('\n')}`)]
    : [];
  if (!contact) {
    // An objection, and a withdrawn consent, outlive the contact record: still show them.
    const unknown = section(t(lang, 'prospect_unknown', { who: escapeMrkdwn(maskIdentifier(sheet.target)) }));
    return [unknown, ...(objections.length > 0 ? [objectionBlock] : []), ...withdrawalBlocks];
  }
  const identity = [contact.name, contact.company, contact.jobFunction, contact.email, contact.phone]
    .filter(Boolean)
    .map((v) => escapeMrkdwn(v as string))
    .join(' · ');
  const blocks: Block[] = [
    section(
      `${t(lang, 'prospect_head', { who: escapeMrkdwn(contact.name ?? maskIdentifier(sheet.target)) })}\n${identity}`,
    ),
  ];
  blocks.push(section(sheetFacts(sheet, contact, lang, day).join('\n')));

  const consents = sheet.consents.slice(-MAX_CONSENT_LINES).map((r) => consentLine(r, policy, lang));
  blocks.push(
    section(`*${t(lang, 'prospect_consents')}*\n${consents.join('\n') || t(lang, 'prospect_none')}`),
  );
  if (sheet.consents.length > MAX_CONSENT_LINES) {
    blocks.push(
      context(t(lang, 'prospect_more', { shown: MAX_CONSENT_LINES, total: sheet.consents.length })),
    );
  }
  blocks.push(objectionBlock, ...withdrawalBlocks);
  // Shown to those who see the sheet; the listener checks again who may edit (owner or compliance).
  blocks.push(
    actions('contact_sheet', [
      button(t(lang, 'contact_edit_button'), ACTION.openEditContact, targetValue(sheet.target.value)),
    ]),
  );
  return blocks;
}

/** Where the contact's details came from, the customer relationship, the retention deadline, the owner. */
function sheetFacts(
  sheet: ContactSheet,
  contact: NonNullable<ContactSheet['contact']>,
  lang: Lang,
  day: (iso: string | Date) => string,
): string[] {
  const provenance = contact.provenance;
  const facts: string[] = [];
  if (provenance) {
    const sourceKey = `source_${provenance.source}`;
    const named = hasMessage(sourceKey) ? t(lang, sourceKey) : provenance.source;
    const source = escapeMrkdwn(provenance.detail ? `${named} (${provenance.detail})` : named);
    const collection = t(lang, `collection_${provenance.collection}`);
    facts.push(
      `*${t(lang, 'prospect_provenance')}*: ${t(lang, 'prospect_collected', { source, collection, at: day(provenance.collectedAt) })}, ${
        provenance.informedAt
          ? t(lang, 'prospect_informed', { at: day(provenance.informedAt) })
          : t(lang, 'prospect_not_informed')
      }`,
    );
  }
  const customer = contact.customer;
  if (customer?.since) {
    const until = customer.until ? t(lang, 'prospect_customer_until', { at: day(customer.until) }) : '';
    const kind = isContract(customer) ? 'contract' : (customer.kind ?? 'purchase');
    const last = customer.lastPurchaseAt
      ? t(lang, 'prospect_last_purchase', { at: day(customer.lastPurchaseAt) })
      : '';
    facts.push(
      t(lang, 'prospect_customer', { since: day(customer.since), until }) +
        t(lang, `prospect_relationship_${kind}`) +
        last,
    );
  }
  if (contact.addressKind) facts.push(`*${t(lang, 'prospect_address_kind')}*: ${contact.addressKind}`);
  if (sheet.lastInitiated) {
    facts.push(
      `*${t(lang, 'prospect_last_initiated')}*: ${sheet.lastInitiated.type}, ${day(sheet.lastInitiated.at)}`,
    );
  }
  facts.push(
    `*${t(lang, 'prospect_retention')}*: ${sheet.retentionDeadline ? day(sheet.retentionDeadline) : t(lang, 'prospect_retention_customer')}`,
  );
  if (contact.owner) facts.push(`*${t(lang, 'prospect_owner')}*: <@${contact.owner}>`);
  return facts;
}
