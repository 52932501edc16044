import { foreignKeysOf } from './foreignHashes.ts';
import {
  type ContactIdentifiers,
  type Identifier,
  identifiersOf,
  withFormerSpelling,
} from './identifiers.ts';
import { normaliseWords } from './words.ts';

export const CHANNELS = ['email', 'sms', 'messaging', 'automated-call', 'phone', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

export const AUDIENCES = ['b2b', 'b2c'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const SOURCE_TYPES = [
  'unknown',
  'form',
  'sale',
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

/**
 * Sources where the person gave us their details themself (GDPR art. 13); the rest are art. 14 collection.
 * `sale` is an address the customer gave us at a sale or service (the soft opt-in's condition, L.34-5 al. 4);
 * `purchase` is a bought list.
 */
const DIRECT_SOURCES: ReadonlySet<SourceType> = new Set(['form', 'sale', 'event', 'manual']);

export function defaultCollection(source: SourceType): 'direct' | 'indirect' {
  return DIRECT_SOURCES.has(source) ? 'direct' : 'indirect';
}

export const ADDRESS_KINDS = ['personal', 'pro-nominative', 'pro-generic'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export interface Provenance {
  source: SourceType;
  detail?: string;
  collection: 'direct' | 'indirect';
  collectedAt: string; // ISO instant
  informedAt?: string; // when the information notice (art. 13/14, with the right to object) was given
  /** Who recorded it (cli:USER, slack:U…, import). */
  recordedBy?: string;
}

/**
 * How a person is a customer. `purchase`: one-off purchases, over once paid (the retention clock runs from the
 * last one); `contract`: a contract in progress until `until` (L.223-1's "contrat en cours"); `account`: a free
 * account with no purchase (not a sale for the CNIL, possibly one for CJEU C-654/23).
 */
export const RELATIONSHIP_KINDS = ['purchase', 'contract', 'account'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export interface CustomerRelationship {
  since: string;
  /** The end of the contract or of the relationship. */
  until?: string;
  /** `purchase` when absent, unless `until` lies ahead (only a contract has a future end). */
  kind?: RelationshipKind;
  /** The latest purchase, for one-off purchases after the first (`since`). */
  lastPurchaseAt?: string;
  products: string[];
}

export interface Contact extends ContactIdentifiers {
  id: string;
  /**
   * Keyed hashes of the addresses and numbers the person no longer uses (replaced, or those of a merged record):
   * what was recorded against them (an objection, a call refusal) still binds the person (GDPR art. 21(3)).
   * Only hashes: nothing here can be used to reach the old line.
   */
  formerHashes?: string[];
  name?: string;
  company?: string;
  jobFunction?: string;
  /** Only when given explicitly; otherwise derived from the address under the current policy. */
  audience?: Audience;
  /**
   * Only when given explicitly: a role address of a one-person business is nominative, a professional's
   * personal mobile is personal. Otherwise derived from the address (A2).
   */
  addressKind?: AddressKind;
  /** The French département of the person (57, 67, 68 have local public holidays), when known. */
  department?: string;
  /** The first collection: it starts the retention clock and decides direct or indirect collection. */
  provenance?: Provenance;
  /** Every later source of the same person (re-imports, other forms), oldest first: history, never rewritten. */
  sources?: Provenance[];
  customer?: CustomerRelationship;
  owner?: string;
  createdAt: string;
  updatedAt: string;
}

export const CONSENT_PURPOSE_DEFAULT = 'prospecting';

/** The words people use for the default purpose, in either language ("prospection" is how the tool says it). */
const DEFAULT_PURPOSE_WORDS = new Set(['prospecting', 'prospection', 'marketing', 'demarchage', 'prospect']);

/**
 * A purpose as typed, the way it is kept: lower case, and the default purpose whatever word names it, so a
 * withdrawal typed "prospection" ends the prospecting consent the tool showed under that word.
 */
export function purposeOf(typed: string | undefined): string {
  const word = (typed ?? '').trim().toLowerCase();
  if (word === '') return CONSENT_PURPOSE_DEFAULT;
  return DEFAULT_PURPOSE_WORDS.has(normaliseWords(word)) ? CONSENT_PURPOSE_DEFAULT : word;
}

export interface ConsentProof {
  method?: string;
  wording?: string;
  capturedWhere?: string;
  evidence?: string;
  recordedBy?: string;
  /** A third party (partner, lead-generation site, list seller) that collected the consent, if not us. */
  collectedBy?: string;
  /** Whether the consent named us (or our category) when it was given: C3, "consent cannot be transmitted". */
  namesUs?: boolean;
}

export interface ConsentRecord {
  id: string;
  contactId: string;
  channel: Channel;
  purpose: string;
  action: 'grant' | 'withdraw';
  at: string;
  until?: string;
  /** A consent to be called at a precise date and time (D.223-9 out-of-hours exception): the slot, ISO. */
  slot?: { start: string; end: string };
  proof: ConsentProof;
  recordedAt: string;
}

/** Prospect-initiated events restart the retention clock (CNIL); an email open does not. */
export const PROSPECT_INITIATED = [
  'click',
  'reply',
  'form',
  'inbound-call',
  'meeting',
  'callback-request',
] as const;
/** Calls and attempts to canvass by telephone, human or automated: D.223-9 counts them together. */
export const CALL_ATTEMPTS = ['call-attempt', 'automated-call-attempt'] as const;
export const OUTBOUND_EVENTS = ['open', ...CALL_ATTEMPTS, 'call-refusal'] as const;
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

/**
 * An objection as the engine sees it; the store keeps only a keyed hash of the identifier. `kind: 'withdrawal'`
 * is a consent withdrawn (GDPR art. 7(3)), remembered beside the objections so it outlives the contact: it ends
 * the consents of its `purpose` on its channel, and objects to nothing else (domain/withdrawals.ts).
 */
export interface Objection {
  scope: SuppressionScope;
  at: string;
  kind?: 'withdrawal';
  /** The purpose withdrawn. Absent on a withdrawal read from an entry of an earlier version (`readWithdrawals`). */
  purpose?: string;
}

/** The channels an objection of this scope stops: "ne m'appelez plus" covers human and automated calls alike. */
export function objectionCovers(scope: SuppressionScope, channel: Channel): boolean {
  return scope === 'all' || scope === channel || (scope === 'phone' && channel === 'automated-call');
}

export interface Suppression extends Objection {
  hash: string;
  /** `at` is when the person first objected ("since"); each later objection of the same scope is in `renewed`. */
  renewed?: string[];
  /** Written by earlier versions, where `at` was the latest objection and this the first. */
  firstAt?: string;
  origin: string; // cli, slack, import, call-refusal…
  reason?: string;
}

/** Every date the person objected with this scope, oldest first (the first is the objection's "since"). */
export function objectionDates(s: Pick<Suppression, 'at' | 'renewed' | 'firstAt'>): string[] {
  const dates = new Set([...(s.firstAt ? [s.firstAt] : []), s.at, ...(s.renewed ?? [])]);
  return [...dates].sort();
}

/** What the engine sees of a suppression entry: one objection (or withdrawal) per date, each counts on its own. */
export function asObjections(s: Suppression): Objection[] {
  const kind = entryKind(s);
  return objectionDates(s).map((at) => ({ scope: s.scope, at, ...kind }));
}

/**
 * What an entry records: an objection (nothing), a withdrawal with its purpose, or, for an entry written before
 * withdrawals had a kind of their own (`reason: 'consent-withdrawal'`), a withdrawal whose purpose is read from
 * the person's consent records (domain/withdrawals.ts readWithdrawals).
 */
export function entryKind(s: Suppression): Pick<Objection, 'kind' | 'purpose'> {
  if (s.kind === 'withdrawal') return { kind: 'withdrawal', purpose: s.purpose ?? CONSENT_PURPOSE_DEFAULT };
  return s.reason === LEGACY_WITHDRAWAL_REASON ? { kind: 'withdrawal' } : {};
}

/** The reason earlier versions wrote on the objection they recorded for a consent withdrawn. */
export const LEGACY_WITHDRAWAL_REASON = 'consent-withdrawal';

/**
 * The key of a suppression entry: one per identifier hash and scope for objections, and one per hash, scope and
 * purpose for withdrawals, so a withdrawal is never merged with (nor renewed by) an objection of the same scope.
 */
export function suppressionKey(s: Pick<Suppression, 'hash' | 'scope' | 'kind' | 'purpose'>): string {
  return s.kind === 'withdrawal' ? `${s.hash}:${s.scope}:withdrawal:${s.purpose}` : `${s.hash}:${s.scope}`;
}

/**
 * A person's objections as she told them: one per scope, since its first date, with the later ones. Withdrawn
 * consents are not objections and are left out (domain/withdrawals.ts withdrawalsByPurpose lists them).
 */
export function objectionsByScope(
  objections: Objection[],
): Array<{ scope: SuppressionScope; since: string; again: string[] }> {
  const byScope = new Map<SuppressionScope, string[]>();
  for (const o of objections)
    if (o.kind !== 'withdrawal') byScope.set(o.scope, [...(byScope.get(o.scope) ?? []), o.at]);
  return [...byScope].map(([scope, dates]) => {
    const [since, ...again] = [...new Set(dates)].sort() as [string, ...string[]];
    return { scope, since, again };
  });
}

/** A person's objections told once each: one carried onto her other identifiers is the same objection. */
/** One objection or withdrawal as the person told it, whichever of her identifiers' entries carries it. */
export function objectionKey(o: Objection): string {
  return `${o.kind ?? 'objection'}:${o.purpose ?? ''}:${o.scope}@${o.at}`;
}

export function distinctObjections(suppressions: Suppression[]): Objection[] {
  const seen = new Map<string, Objection>();
  for (const o of suppressions.flatMap(asObjections)) seen.set(objectionKey(o), o);
  return [...seen.values()];
}

/**
 * The hashes that bind a person: the keyed hashes of her current identifiers and of those she no longer uses, and
 * the keys under which another tool's hashed suppression list may hold her current ones (foreignHashes.ts), unless
 * `foreign` is false (a register that holds none of them need not compute them).
 */
export function personHashes(
  target: Identifier | undefined,
  contact: Contact | undefined,
  hash: (id: Identifier) => string,
  foreign = true,
): string[] {
  const current = [...(target ? [target] : []), ...(contact ? identifiersOf(contact) : [])];
  // An overseas number under its former +33 spelling too: what was recorded against it still binds.
  const ids = current.flatMap(withFormerSpelling);
  const theirs = foreign ? current.flatMap(foreignKeysOf) : [];
  return [...new Set([...ids.map(hash), ...(contact?.formerHashes ?? []), ...theirs])];
}

/**
 * The same objection told again (a second opt-out, one carried from another identifier): the first date stays,
 * the others are added to its history; each date counts on its own, so a consent given between two objections
 * does not lift the later one. Undefined when `incoming` adds no date.
 */
export function renewObjection(existing: Suppression, incoming: Suppression): Suppression | undefined {
  const known = objectionDates(existing);
  const dates = [...new Set([...known, ...objectionDates(incoming)])].sort();
  if (dates.length === known.length) return undefined;
  const { firstAt: _legacy, renewed: _renewed, ...rest } = existing;
  const [first, ...later] = dates as [string, ...string[]];
  return { ...rest, at: first, ...(later.length > 0 ? { renewed: later } : {}) };
}

/** Everything the decision engine needs to know about one person, read from the store (or a test scenario). */
export interface SubjectFacts {
  target: Identifier;
  contact?: Contact;
  consents: ConsentRecord[];
  interactions: Interaction[];
  objections: Objection[];
}
