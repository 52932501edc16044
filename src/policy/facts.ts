import { DateTime } from 'luxon';
import { addressKindOf, audienceOf } from '../domain/audience.ts';
import { calleeOf, regionUnknown } from '../domain/callee.ts';
import {
  callWindowStatus,
  countryZone,
  isLocalOnlyHoliday,
  LOCAL_HOLIDAY_REGIONS,
  workingDaysEnd,
} from '../domain/callWindow.ts';
import {
  type AddressKind,
  type Audience,
  CALL_ATTEMPTS,
  type Channel,
  CONSENT_PURPOSE_DEFAULT,
  type ConsentRecord,
  objectionCovers,
  type SubjectFacts,
} from '../domain/contacts.ts';
import { isContract, isCustomer, retentionDeadline } from '../domain/retention.ts';
import { addDuration, periodEnd, rollingWindowExit, rollingWindowStart, zoneFor } from '../domain/time.ts';
import { compact, normaliseWords } from '../domain/words.ts';
import type { FactName } from './facts-catalogue.ts';
import type { Policy } from './load.ts';

export interface DecisionRequest {
  channel: Channel;
  purpose: string;
  product?: string;
}

const COUNTED_ATTEMPTS: ReadonlySet<string> = new Set(CALL_ATTEMPTS);
const LOCAL_REGIONS: ReadonlySet<string> = new Set(LOCAL_HOLIDAY_REGIONS);

/**
 * The facts of one decision, computed on demand and remembered. Each computation that depends on time notes
 * when its value would flip; the flips of a fact include those of the facts it read, so the engine can tell
 * when each rule's outcome could change (and so when a block could lift).
 */
export class Facts {
  readonly audience: Audience;
  readonly addressKind: AddressKind;
  /** Every flip noted while deciding, from every fact read. */
  readonly flips: Date[] = [];
  nextCallWindow?: Date;
  private readonly memo = new Map<string, { value: unknown; flips: Date[] }>();
  private readonly collectors: Date[][] = [];
  private readonly zone: string;
  /**
   * The purpose a consent must cover: a message that offers a product is prospecting for it whatever label it
   * carries ("newsletter", "fundraising"), so only a prospecting consent counts for it (A4, art. 4(11) "specific").
   */
  readonly purpose: string;

  constructor(
    readonly request: DecisionRequest,
    readonly subject: SubjectFacts,
    readonly policy: Policy,
    readonly now: Date,
  ) {
    this.zone = policy.timeZone;
    this.purpose = request.product !== undefined ? CONSENT_PURPOSE_DEFAULT : request.purpose;
    this.audience = audienceOf(subject.target, subject.contact, policy.addressRules);
    this.addressKind = addressKindOf(subject.target, this.audience, policy.addressRules, subject.contact);
  }

  get(name: string): unknown {
    let entry = this.memo.get(name);
    if (!entry) {
      const flips: Date[] = [];
      this.collectors.push(flips);
      try {
        entry = { value: this.compute(name as FactName), flips };
      } finally {
        this.collectors.pop();
      }
      this.memo.set(name, entry);
    }
    const parent = this.collectors[this.collectors.length - 1];
    if (parent) parent.push(...entry.flips);
    return entry.value;
  }

  /** Runs `work` and returns, besides its result, every flip of the facts it read. */
  collect<T>(work: () => T): { value: T; flips: Date[] } {
    const flips: Date[] = [];
    this.collectors.push(flips);
    try {
      return { value: work(), flips };
    } finally {
      this.collectors.pop();
    }
  }

  private flipAt(at: Date | undefined): void {
    if (!at || at <= this.now) return;
    this.flips.push(at);
    this.collectors[this.collectors.length - 1]?.push(at);
  }

  private get params() {
    return this.policy.doc.params;
  }

  private before(iso: string | undefined): boolean {
    return iso !== undefined && new Date(iso) <= this.now;
  }

  private latest?: { record: ConsentRecord | undefined };

  /** The latest consent record for this channel and purpose that is not in the future (found once per decision). */
  private latestConsent(): ConsentRecord | undefined {
    this.latest ??= { record: this.findLatestConsent() };
    return this.latest.record;
  }

  private findLatestConsent(): ConsentRecord | undefined {
    let latest: ConsentRecord | undefined;
    for (const record of this.subject.consents) {
      if (record.channel !== this.request.channel || record.purpose !== this.purpose) continue;
      const at = new Date(record.at);
      if (at > this.now) {
        this.flipAt(at);
        continue;
      }
      if (!latest || at >= new Date(latest.at)) latest = record;
    }
    return latest;
  }

  private grant(): ConsentRecord | undefined {
    const latest = this.latestConsent();
    return latest?.action === 'grant' ? latest : undefined;
  }

  private hasProof(record: ConsentRecord): boolean {
    return Boolean(record.proof.method && (record.proof.evidence || record.proof.wording));
  }

  private methodAccepted(record: ConsentRecord): boolean {
    return this.params.accepted_consent_methods.includes(record.proof.method ?? '');
  }

  /**
   * Collected by someone else: a partner or list seller is named on the record, or the consent predates our own
   * collection of a bought or partner list (a consent given before we held the data was not given to us).
   */
  private thirdParty(record: ConsentRecord): boolean {
    const by = record.proof.collectedBy?.trim().toLowerCase();
    if (by) return !['us', 'self', 'nous', 'first-party'].includes(by);
    const provenance = this.subject.contact?.provenance;
    if (!provenance || !['partner', 'purchase'].includes(provenance.source)) return false;
    return new Date(record.at) <= new Date(provenance.collectedAt);
  }

  /** A grant that counts as consent: proven, an accepted method, unexpired, and specific to us (C1-C3). */
  private grantValid(record: ConsentRecord): boolean {
    if (record.action !== 'grant' || !this.hasProof(record) || !this.methodAccepted(record)) return false;
    if (record.until && new Date(record.until) <= this.now) return false;
    return !(this.thirdParty(record) && record.proof.namesUs === false);
  }

  private product() {
    return this.request.product ? this.policy.doc.products[this.request.product] : undefined;
  }

  private callee() {
    return calleeOf(this.subject.target, this.subject.contact);
  }

  private callZone(): string {
    const { country } = this.callee();
    if (!country) return this.zone;
    return (
      this.params.call_time_zones[country] ??
      (country === 'FR' ? this.zone : countryZone(country)) ??
      this.zone
    );
  }

  /** The functions of the policy the contact's job title maps to (synonyms, accents and case ignored). */
  private functions(): string[] {
    const title = this.subject.contact?.jobFunction;
    return title ? this.policy.functionsOf(normaliseWords(title)) : [];
  }

  /** Objections in force for this channel: [global, channel] lists of their dates. */
  private objections(): { global: Date[]; channel: Date[] } {
    const global: Date[] = [];
    const channel: Date[] = [];
    const add = (scope: string, iso: string) => {
      const at = new Date(iso);
      if (at > this.now) return this.flipAt(at);
      if (scope === 'all') global.push(at);
      else if (objectionCovers(scope as Channel, this.request.channel)) channel.push(at);
    };
    for (const o of this.subject.objections) add(o.scope, o.at);
    // A refusal during a call objects to telephone canvassing of that line (L.221-16, GDPR art. 21), whoever
    // the callee is; the store also keeps it in the suppression list.
    for (const i of this.subject.interactions) if (i.type === 'call-refusal') add('phone', i.at);
    // Withdrawing a consent refuses that means (the service also records it in the suppression list).
    for (const c of this.subject.consents)
      if (c.action === 'withdraw' && c.channel === this.request.channel && c.purpose === this.purpose)
        add(c.channel, c.at);
    return { global, channel };
  }

  /** The latest valid consent on this channel and purpose, for lifting an earlier objection. */
  private latestValidGrant(): Date | undefined {
    let latest: Date | undefined;
    for (const record of this.subject.consents) {
      if (record.channel !== this.request.channel || record.purpose !== this.purpose) continue;
      const at = new Date(record.at);
      if (at > this.now || !this.grantValid(record)) continue;
      if (record.until) this.flipAt(new Date(record.until));
      if (!latest || at > latest) latest = at;
    }
    return latest;
  }

  private compute(name: FactName): unknown {
    const contact = this.subject.contact;
    const provenance = contact?.provenance;
    switch (name) {
      case 'channel':
        return this.request.channel;
      case 'audience':
        return this.audience;
      case 'contact_known':
        return contact !== undefined;
      case 'address_generic':
        return this.addressKind === 'pro-generic';
      case 'address_nominative':
        return this.addressKind === 'pro-nominative';
      case 'collected_directly':
        return provenance?.collection === 'direct';
      case 'collected_indirectly':
        return provenance?.collection === 'indirect';
      case 'informed':
        this.flipAt(provenance?.informedAt ? new Date(provenance.informedAt) : undefined);
        return this.before(provenance?.informedAt);
      case 'informed_at_collection': {
        if (!provenance?.informedAt || !this.get('informed')) return false;
        const day = (iso: string) => DateTime.fromISO(iso, { zone: zoneFor(this.zone) }).toISODate();
        return day(provenance.informedAt) === day(provenance.collectedAt);
      }
      case 'notice_overdue': {
        if (provenance?.collection !== 'indirect' || this.get('informed')) return false;
        // A period in months ends when the same-numbered day ends (Reg. 1182/71 art. 3).
        const deadline = periodEnd(
          new Date(provenance.collectedAt),
          this.params.information_deadline,
          this.zone,
        );
        this.flipAt(deadline);
        return this.now >= deadline;
      }
      case 'notice_due_with_first_message':
        return (
          this.get('collected_indirectly') === true && !this.get('informed') && !this.get('notice_overdue')
        );
      case 'source_type':
        return provenance?.source ?? 'unknown';
      case 'source_forbidden': {
        if (!provenance?.detail) return false;
        const rules = this.params.forbidden_sources;
        if (rules.except_source_types.includes(provenance.source)) return false;
        const detail = compact(provenance.detail);
        return rules.match.some((pattern) => {
          const wanted = compact(pattern);
          return wanted !== '' && detail.includes(wanted);
        });
      }
      case 'source_scraped':
        return provenance !== undefined && this.params.scraped_sources.includes(provenance.source);
      case 'consent_withdrawn':
        return this.latestConsent()?.action === 'withdraw';
      case 'consent_expired': {
        const grant = this.grant();
        this.flipAt(grant?.until ? new Date(grant.until) : undefined);
        return Boolean(grant?.until && new Date(grant.until) <= this.now);
      }
      case 'consent_without_proof': {
        const grant = this.grant();
        return grant !== undefined && !this.hasProof(grant);
      }
      case 'consent_method_invalid': {
        const grant = this.grant();
        return grant?.proof.method !== undefined && !this.methodAccepted(grant);
      }
      case 'consent_valid': {
        const grant = this.grant();
        if (!grant || this.get('consent_expired')) return false;
        return this.grantValid(grant);
      }
      case 'consent_third_party': {
        const grant = this.grant();
        return grant !== undefined && this.thirdParty(grant);
      }
      case 'consent_names_us':
        return this.grant()?.proof.namesUs === true;
      case 'consent_names_us_vaguely': {
        const grant = this.grant();
        return grant !== undefined && this.thirdParty(grant) && grant.proof.namesUs === false;
      }
      case 'consent_evidence':
        return Boolean(this.grant()?.proof.evidence);
      case 'consent_too_old': {
        const grant = this.grant();
        if (!grant || !this.get('consent_valid')) return false;
        // The same instant as the retention reminders' phone-consent deadline (retention/deadlines.ts).
        const limit = addDuration(new Date(grant.at), this.params.phone_consent_max_age, this.zone);
        this.flipAt(limit);
        return this.now >= limit;
      }
      case 'call_slot_agreed':
        return this.subject.consents.some((record) => {
          if (record.channel !== this.request.channel || !record.slot || !this.grantValid(record))
            return false;
          if (new Date(record.at) > this.now) return false;
          const start = new Date(record.slot.start);
          const end = new Date(record.slot.end);
          this.flipAt(start);
          this.flipAt(end);
          return start <= this.now && this.now < end;
        });
      case 'customer':
        this.flipAt(contact?.customer ? new Date(contact.customer.since) : undefined);
        return isCustomer(contact?.customer, this.now);
      case 'account_without_purchase':
        return contact?.customer?.kind === 'account' && this.before(contact.customer.since);
      case 'contract_in_progress': {
        const customer = contact?.customer;
        if (!customer || !this.get('customer') || !isContract(customer)) return false;
        this.flipAt(customer.until ? new Date(customer.until) : undefined);
        return !this.before(customer.until);
      }
      case 'collected_at_sale': {
        const customer = contact?.customer;
        if (!provenance || provenance.collection !== 'direct' || !customer) return false;
        if (provenance.source === 'sale') return true;
        const day = (iso: string) => DateTime.fromISO(iso, { zone: zoneFor(this.zone) }).toISODate();
        const collected = day(provenance.collectedAt);
        return [customer.since, customer.lastPurchaseAt].some(
          (sale) => sale !== undefined && day(sale) === collected,
        );
      }
      case 'product_given':
        return this.request.product !== undefined;
      case 'product_similar_to_purchases': {
        const wanted = this.request.product;
        if (!wanted || !contact?.customer || contact.customer.kind === 'account') return false;
        if (!this.get('customer')) return false;
        const products = this.policy.doc.products;
        return (contact?.customer?.products ?? []).some(
          (bought) =>
            bought === wanted ||
            (products[bought]?.similar ?? []).includes(wanted) ||
            (products[wanted]?.similar ?? []).includes(bought),
        );
      }
      case 'function_known':
        return Boolean(contact?.jobFunction?.trim());
      case 'function_mapped':
        return this.functions().length > 0;
      case 'relevant_to_function': {
        const wanted = this.product()?.functions ?? [];
        return this.functions().some((fn) => wanted.includes(fn));
      }
      case 'product_sectors':
        return this.product()?.sectors ?? [];
      case 'purpose_commercial':
        // What is offered decides, not the label: a message about a product promotes it (A4).
        return (
          this.request.product !== undefined ||
          !this.params.non_commercial_purposes.includes(this.request.purpose)
        );
      case 'inside_call_window': {
        const status = callWindowStatus(this.now, this.callZone(), this.policy.callWindow);
        this.flipAt(status.changesAt);
        if (!status.inside) this.nextCallWindow = status.nextOpening;
        return status.inside;
      }
      case 'local_public_holiday': {
        const { country, region } = this.callee();
        const local = DateTime.fromJSDate(this.now, { zone: zoneFor(this.callZone()) });
        this.flipAt(local.startOf('day').plus({ days: 1 }).toJSDate());
        const home = this.policy.callWindow.holidays;
        if (region && LOCAL_REGIONS.has(region)) return isLocalOnlyHoliday(local, home, region);
        if (country && country !== home) return false;
        // A French mobile says nothing of the département: the callee may live in Alsace-Moselle.
        return (
          regionUnknown(this.subject.target, this.callee()) &&
          ['57', '67', '68'].some((dept) => isLocalOnlyHoliday(local, home, dept))
        );
      }
      case 'target_abroad': {
        const { country } = this.callee();
        return country !== undefined && !this.params.home_regions.includes(country);
      }
      case 'call_attempts_in_window': {
        const window = this.params.call_attempts_window;
        const since = rollingWindowStart(this.now, window, this.zone);
        let count = 0;
        for (const i of this.subject.interactions) {
          if (!COUNTED_ATTEMPTS.has(i.type)) continue;
          const at = new Date(i.at);
          if (at > this.now) continue;
          if (at >= since) {
            count++;
            this.flipAt(rollingWindowExit(at, window, this.zone));
          }
        }
        return count;
      }
      case 'call_refused':
        return this.subject.interactions.some((i) => i.type === 'call-refusal' && this.before(i.at));
      case 'refused_within_pause':
        // "Soixante jours calendaires révolus à compter de ce refus" (D.223-9, 2022 wording).
        return this.subject.interactions.some((i) => {
          if (i.type !== 'call-refusal' || !this.before(i.at)) return false;
          const end = periodEnd(new Date(i.at), this.params.refusal_pause, this.zone);
          this.flipAt(end);
          return this.now < end;
        });
      case 'callback_requested': {
        const days = this.params.callback_working_days;
        return this.subject.interactions.some((i) => {
          if (i.type !== 'callback-request' || !this.before(i.at)) return false;
          const end = workingDaysEnd(new Date(i.at), days, this.callZone(), this.policy.callWindow.holidays);
          this.flipAt(end);
          return this.now < end;
        });
      }
      case 'objection': {
        const { global, channel } = this.objections();
        const consent = this.latestValidGrant();
        // A later, specific, proven consent on this channel lifts an unsubscribe from it; a global objection
        // (art. 21) is lifted only by a human's review (objection_followed_by_consent).
        const lifted = (at: Date) => consent !== undefined && consent > at;
        return global.some((at) => !lifted(at)) || channel.some((at) => !lifted(at));
      }
      case 'objection_followed_by_consent': {
        const { global } = this.objections();
        const consent = this.latestValidGrant();
        return global.length > 0 && consent !== undefined && global.every((at) => consent > at);
      }
      case 'retention_passed': {
        if (!contact) return false;
        const deadline = retentionDeadline(
          contact,
          this.subject.interactions,
          { prospect: this.params.retention_prospect, customer: this.params.retention_customer },
          this.zone,
          this.now,
        );
        this.flipAt(deadline);
        return deadline !== undefined && this.now >= deadline;
      }
    }
  }
}
