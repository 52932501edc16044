import { type Channel, type ConsentRecord, objectionCovers } from '../../domain/contacts.ts';
import { addDuration } from '../../domain/time.ts';
import type { Facts, FactTable } from '../facts.ts';

/** The latest consent record for this channel and purpose that is not in the future (found once per decision). */
function latestConsent(f: Facts): ConsentRecord | undefined {
  return f.remember('latest-consent', () => {
    let latest: ConsentRecord | undefined;
    for (const record of f.subject.consents) {
      if (record.channel !== f.request.channel || record.purpose !== f.purpose) continue;
      const at = new Date(record.at);
      if (at > f.now) {
        f.flipAt(at);
        continue;
      }
      if (!latest || at >= new Date(latest.at)) latest = record;
    }
    return latest;
  });
}

function grant(f: Facts): ConsentRecord | undefined {
  const latest = latestConsent(f);
  return latest?.action === 'grant' ? latest : undefined;
}

function hasProof(record: ConsentRecord): boolean {
  return Boolean(record.proof.method && (record.proof.evidence || record.proof.wording));
}

function methodAccepted(f: Facts, record: ConsentRecord): boolean {
  return f.params.accepted_consent_methods.includes(record.proof.method ?? '');
}

/**
 * Collected by someone else: a partner or list seller is named on the record, or the consent predates our own
 * collection of details we got from someone else (a bought, rented, partner, enrichment or referral list, an
 * import): a consent given before we held the data was not given to us (CNIL, 28 Dec 2018; SAN-2023-015).
 */
function thirdParty(f: Facts, record: ConsentRecord): boolean {
  const by = record.proof.collectedBy?.trim().toLowerCase();
  if (by) return !['us', 'self', 'nous', 'first-party'].includes(by);
  const provenance = f.subject.contact?.provenance;
  if (!provenance || provenance.collection === 'direct') return false;
  return new Date(record.at) < new Date(provenance.collectedAt);
}

/** A grant that counts as consent: proven, an accepted method, unexpired, and specific to us (C1-C3). */
export function grantValid(f: Facts, record: ConsentRecord): boolean {
  if (record.action !== 'grant' || !hasProof(record) || !methodAccepted(f, record)) return false;
  if (record.until && new Date(record.until) <= f.now) return false;
  return !(thirdParty(f, record) && record.proof.namesUs === false);
}

/** Objections in force for this channel: the dates of global ones and of those of this means. */
function objections(f: Facts): { global: Date[]; channel: Date[] } {
  const global: Date[] = [];
  const channel: Date[] = [];
  const add = (scope: string, iso: string) => {
    const at = new Date(iso);
    if (at > f.now) return f.flipAt(at);
    if (scope === 'all') global.push(at);
    else if (objectionCovers(scope as Channel, f.request.channel)) channel.push(at);
  };
  for (const o of f.subject.objections) add(o.scope, o.at);
  // A refusal during a call objects to telephone canvassing of that line (L.221-16, GDPR art. 21), whoever
  // the callee is; the store also keeps it in the suppression list.
  for (const i of f.subject.interactions) if (i.type === 'call-refusal') add('phone', i.at);
  // Withdrawing a consent refuses that means, and what it covers: withdrawing telephone canvassing (L.223-1,
  // "révocable") stops automated calls to the line too (the service also records it in the suppression list).
  for (const c of f.subject.consents)
    if (c.action === 'withdraw' && objectionCovers(c.channel, f.request.channel) && c.purpose === f.purpose)
      add(c.channel, c.at);
  return { global, channel };
}

/** The latest valid consent on this channel and purpose, for lifting an earlier objection. */
function latestValidGrant(f: Facts): Date | undefined {
  let latest: Date | undefined;
  for (const record of f.subject.consents) {
    if (record.channel !== f.request.channel || record.purpose !== f.purpose) continue;
    const at = new Date(record.at);
    if (at > f.now || !grantValid(f, record)) continue;
    if (record.until) f.flipAt(new Date(record.until));
    if (!latest || at > latest) latest = at;
  }
  return latest;
}

/** Consents, their proof and who collected them (C1-C3), and objections (F1). */
export const consentFacts: FactTable = {
  consent_withdrawn: (f) => latestConsent(f)?.action === 'withdraw',
  consent_expired: (f) => {
    const g = grant(f);
    f.flipAt(g?.until ? new Date(g.until) : undefined);
    return Boolean(g?.until && new Date(g.until) <= f.now);
  },
  consent_without_proof: (f) => {
    const g = grant(f);
    return g !== undefined && !hasProof(g);
  },
  consent_method_invalid: (f) => {
    const g = grant(f);
    return g?.proof.method !== undefined && !methodAccepted(f, g);
  },
  consent_valid: (f) => {
    const g = grant(f);
    if (!g || f.get('consent_expired')) return false;
    return grantValid(f, g);
  },
  consent_third_party: (f) => {
    const g = grant(f);
    return g !== undefined && thirdParty(f, g);
  },
  consent_names_us: (f) => grant(f)?.proof.namesUs === true,
  consent_names_us_vaguely: (f) => {
    const g = grant(f);
    return g !== undefined && thirdParty(f, g) && g.proof.namesUs === false;
  },
  consent_evidence: (f) => Boolean(grant(f)?.proof.evidence),
  // A third party's consent that had already outlived the prospect retention period when we got the data: the
  // seller kept it past the CNIL's 3 years without contact, and the person may not remember giving it.
  consent_stale_at_transfer: (f) => {
    const g = grant(f);
    const collectedAt = f.subject.contact?.provenance?.collectedAt;
    if (!g || !collectedAt || !thirdParty(f, g)) return false;
    return addDuration(new Date(g.at), f.params.retention_prospect, f.zone) <= new Date(collectedAt);
  },
  consent_too_old: (f) => {
    const g = grant(f);
    if (!g || !f.get('consent_valid')) return false;
    // The same instant as the retention reminders' phone-consent deadline (retention/deadlines.ts).
    const limit = addDuration(new Date(g.at), f.params.phone_consent_max_age, f.zone);
    f.flipAt(limit);
    return f.now >= limit;
  },
  objection: (f) => {
    const { global, channel } = objections(f);
    const consent = latestValidGrant(f);
    // A later, specific, proven consent on this channel lifts an unsubscribe from it; a global objection
    // (art. 21) is lifted only by a human's review (objection_followed_by_consent).
    const lifted = (at: Date) => consent !== undefined && consent > at;
    return global.some((at) => !lifted(at)) || channel.some((at) => !lifted(at));
  },
  objection_followed_by_consent: (f) => {
    const { global } = objections(f);
    const consent = latestValidGrant(f);
    return global.length > 0 && consent !== undefined && global.every((at) => consent > at);
  },
};
