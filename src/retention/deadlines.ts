import type { Contact, Interaction } from '../domain/contacts.ts';
import { isCustomer, retentionDeadline } from '../domain/retention.ts';
import { addDuration } from '../domain/time.ts';
import type { Policy } from '../policy/load.ts';
import type { ContactRecord } from '../store/types.ts';

/**
 * What comes due: the contact's data (prospect or customer period), a phone consent reaching the end of its
 * validity (ask again before it lapses), or the proof of a lapsed phone consent (kept 3 years, then purged).
 */
export type DeadlineKind = 'prospect' | 'customer' | 'phone-consent' | 'consent-proof';

export interface Deadline {
  contact: Contact;
  kind: DeadlineKind;
  at: Date;
  rule: string;
  /** For consent deadlines: the consent record concerned. */
  consentId?: string;
}

const RULE: Record<DeadlineKind, string> = {
  prospect: 'retention-prospect-non-customer',
  customer: 'retention-customer',
  'phone-consent': 'retention-phone-consent-and-proof',
  'consent-proof': 'retention-phone-consent-and-proof',
};

/** When the contact's data must be gone under the policy's periods; none while a customer relationship lasts. */
export function dataDeadline(
  contact: Contact,
  interactions: Interaction[],
  policy: Policy,
  now: Date,
): Date | undefined {
  const params = policy.doc.params;
  return retentionDeadline(
    contact,
    interactions,
    { prospect: params.retention_prospect, customer: params.retention_customer },
    policy.timeZone,
    now,
  );
}

/** Every deadline of one contact under the policy, as of `now` (interactions after `now` do not count). */
export function deadlinesOf(record: ContactRecord, policy: Policy, now: Date): Deadline[] {
  const { contact, consents, interactions } = record;
  const params = policy.doc.params;
  const zone = policy.timeZone;
  const deadlines: Deadline[] = [];
  const data = dataDeadline(contact, interactions, policy, now);
  if (data) {
    const kind = isCustomer(contact.customer, now) ? 'customer' : 'prospect';
    deadlines.push({ contact, kind, at: data, rule: RULE[kind] });
  }
  // Phone consents: each grant ends at its own `until` or after the maximum age, or when withdrawn.
  const phone = consents.filter((c) => c.channel === 'phone').sort((a, b) => a.at.localeCompare(b.at));
  phone.forEach((consent, i) => {
    if (consent.action !== 'grant') return;
    const maxAge = addDuration(new Date(consent.at), params.phone_consent_max_age, zone);
    const until = consent.until && new Date(consent.until) < maxAge ? new Date(consent.until) : maxAge;
    const next = phone
      .slice(i + 1)
      .find((c) => c.channel === consent.channel && c.purpose === consent.purpose);
    const end = next && new Date(next.at) < until ? new Date(next.at) : until;
    if (!next)
      deadlines.push({
        contact,
        kind: 'phone-consent',
        at: end,
        rule: RULE['phone-consent'],
        consentId: consent.id,
      });
    deadlines.push({
      contact,
      kind: 'consent-proof',
      at: addDuration(end, policy.doc.retention.consent_proof, zone),
      rule: RULE['consent-proof'],
      consentId: consent.id,
    });
  });
  return deadlines;
}

/**
 * The instant (ms) after which `deadlinesOf` could give another answer for the same record: the dates `now`
 * is compared with there (a customer relationship starting or ending, an interaction or a purchase dated in the
 * future). Infinity when none is ahead: the deadlines then change only with the record.
 */
export function deadlinesChangeAt(record: ContactRecord, now: Date): number {
  const t = now.getTime();
  const customer = record.contact.customer;
  const dates = [
    customer?.since,
    customer?.until,
    customer?.lastPurchaseAt,
    ...record.interactions.map((i) => i.at),
  ];
  let next = Number.POSITIVE_INFINITY;
  for (const iso of dates) {
    if (!iso) continue;
    const at = new Date(iso).getTime();
    if (at > t && at < next) next = at;
  }
  return next;
}

export interface RetentionScan {
  at: Date;
  overdue: Deadline[];
  /** Within the horizon (30 days by default), soonest first. */
  due: Deadline[];
}

/**
 * Scans every contact in slices, so the app keeps answering during a large scan. Given pages (a store's
 * `contactPages`), only the deadlines due within the horizon are kept, never the whole register.
 */
export async function scanRetention(
  records: ContactRecord[] | AsyncIterable<ContactRecord[]>,
  policy: Policy,
  now: Date,
  horizonDays = 30,
): Promise<RetentionScan> {
  const horizon = now.getTime() + horizonDays * 86_400_000;
  const overdue: Deadline[] = [];
  const due: Deadline[] = [];
  const pages = Array.isArray(records) ? [records] : records;
  for await (const page of pages)
    for (const [i, record] of page.entries()) {
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      for (const deadline of deadlinesOf(record, policy, now)) {
        const t = deadline.at.getTime();
        if (t <= now.getTime()) overdue.push(deadline);
        else if (t <= horizon) due.push(deadline);
      }
    }
  const byDate = (a: Deadline, b: Deadline) => a.at.getTime() - b.at.getTime();
  return { at: now, overdue: overdue.sort(byDate), due: due.sort(byDate) };
}
