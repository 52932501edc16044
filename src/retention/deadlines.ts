import type { Contact, Interaction } from '../domain/contacts.ts';
import { isCustomer, retentionDeadline } from '../domain/retention.ts';
import { addDuration } from '../domain/time.ts';
import type { Policy } from '../policy/load.ts';
import type { ContactRecord } from '../store/index.ts';

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

/** The policy rule each kind of deadline comes from (its title and legal basis are the policy's). */
export const RULE: Readonly<Record<DeadlineKind, string>> = {
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
    // A later source of her own act restarts the prospect clock once its date has passed (domain/retention.ts).
    ...(record.contact.sources ?? []).map((s) => s.collectedAt),
  ];
  let next = Number.POSITIVE_INFINITY;
  for (const iso of dates) {
    if (!iso) continue;
    const at = new Date(iso).getTime();
    if (at > t && at < next) next = at;
  }
  return next;
}

/** A deadline as its kind and instant: what the sorting below needs (the deadline index keeps only this). */
export interface Timed {
  kind: DeadlineKind;
  at: Date;
}

/**
 * One contact's deadlines sorted out at `now`, the one definition of "what a purge deletes now" that scans, the
 * purge, the digest, App Home and their buttons share:
 * - `purge`: the contact's data deadline when it has passed (the whole contact goes, its consent proofs with it),
 *   else each consent proof past its period;
 * - `lapsed`: phone consents whose validity ended (nothing to delete: the proof is kept; calls need a new one);
 * - `due`: what comes due within the horizon, for a contact that stays.
 */
export function sortOut<T extends Timed>(
  deadlines: readonly T[],
  now: Date,
  horizon: Date,
): { purge: T[]; lapsed: T[]; due: T[] } {
  const t = now.getTime();
  const data = deadlines.find((d) => d.kind === 'prospect' || d.kind === 'customer');
  if (data && data.at.getTime() <= t) return { purge: [data], lapsed: [], due: [] };
  const sorted = { purge: [] as T[], lapsed: [] as T[], due: [] as T[] };
  for (const d of deadlines) {
    const at = d.at.getTime();
    if (at > t) {
      if (at <= horizon.getTime()) sorted.due.push(d);
    } else if (d.kind === 'consent-proof') sorted.purge.push(d);
    else sorted.lapsed.push(d);
  }
  return sorted;
}

export interface RetentionScan {
  at: Date;
  /**
   * What a purge deletes now (see sortOut): one line per contact whose data deadline passed, one per consent
   * proof past its period of a contact that stays. Soonest first.
   */
  overdue: Deadline[];
  /** Within the horizon (30 days by default), soonest first. */
  due: Deadline[];
  /** Phone consents that lapsed within the horizon before `at` (the owner is told once; nothing is deleted). */
  lapsed: Deadline[];
  /** Made as of another instant than now (`retention scan --at`): what would stand then; nothing is purged. */
  preview?: boolean;
}

/**
 * Scans every contact in slices, so the app keeps answering during a large scan. Given pages (a store's
 * `contactPages`), only the deadlines within the horizon are kept, never the whole register.
 */
export async function scanRetention(
  records: ContactRecord[] | AsyncIterable<ContactRecord[]>,
  policy: Policy,
  now: Date,
  horizonDays = 30,
): Promise<RetentionScan> {
  const horizon = new Date(now.getTime() + horizonDays * 86_400_000);
  const lapsedSince = now.getTime() - horizonDays * 86_400_000;
  const scan: RetentionScan = { at: now, overdue: [], due: [], lapsed: [] };
  const pages = Array.isArray(records) ? [records] : records;
  for await (const page of pages)
    for (const [i, record] of page.entries()) {
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      const sorted = sortOut(deadlinesOf(record, policy, now), now, horizon);
      scan.overdue.push(...sorted.purge);
      scan.due.push(...sorted.due);
      scan.lapsed.push(...sorted.lapsed.filter((d) => d.at.getTime() > lapsedSince));
    }
  const byDate = (a: Deadline, b: Deadline) => a.at.getTime() - b.at.getTime();
  for (const list of [scan.overdue, scan.due, scan.lapsed]) list.sort(byDate);
  return scan;
}
