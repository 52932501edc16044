import { addressKindOf, audienceOf } from '../domain/audience.ts';
import { callWindowStatus } from '../domain/callWindow.ts';
import type { AddressKind, Audience, Channel, ConsentRecord, SubjectFacts } from '../domain/contacts.ts';
import { retentionDeadline } from '../domain/retention.ts';
import { addDuration, subtractDuration } from '../domain/time.ts';
import type { FactName } from './facts-catalogue.ts';
import type { Policy } from './load.ts';

export interface DecisionRequest {
  channel: Channel;
  purpose: string;
  product?: string;
}

/**
 * The facts of one decision, computed on demand and remembered. Each computation that depends on time notes
 * when its value would flip, so the decision can say the earliest time its answer could change.
 */
export class Facts {
  readonly audience: Audience;
  readonly addressKind: AddressKind;
  readonly flips: Date[] = [];
  nextCallWindow?: Date;
  private readonly memo = new Map<string, unknown>();
  private readonly zone: string;

  constructor(
    readonly request: DecisionRequest,
    readonly subject: SubjectFacts,
    readonly policy: Policy,
    readonly now: Date,
  ) {
    this.zone = policy.timeZone;
    this.audience = audienceOf(subject.target, subject.contact, policy.addressRules);
    this.addressKind = addressKindOf(subject.target, this.audience, policy.addressRules);
  }

  get(name: string): unknown {
    if (!this.memo.has(name)) this.memo.set(name, this.compute(name as FactName));
    return this.memo.get(name);
  }

  private flipAt(at: Date | undefined): void {
    if (at && at > this.now) this.flips.push(at);
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
      if (record.channel !== this.request.channel || record.purpose !== this.request.purpose) continue;
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

  private product() {
    return this.request.product ? this.policy.doc.products[this.request.product] : undefined;
  }

  private callZone(): string {
    const target = this.subject.target;
    const region = target.kind === 'phone' ? target.region : undefined;
    return (region && this.params.call_time_zones[region]) || this.zone;
  }

  private compute(name: FactName): unknown {
    const contact = this.subject.contact;
    const provenance = contact?.provenance;
    switch (name) {
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
      case 'notice_overdue': {
        if (provenance?.collection !== 'indirect' || this.get('informed')) return false;
        const deadline = addDuration(
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
        if (!provenance) return false;
        const type = provenance.source;
        const full = `${type}:${(provenance.detail ?? '').toLowerCase()}`;
        return this.params.forbidden_sources.some((entry) => entry === type || entry.toLowerCase() === full);
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
        return this.hasProof(grant) && this.methodAccepted(grant);
      }
      case 'consent_too_old': {
        const grant = this.grant();
        if (!grant || !this.get('consent_valid')) return false;
        const limit = addDuration(new Date(grant.at), this.params.phone_consent_max_age, this.zone);
        this.flipAt(limit);
        return this.now >= limit;
      }
      case 'customer':
        this.flipAt(contact?.customer ? new Date(contact.customer.since) : undefined);
        return this.before(contact?.customer?.since);
      case 'contract_in_progress': {
        const until = contact?.customer?.until;
        this.flipAt(until ? new Date(until) : undefined);
        return this.get('customer') === true && !this.before(until);
      }
      case 'product_given':
        return this.request.product !== undefined;
      case 'product_similar_to_purchases': {
        const wanted = this.request.product;
        if (!wanted || !this.get('customer')) return false;
        const products = this.policy.doc.products;
        return (contact?.customer?.products ?? []).some(
          (bought) =>
            bought === wanted ||
            (products[bought]?.similar ?? []).includes(wanted) ||
            (products[wanted]?.similar ?? []).includes(bought),
        );
      }
      case 'function_known':
        return Boolean(contact?.jobFunction);
      case 'relevant_to_function': {
        const fn = contact?.jobFunction?.toLowerCase();
        return fn !== undefined && (this.product()?.functions ?? []).some((f) => f.toLowerCase() === fn);
      }
      case 'product_sectors':
        return this.product()?.sectors ?? [];
      case 'purpose_commercial':
        return !this.params.non_commercial_purposes.includes(this.request.purpose);
      case 'inside_call_window': {
        const status = callWindowStatus(this.now, this.callZone(), this.policy.callWindow);
        this.flipAt(status.changesAt);
        if (!status.inside) this.nextCallWindow = status.nextOpening;
        return status.inside;
      }
      case 'call_attempts_in_window': {
        const since = subtractDuration(this.now, this.params.call_attempts_window, this.zone);
        const attempts = this.subject.interactions.filter(
          (i) => i.type === 'call-attempt' && new Date(i.at) > since && new Date(i.at) <= this.now,
        );
        const oldest = attempts.reduce<Date | undefined>((min, i) => {
          const at = new Date(i.at);
          return !min || at < min ? at : min;
        }, undefined);
        if (oldest) this.flipAt(addDuration(oldest, this.params.call_attempts_window, this.zone));
        return attempts.length;
      }
      case 'call_refused':
        return this.subject.interactions.some((i) => i.type === 'call-refusal' && this.before(i.at));
      case 'refused_within_pause':
        return this.subject.interactions.some((i) => {
          if (i.type !== 'call-refusal' || !this.before(i.at)) return false;
          const end = addDuration(new Date(i.at), this.params.refusal_pause, this.zone);
          this.flipAt(end);
          return this.now < end;
        });
      case 'objection':
        return this.subject.objections.some(
          (o) => (o.scope === 'all' || o.scope === this.request.channel) && this.before(o.at),
        );
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
