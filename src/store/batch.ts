import { defined, fillContact } from '../domain/contactMerge.ts';
import type { Contact } from '../domain/contacts.ts';
import type { ContactInput } from './types.ts';

/**
 * Many inputs merged with the contacts already known (`existing` finds the one an input reaches, refusing two
 * identifiers of two contacts): a person repeated in the batch is one contact. Each pair (before, after) is
 * kept, for the objections the contacts carry. Every store saves a batch with this one function.
 */
export function mergeBatch(
  inputs: ContactInput[],
  now: Date,
  newId: () => string,
  existing: (input: ContactInput) => Contact | undefined,
): { contacts: Contact[]; pairs: Array<[Contact | undefined, Contact]>; created: number } {
  const contacts: Contact[] = [];
  const pairs: Array<[Contact | undefined, Contact]> = [];
  const pending = new Map<string, number>(); // identifiers seen in this batch → index in `contacts`
  let created = 0;
  for (const input of inputs) {
    const seen = pending.get(input.email ?? '') ?? pending.get(input.phone ?? '');
    const previous = existing(input);
    const { contact } = fillContact(previous, input, now, newId());
    pairs.push([previous, contact]);
    if (seen !== undefined) {
      const first = contacts[seen] as Contact;
      contacts[seen] = { ...first, ...defined(contact), id: first.id };
      continue;
    }
    if (!previous) created++;
    if (input.email) pending.set(input.email, contacts.length);
    if (input.phone) pending.set(input.phone, contacts.length);
    contacts.push(contact);
  }
  return { contacts, pairs, created };
}
