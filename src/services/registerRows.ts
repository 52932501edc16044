import { DateTime } from 'luxon';
import { audienceOf } from '../domain/audience.ts';
import {
  type ConsentRecord,
  type Objection,
  objectionsByScope,
  type Provenance,
} from '../domain/contacts.ts';
import { type Identifier, identifiersOf, showIdentifier } from '../domain/identifiers.ts';
import { zoneFor } from '../domain/time.ts';
import { withdrawalsByPurpose } from '../domain/withdrawals.ts';
import { hasMessage, type Lang, type MessageKey, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import { deadlinesOf } from '../retention/deadlines.ts';
import type { ContactRecord } from '../store/index.ts';

/** The columns of the register export, in order; each header is `register_col_<column>` in the reader's words. */
export const REGISTER_COLUMNS = [
  'email',
  'other_emails',
  'phone',
  'other_phones',
  'name',
  'company',
  'function',
  'audience',
  'department',
  'owner',
  'source',
  'collection',
  'collected_at',
  'informed_at',
  'later_sources',
  'customer',
  'consents',
  'objections',
  'withdrawals',
  'data_deadline',
  'overdue',
  'phone_consent_end',
  'proof_until',
  'created_at',
] as const;
type Column = (typeof REGISTER_COLUMNS)[number];

export function registerHeader(lang: Lang): string[] {
  return REGISTER_COLUMNS.map((column) => t(lang, `register_col_${column}`));
}

/** Several values in one cell. */
const JOIN = ' | ';

/**
 * A local time as a spreadsheet cell, in the policy's zone: 10/01/2026 (14:30) in French, 2026-01-10 (14:30) in
 * English; the time only when it is not midnight (a day typed alone).
 */
function cellTime(at: Date | string, zone: string, lang: Lang): string {
  const local = DateTime.fromJSDate(new Date(at), { zone: zoneFor(zone) });
  const day = local.toFormat(lang === 'fr' ? 'dd/LL/yyyy' : 'yyyy-LL-dd');
  return local.toMillis() === local.startOf('day').toMillis() ? day : `${day} ${local.toFormat('HH:mm')}`;
}

const word = (lang: Lang, key: string) => (hasMessage(key) ? t(lang, key) : key.replace(/^[a-z]+_/, ''));

/** One contact as the row of the export: identifiers in full, provenance, consents, objections, deadlines. */
export function registerRow(
  record: ContactRecord,
  objections: Objection[],
  policy: Policy,
  lang: Lang,
  now: Date,
): string[] {
  const { contact } = record;
  const zone = policy.timeZone;
  const time = (at: Date | string) => cellTime(at, zone, lang);
  const ids = identifiersOf(contact);
  const list = (kind: Identifier['kind'], main: string | undefined) =>
    ids
      .filter((id) => id.kind === kind && id.value !== main)
      .map(showIdentifier)
      .join(JOIN);
  const main = ids[0];
  const audience = main ? audienceOf(main, contact, policy.addressRules) : contact.audience;
  const first = contact.provenance;
  const deadlines = deadlinesOf(record, policy, now);
  const data = deadlines.find((d) => d.kind === 'prospect' || d.kind === 'customer');
  const latest = (kind: 'phone-consent' | 'consent-proof') =>
    deadlines
      .filter((d) => d.kind === kind)
      .map((d) => d.at)
      .sort((a, b) => b.getTime() - a.getTime())[0];
  const cells: Record<Column, string> = {
    email: contact.email ? showIdentifier({ kind: 'email', value: contact.email }) : '',
    other_emails: list('email', contact.email),
    phone: contact.phone ? showIdentifier({ kind: 'phone', value: contact.phone }) : '',
    other_phones: list('phone', contact.phone),
    name: contact.name ?? '',
    company: contact.company ?? '',
    function: contact.jobFunction ?? '',
    audience: audience ? t(lang, `audience_${audience}`) : '',
    department: contact.department ?? '',
    owner: contact.owner ?? '',
    source: first ? sourceName(first, lang) : word(lang, 'source_unknown'),
    collection: first ? t(lang, `collection_${first.collection}`) : '',
    collected_at: first ? time(first.collectedAt) : '',
    informed_at: first?.informedAt ? time(first.informedAt) : '',
    later_sources: (contact.sources ?? [])
      .map((s) =>
        t(lang, 'register_source_cell', {
          source: sourceName(s, lang),
          collection: t(lang, `collection_${s.collection}`),
          at: time(s.collectedAt),
        }),
      )
      .join(JOIN),
    customer: contact.customer
      ? t(lang, 'register_customer_cell', {
          since: time(contact.customer.since),
          until: contact.customer.until
            ? t(lang, 'register_customer_until', { until: time(contact.customer.until) })
            : '',
        })
      : '',
    consents: [...record.consents]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((c) => consentCell(c, lang, time))
      .join(JOIN),
    objections: objectionCells(objections, lang, time),
    withdrawals: withdrawalCells(objections, lang, time),
    data_deadline: data ? time(data.at) : t(lang, 'register_contract'),
    overdue: t(lang, data && data.at <= now ? 'register_yes' : 'register_no'),
    phone_consent_end: ((at) => (at ? time(at) : ''))(latest('phone-consent')),
    proof_until: ((at) => (at ? time(at) : ''))(latest('consent-proof')),
    created_at: time(contact.createdAt),
  };
  return REGISTER_COLUMNS.map((column) => cells[column]);
}

function sourceName(source: Provenance, lang: Lang): string {
  const named = word(lang, `source_${source.source}`);
  return source.detail ? `${named} (${source.detail})` : named;
}

function consentCell(c: ConsentRecord, lang: Lang, time: (at: string) => string): string {
  const proof = [c.proof.method, c.proof.wording, c.proof.evidence, c.proof.collectedBy].filter(Boolean);
  const key: MessageKey = c.action === 'grant' ? 'action_grant' : 'action_withdraw';
  return t(lang, 'register_consent_cell', {
    action: t(lang, key),
    channel: word(lang, `channel_${c.channel}`),
    purpose: word(lang, `purpose_${c.purpose}`),
    at: time(c.at),
    proof: proof.length ? ` · ${proof.join(' · ')}` : '',
  });
}

function again(dates: string[], lang: Lang, time: (at: string) => string): string {
  return dates.length ? t(lang, 'register_again', { dates: dates.map(time).join(', ') }) : '';
}

function objectionCells(objections: Objection[], lang: Lang, time: (at: string) => string): string {
  return objectionsByScope(objections)
    .map((o) =>
      t(lang, 'register_objection_cell', {
        scope: word(lang, `channel_${o.scope}`),
        since: time(o.since),
        again: again(o.again, lang, time),
      }),
    )
    .join(JOIN);
}

function withdrawalCells(objections: Objection[], lang: Lang, time: (at: string) => string): string {
  return withdrawalsByPurpose(objections)
    .map((w) =>
      t(lang, 'register_withdrawal_cell', {
        purpose: word(lang, `purpose_${w.purpose}`),
        channel: word(lang, `channel_${w.channel}`),
        since: time(w.since),
        again: again(w.again, lang, time),
      }),
    )
    .join(JOIN);
}
