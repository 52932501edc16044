import { createHash } from 'node:crypto';
import type { Contact } from '../domain/contacts.ts';
import { identifiersOf, maskIdentifier } from '../domain/identifiers.ts';
import type { Deadline } from './deadlines.ts';

/**
 * Who a line is about, for people: the name when known and every identifier, masked (a channel, a salesperson)
 * or in full (compliance, the command line's operator), so two people with look-alike numbers are told apart.
 */
export function personLabel(contact: Contact, full = false): string {
  const ids = identifiersOf(contact).map((id) => (full ? id.value : maskIdentifier(id)));
  const name = contact.name?.trim();
  if (name) return ids.length ? `${name} (${ids.join(', ')})` : name;
  return ids.join(', ') || contact.id;
}

/** A deadline as a line people can read without the address: the masked person. */
export function deadlineLabel(d: Deadline, full = false): string {
  return personLabel(d.contact, full);
}

export interface PurgePlan {
  contactIds: string[];
  consentIds: string[];
  rules: string[];
}

/** What the overdue lines of a scan remove: whole contacts for the data periods, consent records for proofs. */
export function purgePlan(overdue: Deadline[]): PurgePlan {
  const contactIds = new Set<string>();
  const consentIds = new Set<string>();
  const rules = new Set<string>();
  for (const d of overdue) {
    if (d.kind === 'prospect' || d.kind === 'customer') contactIds.add(d.contact.id);
    else if (d.kind === 'consent-proof' && d.consentId) consentIds.add(d.consentId);
    else continue;
    rules.add(d.rule);
  }
  for (const d of overdue) if (d.consentId && contactIds.has(d.contact.id)) consentIds.delete(d.consentId);
  return { contactIds: [...contactIds], consentIds: [...consentIds], rules: [...rules] };
}

/** How many of each a purge list deletes: the two numbers every shell says, in the same words. */
export function purgeCounts(overdue: Deadline[]): { contacts: number; proofs: number } {
  const plan = purgePlan(overdue);
  return { contacts: plan.contactIds.length, proofs: plan.consentIds.length };
}

/** What one overdue line deletes: a whole contact, or one consent proof. */
export const purgeKey = (d: Deadline) =>
  d.kind === 'consent-proof' ? `proof:${d.consentId ?? ''}` : `contact:${d.contact.id}`;

/**
 * A short digest of a purge list: a confirmation given for one list (a Slack button pressed, a modal submitted)
 * is only good for that very list; any other means the list changed since it was shown.
 */
export function purgeFingerprint(overdue: Deadline[]): string {
  const keys = [...new Set(overdue.map(purgeKey))].sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 16);
}
