import { identifiersOf, maskIdentifier } from '../domain/identifiers.ts';
import type { Deadline } from './deadlines.ts';

/** A deadline as a line people can read without the address: the owner, the masked person, what and when. */
export function deadlineLabel(d: Deadline): string {
  const id = identifiersOf(d.contact)[0];
  return id ? maskIdentifier(id) : d.contact.id;
}

export interface PurgePlan {
  contactIds: string[];
  consentIds: string[];
  rules: string[];
}

/** What the deadlines that have passed remove: whole contacts for the data periods, consent records for proofs. */
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
