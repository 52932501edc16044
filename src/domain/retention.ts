import {
  type Contact,
  type CustomerRelationship,
  type Interaction,
  PROSPECT_INITIATED,
  type SourceType,
} from './contacts.ts';
import { addDuration } from './time.ts';

export interface RetentionPeriods {
  prospect: string; // ISO duration, e.g. P3Y
  customer: string;
}

const RESTARTS_CLOCK: ReadonlySet<string> = new Set(PROSPECT_INITIATED);

/**
 * Later sources that are the person's own act: she filled in a form, gave her card at an event, bought. Like a
 * prospect-initiated event, they restart the prospect clock (a later import, enrichment or typing by a
 * salesperson does not: nothing came from her).
 */
const OWN_ACT_SOURCES: ReadonlySet<SourceType> = new Set(['form', 'event', 'sale']);

/**
 * When the clock starts: the earliest time any source says we held her (a later import from the CRM that had
 * her since 2023 proves the collection was then, not at our first import: CNIL référentiel 2021-131, 3 years
 * from collection), moved on only by a later source that was her own act (dated by `now`).
 */
function lastCollection(contact: Contact, now: Date): Date {
  let first = new Date(contact.provenance?.collectedAt ?? contact.createdAt);
  for (const source of contact.sources ?? []) {
    const at = new Date(source.collectedAt);
    if (at < first) first = at;
  }
  let latest = first;
  for (const source of contact.sources ?? []) {
    const at = new Date(source.collectedAt);
    if (OWN_ACT_SOURCES.has(source.source) && at <= now && at > latest) latest = at;
  }
  return latest;
}

/** A customer bought from us (a free account is not a sale: CNIL SAN-2021-008, Brico Privé). */
export function isCustomer(customer: CustomerRelationship | undefined, now: Date): boolean {
  return customer !== undefined && customer.kind !== 'account' && new Date(customer.since) <= now;
}

/** Only a contract runs on: one-off purchases are over once made. A relationship with a future end is a contract. */
export function isContract(customer: CustomerRelationship): boolean {
  return customer.kind === 'contract' || (customer.kind === undefined && customer.until !== undefined);
}

/**
 * When the customer relationship ended (or ends): the latest of the contract's end, the first purchase and the
 * last purchase (H2: "3 years from the end of the commercial relationship", e.g. the last purchase or the end of
 * a contract). A purchase after an ended contract is a relationship that went on: it moves the end. None while a
 * contract runs without an end.
 */
export function relationshipEnd(customer: CustomerRelationship): Date | undefined {
  if (isContract(customer) && !customer.until) return undefined;
  const dates = [customer.since, customer.until, customer.lastPurchaseAt].filter(
    (iso): iso is string => iso !== undefined,
  );
  return new Date(Math.max(...dates.map((iso) => new Date(iso).getTime())));
}

/**
 * When the contact's prospecting data must be gone (CNIL, référentiel "gestion des activités commerciales",
 * délib. 2021-131, and its recommendation on prospecting data: 3 years from the end of the commercial
 * relationship for a customer, 3 years from collection or from the last contact coming from the prospect):
 * - a prospect: the later of collection (or a later form she filled in, an event where she gave her details)
 *   and the last contact the prospect initiated (click, reply, form, inbound call, meeting; an email open does
 *   not count) + the prospect period;
 * - a customer: the latest of the relationship's end (contract end, last purchase) and the customer's own last
 *   contact ("…ou du dernier contact émanant du client") + the customer period; none while a contract runs.
 *   A customer is also kept at least as long as their data would be as a prospect: becoming a customer, or any
 *   later fact, never brings the deadline nearer.
 * Without provenance we count from when we first recorded the person. Contacts dated after `now` do not count
 * yet; a relationship whose end lies ahead goes on.
 */
export function retentionDeadline(
  contact: Contact,
  interactions: Interaction[],
  periods: RetentionPeriods,
  zone: string,
  now: Date,
): Date | undefined {
  const collected = lastCollection(contact, now);
  const asProspect = addDuration(latestInitiated(interactions, collected, now), periods.prospect, zone);
  const customer = contact.customer;
  if (!customer || !isCustomer(customer, now)) return asProspect;
  const end = relationshipEnd(customer);
  if (!end || end > now) return undefined;
  const asCustomer = addDuration(latestInitiated(interactions, end, now), periods.customer, zone);
  return asCustomer > asProspect ? asCustomer : asProspect;
}

/** The later of `from` and the last contact the person initiated by `now` (an open does not count). */
function latestInitiated(interactions: Interaction[], from: Date, now: Date): Date {
  let latest = from;
  for (const interaction of interactions) {
    if (!RESTARTS_CLOCK.has(interaction.type)) continue;
    const at = new Date(interaction.at);
    if (at <= now && at > latest) latest = at;
  }
  return latest;
}
