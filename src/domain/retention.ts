import { type Contact, type CustomerRelationship, type Interaction, PROSPECT_INITIATED } from './contacts.ts';
import { addDuration } from './time.ts';

export interface RetentionPeriods {
  prospect: string; // ISO duration, e.g. P3Y
  customer: string;
}

const RESTARTS_CLOCK: ReadonlySet<string> = new Set(PROSPECT_INITIATED);

/** A customer bought from us (a free account is not a sale: CNIL SAN-2021-008, Brico Privé). */
export function isCustomer(customer: CustomerRelationship | undefined, now: Date): boolean {
  return customer !== undefined && customer.kind !== 'account' && new Date(customer.since) <= now;
}

/** Only a contract runs on: one-off purchases are over once made. A relationship with a future end is a contract. */
export function isContract(customer: CustomerRelationship): boolean {
  return customer.kind === 'contract' || (customer.kind === undefined && customer.until !== undefined);
}

/**
 * When the customer relationship ended (or ends): a contract's end (none while it runs without one), else the
 * last purchase (H2: "3 years from the last purchase"), or the end the user recorded.
 */
export function relationshipEnd(customer: CustomerRelationship): Date | undefined {
  if (customer.until) return new Date(customer.until);
  if (isContract(customer)) return undefined;
  const last = customer.lastPurchaseAt ?? customer.since;
  return new Date(last > customer.since ? last : customer.since);
}

/**
 * When the contact's prospecting data must be gone (CNIL referential, délib. 2021-131):
 * - a customer: the relationship's end (a contract's end, the last purchase, or the customer's last own contact,
 *   whichever is latest) + the customer period; none while a contract runs;
 * - a prospect: the later of collection and the last contact the prospect initiated (click, reply, form,
 *   inbound call, meeting; an email open does not count) + the prospect period.
 * Without provenance we count from when we first recorded the person.
 */
export function retentionDeadline(
  contact: Contact,
  interactions: Interaction[],
  periods: RetentionPeriods,
  zone: string,
  now: Date,
): Date | undefined {
  const customer = contact.customer;
  if (customer && isCustomer(customer, now)) {
    const end = relationshipEnd(customer);
    if (!end || end > now) return undefined;
    // "…ou du dernier contact émanant du client" (CNIL référentiel): a customer's own later contact counts too.
    return addDuration(latestInitiated(interactions, end, now), periods.customer, zone);
  }
  const clockStart = latestInitiated(
    interactions,
    new Date(contact.provenance?.collectedAt ?? contact.createdAt),
    now,
  );
  return addDuration(clockStart, periods.prospect, zone);
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
