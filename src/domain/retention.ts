import { type Contact, type Interaction, PROSPECT_INITIATED } from './contacts.ts';
import { addDuration } from './time.ts';

export interface RetentionPeriods {
  prospect: string; // ISO duration, e.g. P3Y
  customer: string;
}

const RESTARTS_CLOCK: ReadonlySet<string> = new Set(PROSPECT_INITIATED);

/**
 * When the contact's prospecting data must be gone (CNIL referential, délib. 2021-131):
 * - a customer: the relationship's end + the customer period; none while the relationship goes on;
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
  if (customer && new Date(customer.since) <= now) {
    if (!customer.until || new Date(customer.until) > now) return undefined;
    return addDuration(new Date(customer.until), periods.customer, zone);
  }
  let clockStart = new Date(contact.provenance?.collectedAt ?? contact.createdAt);
  for (const interaction of interactions) {
    if (!RESTARTS_CLOCK.has(interaction.type)) continue;
    const at = new Date(interaction.at);
    if (at <= now && at > clockStart) clockStart = at;
  }
  return addDuration(clockStart, periods.prospect, zone);
}
