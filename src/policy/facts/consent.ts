import type { ConsentRecord } from '../../domain/contacts.ts';
import { addDuration, localDay } from '../../domain/time.ts';
import type { Facts, FactTable } from './scope.ts';

/** Who may be named as the collector of a consent that is ours. */
const FIRST_PARTY = ['us', 'self', 'nous', 'first-party'];

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
      // The referrer's word is not a consent at all: it is not even the latest one.
      if (record.action === 'grant' && referrersWord(f, record)) continue;
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

/** The methods that are the person's own act (their form, their double opt-in, their recorded voice…). */
function ownActMethod(f: Facts, record: ConsentRecord): boolean {
  const methods = f.params.own_act_consent_methods ?? f.params.accepted_consent_methods;
  return methods.includes(record.proof.method ?? '');
}

/**
 * Evidence that the person gave this consent themself: a method that is their own act, and the reference of
 * its evidence (the form's log, the confirmation of the double opt-in, the recording). GDPR art. 4(11) ("by a
 * statement or by a clear affirmative action" of the data subject) and 7(1) (the controller proves it).
 */
function ownAct(f: Facts, record: ConsentRecord): boolean {
  return ownActMethod(f, record) && Boolean(record.proof.evidence?.trim());
}

/** When we received details the person did not give us themself (an art. 14 collection), if so. */
function receivedFromOthers(f: Facts): Date | undefined {
  const provenance = f.subject.contact?.provenance;
  return provenance?.collection === 'indirect' ? new Date(provenance.collectedAt) : undefined;
}

/**
 * At best a third party's claim: for details we received from someone else, a consent dated on or before the
 * day we received them, without evidence of the person's own act. The day is the policy's calendar day: a
 * double opt-in the person confirms at 14:00, after a 10:00 import, with its evidence, is her own act.
 */
function claimOnly(f: Facts, record: ConsentRecord): boolean {
  const received = receivedFromOthers(f);
  if (!received || ownAct(f, record)) return false;
  return localDay(new Date(record.at), f.zone) <= localDay(received, f.zone);
}

/** Whether the record names who collected it: someone else (true), us (false), or nobody (undefined). */
function collectedByOther(record: ConsentRecord): boolean | undefined {
  const by = record.proof.collectedBy?.trim().toLowerCase();
  return by ? !FIRST_PARTY.includes(by) : undefined;
}

/**
 * Collected by someone else: a partner or list seller is named on the record; or the details came from someone
 * else (a bought, rented, partner, enrichment or referral list, an import) and the consent is dated before we
 * received them, or is only a claim (`claimOnly`). A consent given before we held the data was not given to us
 * (CNIL, 28 Dec 2018; SAN-2023-015). A record saying we collected it is taken at its word only with evidence
 * of the person's own act when it is dated on or before the day the details reached us.
 */
function thirdParty(f: Facts, record: ConsentRecord): boolean {
  const other = collectedByOther(record);
  const received = receivedFromOthers(f);
  // "Collected by us" before we held the details contradicts itself (we could not ask her yet): either the
  // provenance or the label is wrong, so it is read as what the dates say, someone else's (art. 7(1)).
  if (other === false && received && new Date(record.at) < received) return true;
  if (other !== undefined) return other || claimOnly(f, record);
  // On or before the instant we received them: the consent was given before we held the details, to someone
  // else (a date-only consent on the day of a timed import is that day's midnight, so before it too).
  return received !== undefined && (new Date(record.at) <= received || claimOnly(f, record));
}

/**
 * "My friend agrees": for details a referrer gave us (parrainage), a grant that is the referrer's word is never
 * the referee's consent: one collected by someone else (the referrer), one whose method is not the person's own
 * act (referral, parrainage, declared…), or one dated on or before the day we received the details without
 * evidence of the person's own act. Consent is given by the person concerned (GDPR art. 4(11)); nobody
 * consents for someone else. It does not count at all. A consent the person gave a third party herself, with
 * its evidence, is a third party's consent (consent-partner-transfer), not the referrer's word.
 */
function referrersWord(f: Facts, record: ConsentRecord): boolean {
  if (f.subject.contact?.provenance?.source !== 'referral') return false;
  // A consent dated the day the referrer handed us the details, not after that instant, was ticked on the
  // referrer's form ("my friend agrees"), whatever its method: the referee had not yet heard of us. One dated
  // earlier was given to someone else, and is judged as a third party's consent (consent-partner-transfer).
  const received = receivedFromOthers(f);
  const at = new Date(record.at);
  if (received && at <= received && localDay(at, f.zone) === localDay(received, f.zone)) return true;
  return !ownActMethod(f, record) || collectedByOther(record) === true || claimOnly(f, record);
}

/** A grant that counts as consent: proven, an accepted method, unexpired, and specific to us (C1-C3). */
export function grantValid(f: Facts, record: ConsentRecord): boolean {
  if (record.action !== 'grant' || !hasProof(record) || !methodAccepted(f, record)) return false;
  if (referrersWord(f, record)) return false;
  if (record.until && new Date(record.until) <= f.now) return false;
  return !(thirdParty(f, record) && record.proof.namesUs === false);
}

/** The latest valid consent on this channel and purpose, for lifting an earlier objection or withdrawal. */
export function latestValidGrant(f: Facts): Date | undefined {
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

/**
 * The referee's one message is spent: a referral whose information notice was given (it travels with that
 * message, art. 14(3)(b)), or with any event recorded since we received the details (an open, a reply, a call).
 */
function referralMessageSent(f: Facts): boolean {
  const provenance = f.subject.contact?.provenance;
  if (provenance?.source !== 'referral') return false;
  if (f.get('informed')) return true;
  const received = new Date(provenance.collectedAt);
  return f.subject.interactions.some((i) => {
    const at = new Date(i.at);
    if (at > f.now) f.flipAt(at);
    return at >= received && at <= f.now;
  });
}

/** Consents, their proof, who collected them and whose act they are (C1-C3). */
export const consentFacts = {
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
  consent_own_act: (f) => {
    const g = grant(f);
    return g !== undefined && ownAct(f, g);
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
  referral_message_sent: referralMessageSent,
} satisfies FactTable;
