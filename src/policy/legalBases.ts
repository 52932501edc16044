import {
  type Audience,
  type Channel,
  CONSENT_PURPOSE_DEFAULT,
  type ConsentRecord,
  type SubjectFacts,
} from '../domain/contacts.ts';
import { type Identifier, identifiersOf, receivesTexts } from '../domain/identifiers.ts';
import { Facts } from './facts.ts';
import type { Policy } from './load.ts';

/**
 * On what ground we may approach the person on a channel, as the register and the policy say at `now` (GDPR
 * art. 13(1)(c), 14(1)(c), told in the access report): her consent (art. 6(1)(a)), our legitimate interest
 * (art. 6(1)(f)), the soft opt-in of a customer (CPCE L.34-5 al. 4, legitimate interest for similar products),
 * none without a consent she has not given, or none because she objected (art. 21) or withdrew her consent
 * (art. 7(3)).
 */
export type BasisKind =
  | 'consent'
  | 'legitimate_interest'
  | 'soft_opt_in'
  | 'consent_required'
  | 'objected'
  | 'withdrawn';

export interface ChannelBasis {
  channel: Channel;
  purpose: string;
  /** The identifier the channel reaches her at. */
  target: Identifier;
  audience: Audience;
  basis: BasisKind;
  /** The consent in force, when the basis is consent. */
  consent?: ConsentRecord;
}

/** The channels of an identifier: an address gets emails; a number calls, automated calls and, if it can, texts. */
function channelsOf(id: Identifier): Channel[] {
  if (id.kind === 'email') return ['email'];
  return receivesTexts(id.value) ? ['phone', 'sms', 'automated-call'] : ['phone', 'automated-call'];
}

/** The electronic messages the soft opt-in covers (L.34-5 al. 4: "courrier électronique", SMS included). */
const SOFT_OPT_IN: ReadonlySet<Channel> = new Set(['email', 'sms', 'messaging']);

function basisOn(
  subject: SubjectFacts,
  target: Identifier,
  channel: Channel,
  purpose: string,
  policy: Policy,
  now: Date,
): ChannelBasis {
  const facts = new Facts({ channel, purpose }, { ...subject, target }, policy, now);
  const audience = facts.audience;
  const base = { channel, purpose, target, audience };
  if (facts.get('objection')) return { ...base, basis: 'objected' };
  if (facts.get('consent_withdrawal_refuses')) return { ...base, basis: 'withdrawn' };
  if (facts.get('consent_valid'))
    return { ...base, basis: 'consent', consent: grantOf(subject, channel, purpose, now) };
  // Another purpose (a newsletter) is only ever sent on the consent recorded for it.
  if (purpose !== CONSENT_PURPOSE_DEFAULT) return { ...base, basis: 'consent_required' };
  const needsConsent = policy.doc.controller?.consent_required[audience] ?? [];
  if (!needsConsent.includes(channel)) return { ...base, basis: 'legitimate_interest' };
  if (audience === 'b2c' && SOFT_OPT_IN.has(channel) && facts.get('customer'))
    return { ...base, basis: 'soft_opt_in' };
  return { ...base, basis: 'consent_required' };
}

/** The latest grant of this channel and purpose by `now`: the consent the basis rests on. */
function grantOf(subject: SubjectFacts, channel: Channel, purpose: string, now: Date) {
  return subject.consents
    .filter((c) => c.channel === channel && c.purpose === purpose && c.action === 'grant')
    .filter((c) => new Date(c.at) <= now)
    .sort((a, b) => b.at.localeCompare(a.at))[0];
}

/**
 * The basis of each channel her identifiers reach (the main address and number), for prospecting, and for every
 * other purpose she consented to on a channel (a newsletter).
 */
export function channelBases(subject: SubjectFacts, policy: Policy, now: Date): ChannelBasis[] {
  const ids = subject.contact ? identifiersOf(subject.contact) : [subject.target];
  const targets = new Map<Channel, Identifier>();
  for (const id of ids)
    for (const channel of channelsOf(id)) if (!targets.has(channel)) targets.set(channel, id);
  const asked = new Set<string>();
  const bases: ChannelBasis[] = [];
  // A messaging app reaches her by her address or her number (a consent or an objection of hers says it is used).
  const reach = (channel: Channel) => targets.get(channel) ?? (channel === 'messaging' ? ids[0] : undefined);
  const add = (channel: Channel, purpose: string) => {
    const target = reach(channel);
    if (!target || asked.has(`${channel}:${purpose}`)) return;
    asked.add(`${channel}:${purpose}`);
    bases.push(basisOn(subject, target, channel, purpose, policy, now));
  };
  for (const channel of targets.keys()) add(channel, CONSENT_PURPOSE_DEFAULT);
  for (const consent of subject.consents) add(consent.channel, consent.purpose);
  return bases;
}
