import { audienceOf } from '../domain/audience.ts';
import type { Contact, Provenance } from '../domain/contacts.ts';
import { type Identifier, showIdentifier } from '../domain/identifiers.ts';
import { type Lang, type MessageKey, t } from '../i18n.ts';
import type { Controller } from '../policy/controllerSchema.ts';
import type { ChannelBasis } from '../policy/legalBases.ts';
import type { Policy } from '../policy/load.ts';
import type { AccessReport } from '../services/accessReport.ts';
import {
  type Block,
  type ReportDocument,
  type Section,
  type Words,
  word,
  wordsFor,
} from './accessDocument.ts';
import { consentBlocks, objectionBlocks, rightsBlocks } from './accessRecords.ts';
import { purposeLabel } from './purpose.ts';

/** The report in `lang`, from what was gathered (services/accessReport.ts) and the policy's periods. */
export function accessDocument(report: AccessReport, policy: Policy, lang: Lang): ReportDocument {
  const controller = report.controller as Controller;
  const w = wordsFor(report, lang);
  const city = (report.zone.split('/').pop() ?? report.zone).replace(/_/g, ' ');
  const sections: Section[] = [
    {
      heading: t(lang, 'access_h_controller'),
      blocks: [
        { p: t(lang, 'access_controller', { name: controller.name, address: controller.address }) },
        { p: t(lang, 'access_dpo', { dpo: dpoText(controller) }) },
      ],
    },
    { heading: t(lang, 'access_h_data'), blocks: dataBlocks(report, policy, lang, w) },
    // Nothing held, nothing came from anywhere: the section would only say "not on record".
    ...(report.contact
      ? [{ heading: t(lang, 'access_h_sources'), blocks: sourceBlocks(report.sources, lang, w) }]
      : []),
    {
      heading: t(lang, 'access_h_purposes'),
      blocks: [
        { p: t(lang, 'access_purpose') },
        ...(report.bases.length
          ? [{ p: t(lang, 'access_bases_intro') }, { list: report.bases.map((b) => basisLine(b, lang, w)) }]
          : []),
        { p: t(lang, 'access_automated') },
      ],
    },
    { heading: t(lang, 'access_h_retention'), blocks: retentionBlocks(report, policy, lang, w) },
    {
      heading: t(lang, 'access_h_recipients'),
      blocks: [{ list: controller.recipients.map((r) => r[lang]) }, { p: controller.transfers[lang] }],
    },
    { heading: t(lang, 'access_h_consents'), blocks: consentBlocks(report.consents, lang, w) },
    { heading: t(lang, 'access_h_objections'), blocks: objectionBlocks(report, lang, w) },
    { heading: t(lang, 'access_h_rights'), blocks: rightsBlocks(controller, lang) },
  ];
  const date = w.day(report.at);
  return {
    lang,
    title: t(lang, 'access_title', { controller: controller.name }),
    subtitle: t(lang, 'access_subtitle', { date, city }),
    sections,
    footer: t(lang, 'access_footer', { date, controller: controller.name }),
  };
}

function dpoText(controller: Controller): string {
  const { name, email, address } = controller.dpo;
  return [name, email, address].filter(Boolean).join(', ');
}

function dataBlocks(report: AccessReport, policy: Policy, lang: Lang, w: Words): Block[] {
  const contact = report.contact;
  const who = report.identifiers.map(showIdentifier).join(', ');
  const blocks: Block[] = [];
  if (!contact) {
    blocks.push({ p: t(lang, 'access_not_found', { who }) });
    if (report.objections.length + report.withdrawals.length > 0)
      blocks.push({ p: t(lang, 'access_not_found_kept') });
  } else {
    blocks.push({ p: t(lang, 'access_intro') }, { facts: identityFacts(contact, report, policy, lang, w) });
    if (report.formerIdentifiers > 0)
      blocks.push({ p: t(lang, 'access_former', { count: report.formerIdentifiers }) });
  }
  if (report.interactions.length > 0) {
    const sorted = [...report.interactions].sort((a, b) => a.at.localeCompare(b.at));
    const line = (type: string, at: string) =>
      t(lang, 'access_interaction_line', { type: word(lang, `event_${type}`), at: w.day(at) });
    blocks.push({ p: t(lang, 'access_interactions') }, { list: sorted.map((i) => line(i.type, i.at)) });
  }
  // The questions asked about her are data about her too (the log keeps them under her keyed hash).
  if (report.decisions.length > 0) {
    const line = (d: AccessReport['decisions'][number]) =>
      t(lang, 'access_decision_line', {
        at: w.day(d.askedAt),
        channel: w.channel(d.channel),
        verdict: word(lang, `access_verdict_${d.verdict}`),
      });
    blocks.push({ p: t(lang, 'access_decisions') }, { list: report.decisions.map(line) });
  }
  return blocks;
}

function identityFacts(
  contact: Contact,
  report: AccessReport,
  policy: Policy,
  lang: Lang,
  w: Words,
): Array<[string, string]> {
  const of = (kind: Identifier['kind']) =>
    report.identifiers
      .filter((id) => id.kind === kind)
      .map(showIdentifier)
      .join(', ');
  const customer = contact.customer;
  const main = report.identifiers[0];
  const audience = main ? audienceOf(main, contact, policy.addressRules) : contact.audience;
  const rows: Array<[MessageKey, string | undefined]> = [
    ['access_name', contact.name],
    ['access_company', contact.company],
    ['access_function', contact.jobFunction],
    ['access_emails', of('email')],
    ['access_phones', of('phone')],
    ['access_audience', audience && t(lang, `audience_${audience}`)],
    ['access_department', contact.department],
    [
      'access_customer',
      customer &&
        [
          t(lang, 'access_customer_since', { since: w.day(customer.since) }),
          customer.until && t(lang, 'access_customer_until', { until: w.day(customer.until) }),
          customer.lastPurchaseAt && t(lang, 'access_last_purchase', { at: w.day(customer.lastPurchaseAt) }),
        ]
          .filter(Boolean)
          .join(', '),
    ],
    ['access_products', customer?.products.length ? customer.products.join(', ') : undefined],
    ['access_recorded', w.day(contact.createdAt)],
  ];
  return rows.filter((row): row is [MessageKey, string] => Boolean(row[1])).map(([k, v]) => [t(lang, k), v]);
}

function sourceBlocks(sources: Provenance[], lang: Lang, w: Words): Block[] {
  if (sources.length === 0) return [{ p: t(lang, 'access_no_source') }];
  return [
    {
      list: sources.map((s) => {
        const named = word(lang, `source_${s.source}`);
        return t(lang, 'access_source_line', {
          source: s.detail ? `${named} (${s.detail})` : named,
          collection: t(lang, `collection_${s.collection}`),
          at: w.day(s.collectedAt),
          informed: s.informedAt
            ? t(lang, 'access_source_informed', { at: w.day(s.informedAt) })
            : t(lang, 'access_source_not_informed'),
        });
      }),
    },
  ];
}

function basisLine(b: ChannelBasis, lang: Lang, w: Words): string {
  const basis = t(lang, `access_basis_${b.basis}`, b.consent ? { at: w.day(b.consent.at) } : {});
  const vars = { channel: w.channel(b.channel), who: showIdentifier(b.target), basis };
  return b.purpose === 'prospecting'
    ? t(lang, 'access_basis_line', vars)
    : t(lang, 'access_basis_purpose_line', { ...vars, purpose: purposeLabel(b.purpose, lang) });
}

function retentionBlocks(report: AccessReport, policy: Policy, lang: Lang, w: Words): Block[] {
  const params = policy.doc.params;
  const lines: string[] = [];
  const data = report.deadlines.find((d) => d.kind === 'prospect' || d.kind === 'customer');
  if (data && data.at <= report.at) lines.push(t(lang, 'access_keep_overdue', { date: w.day(data.at) }));
  else if (data)
    lines.push(
      data.kind === 'prospect'
        ? t(lang, 'access_keep_prospect', {
            date: w.day(data.at),
            period: w.period(params.retention_prospect),
          })
        : t(lang, 'access_keep_customer', {
            date: w.day(data.at),
            period: w.period(params.retention_customer),
          }),
    );
  else if (report.contact)
    lines.push(t(lang, 'access_keep_contract', { period: w.period(params.retention_customer) }));
  for (const d of report.deadlines) {
    if (d.kind !== 'phone-consent' && d.kind !== 'consent-proof') continue;
    const period = w.period(policy.doc.retention.consent_proof);
    lines.push(t(lang, `access_keep_${d.kind}`, { date: w.day(d.at), period }));
  }
  if (report.objections.length + report.withdrawals.length > 0) lines.push(t(lang, 'access_keep_objections'));
  return lines.map((p) => ({ p }));
}
