import type { Identifier } from './identifiers.ts';

export const CHANNELS = ['email', 'sms', 'messaging', 'automated-call', 'phone', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

export const AUDIENCES = ['b2b', 'b2c'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const SOURCE_TYPES = [
  'form',
  'purchase',
  'event',
  'referral',
  'partner',
  'import',
  'enrichment',
  'scraping',
  'manual',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Sources where the person gave us their details themself (GDPR art. 13); the rest are art. 14 collection. */
const DIRECT_SOURCES: ReadonlySet<SourceType> = new Set(['form', 'event', 'manual']);

export function defaultCollection(source: SourceType): 'direct' | 'indirect' {
  return DIRECT_SOURCES.has(source) ? 'direct' : 'indirect';
}

export type AddressKind = 'personal' | 'pro-nominative' | 'pro-generic';

export interface Provenance {
  source: SourceType;
  detail?: string;
  collection: 'direct' | 'indirect';
  collectedAt: string; // ISO instant
  informedAt?: string; // when the information notice (art. 13/14, with the right to object) was given
}

export interface CustomerRelationship {
  since: string;
  until?: string;
  products: string[];
}

export interface Contact {
  id: string;
  email?: string;
  phone?: string;
  name?: string;
  company?: string;
  jobFunction?: string;
  /** Only when given explicitly; otherwise derived from the address under the current policy. */
  audience?: Audience;
  provenance?: Provenance;
  customer?: CustomerRelationship;
  owner?: string;
  createdAt: string;
  updatedAt: string;
}

export const CONSENT_PURPOSE_DEFAULT = 'prospecting';

export interface ConsentProof {
  method?: string;
  wording?: string;
  capturedWhere?: string;
  evidence?: string;
  recordedBy?: string;
}

export interface ConsentRecord {
  id: string;
  contactId: string;
  channel: Channel;
  purpose: string;
  action: 'grant' | 'withdraw';
  at: string;
  until?: string;
  proof: ConsentProof;
  recordedAt: string;
}

/** Prospect-initiated events restart the retention clock (CNIL); an email open does not. */
export const PROSPECT_INITIATED = ['click', 'reply', 'form', 'inbound-call', 'meeting'] as const;
export const OUTBOUND_EVENTS = ['open', 'call-attempt', 'call-refusal'] as const;
export const EVENT_TYPES = [...PROSPECT_INITIATED, ...OUTBOUND_EVENTS] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface Interaction {
  id: string;
  contactId: string;
  type: EventType;
  at: string;
  recordedAt: string;
}

export type SuppressionScope = Channel | 'all';

/** An objection as the engine sees it; the store keeps only a keyed hash of the identifier. */
export interface Objection {
  scope: SuppressionScope;
  at: string;
}

export interface Suppression extends Objection {
  hash: string;
  origin: string; // cli, slack, import, call-refusal…
  reason?: string;
}

/** Everything the decision engine needs to know about one person, read from the store (or a test scenario). */
export interface SubjectFacts {
  target: Identifier;
  contact?: Contact;
  consents: ConsentRecord[];
  interactions: Interaction[];
  objections: Objection[];
}
