import type { Contact } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type Identifier, parseTarget } from '../domain/identifiers.ts';
import { normaliseWords } from '../domain/words.ts';
import type { Actor } from '../policy/access.ts';
import type { AppContext } from './context.ts';
import { audited, requireRole } from './permissions.ts';

/** At most this many contacts per page of results: a search never sends the whole register to a browser. */
export const SEARCH_PAGE = 50;

export interface SearchResult {
  contacts: Contact[];
  /** Whether more contacts matched than the page holds. */
  more: boolean;
}

/** An address or a number is found by its keyed hash (the index); anything else is matched on the words. */
function asIdentifier(query: string): Identifier | undefined {
  if (!query.includes('@') && !/^[+\d][\d\s.()-]{5,}$/.test(query)) return undefined;
  try {
    return parseTarget(query);
  } catch {
    return undefined;
  }
}

function matchesWords(contact: Contact, words: string): boolean {
  return [contact.name, contact.company, contact.owner].some(
    (field) => field !== undefined && normaliseWords(field).includes(words),
  );
}

/**
 * The console's register search, for the roles that see contacts: by address or number (exact, through the
 * index), or by a part of a name, a company or an owner (the register read a page at a time). Audited without
 * the words searched, which may be a person's name.
 */
export async function searchContacts(
  ctx: AppContext,
  actor: Actor,
  query: string,
  page = 0,
): Promise<SearchResult> {
  await requireRole(ctx, actor, 'see_contacts', 'contact.search');
  const text = query.trim();
  if (text.length < 2) throw new InputError('missing_target', { field: 'query' });
  const identifier = asIdentifier(text);
  let found: Contact[];
  if (identifier) {
    const contact = await ctx.store.findContact(identifier);
    found = contact ? [contact] : [];
  } else {
    found = await byWords(ctx, normaliseWords(text), (page + 1) * SEARCH_PAGE + 1);
  }
  await audited(ctx, actor, 'contact.search', identifier, `${found.length} found`);
  const start = page * SEARCH_PAGE;
  return { contacts: found.slice(start, start + SEARCH_PAGE), more: found.length > start + SEARCH_PAGE };
}

async function byWords(ctx: AppContext, words: string, enough: number): Promise<Contact[]> {
  const found: Contact[] = [];
  for await (const records of ctx.store.contactPages(5_000)) {
    for (const record of records) if (matchesWords(record.contact, words)) found.push(record.contact);
    if (found.length >= enough) break;
  }
  return found;
}

/** A contact page, by the contact's id (never an address in a URL): the same sheet and audit as /prospect. */
export async function contactById(ctx: AppContext, actor: Actor, id: string): Promise<Contact> {
  await requireRole(ctx, actor, 'see_contacts', 'contact.view');
  const contact = await ctx.store.contactById(id);
  if (!contact) throw new InputError('unknown_contact', { field: 'contact' });
  return contact;
}
