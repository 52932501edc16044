import type { MessageFinding } from '../domain/campaign.ts';
import type { Channel } from '../domain/contacts.ts';
import { t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import { compilePattern } from '../policy/pattern.ts';
import type { MessageCheck } from '../policy/schema.ts';
import { forbiddenOptout, stopCostFindings } from './optOutCost.ts';

/** Lower case without accents: "Désinscription" and "desinscription" match alike. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The first line "Objet : …" or "Subject: …" of an email template, if any. */
export function subjectLine(template: string): string {
  for (const line of template.split(/\r?\n/)) {
    const match = /^\s*(objet|subject)\s*:\s*(.*)$/i.exec(line);
    if (match) return match[2] ?? '';
    if (line.trim()) return '';
  }
  return '';
}

function productWords(policy: Policy, product: string | undefined): string[] {
  const entry = product ? policy.doc.products[product] : undefined;
  if (!entry) return [];
  const words = entry.keywords ?? [...entry.label.fr.split(/\W+/u), ...entry.label.en.split(/\W+/u)];
  return words.map(fold).filter((w) => w.length >= 4);
}

function passes(check: MessageCheck, template: string, policy: Policy, product: string | undefined): boolean {
  const part =
    check.part === 'subject'
      ? subjectLine(template)
      : check.part === 'opening'
        ? template.slice(0, policy.doc.campaign.opening_length)
        : template;
  if (check.pattern !== undefined) return compilePattern(check.pattern).test(part);
  const words = check.subject_matches_product
    ? productWords(policy, product)
    : check.sender_identity
      ? policy.doc.campaign.sender_identity
      : (check.contains_any ?? []);
  const text = fold(part);
  return words.some((word) => text.includes(fold(word)));
}

type Fill = (text: string, lang: 'fr' | 'en', more?: Record<string, string>) => string;

/** One check's findings: a missing element, a surcharged or unknown STOP number, an opt-out that costs. */
function findings(
  check: MessageCheck,
  template: string,
  channel: Channel,
  policy: Policy,
  product: string | undefined,
  fill: Fill,
): MessageFinding[] {
  const { rule, element } = check;
  if (check.stop_number_tariff) {
    const mentions = policy.doc.campaign.message_checks.flatMap((c) => c.optout_sentence?.mentions ?? []);
    return stopCostFindings(template, check, mentions, channel === 'sms');
  }
  if (check.optout_sentence) {
    const sentence = forbiddenOptout(template, check.optout_sentence);
    if (sentence === undefined || !check.found) return [];
    const { fr, en } = check.found;
    return [
      { rule, element, message: { fr: fill(fr, 'fr', { sentence }), en: fill(en, 'en', { sentence }) } },
    ];
  }
  if (passes(check, template, policy, product) || !check.missing) return [];
  return [{ rule, element, message: { fr: fill(check.missing.fr, 'fr'), en: fill(check.missing.en, 'en') } }];
}

/**
 * What every message of the campaign must carry, and how its opt-out must work (policy
 * `campaign.message_checks`): each missing element, or an opt-out that costs more than its transmission, is a
 * finding that blocks the campaign until the template is fixed; a STOP number whose tariff cannot be read is
 * a finding to review.
 */
export function checkMessage(
  template: string,
  channel: Channel,
  product: string | undefined,
  policy: Policy,
): MessageFinding[] {
  const fill: Fill = (text, lang, more = {}) => {
    const vars: Record<string, string> = {
      names: policy.doc.campaign.sender_identity.join(', '),
      product: product ? (policy.doc.products[product]?.label[lang] ?? product) : '',
      ...more,
    };
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
  };
  if (template.trim() === '') {
    return [
      {
        rule: 'ecomm-per-message-obligations',
        element: 'template',
        message: {
          fr: t('fr', 'campaign_no_template'),
          en: t('en', 'campaign_no_template'),
        },
      },
    ];
  }
  return policy.doc.campaign.message_checks
    .filter((check) => check.channels.includes(channel))
    .flatMap((check) => findings(check, template, channel, policy, product, fill));
}
