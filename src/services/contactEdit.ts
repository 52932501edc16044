import type { IdentifierEdits } from '../domain/contactIdentifiers.ts';
import { type JoinOutcome, keptRecord } from '../domain/contactJoin.ts';
import { editContact as applyEdit, type ContactChanges, collectionOf } from '../domain/contactMerge.ts';
import { type Contact, defaultCollection } from '../domain/contacts.ts';
import { type Field, InputError } from '../domain/errors.ts';
import {
  emailIdentifier,
  type Identifier,
  identifiersOf,
  phoneIdentifier,
  sameIdentifier,
} from '../domain/identifiers.ts';
import { localDay } from '../domain/time.ts';
import { type Actor, isCompliance } from '../policy/access.ts';
import type { SaveOutcome } from '../store/index.ts';
import { assertMayChange, auditChange, type ContactFields, contactInput, refuseChange } from './contacts.ts';
import type { AppContext } from './context.ts';
import { clean } from './parse.ts';
import { audited } from './permissions.ts';

/** An edit as typed: the contact's fields to change, and the addresses and numbers to add or replace. */
export interface ContactEdit extends ContactFields {
  addEmail?: string | string[];
  addPhone?: string | string[];
  /** The old value, then the new one. */
  replaceEmail?: string[];
  replacePhone?: string[];
  /** Which collection a provenance field edits: 1 (the default) the first, 2 the first later source… */
  sourceEntry?: string;
}

/**
 * An explicit edit of a known contact: only its owner or a compliance role may (a refusal is audited and changes
 * nothing), and it changes exactly the fields named, checked against what stays (a notice date still follows
 * its collection). The audit entry names the fields that changed.
 */
export async function editContact(ctx: AppContext, fields: ContactEdit, editor: Actor): Promise<SaveOutcome> {
  const now = ctx.clock();
  const { target, existing, extra } = await locate(ctx, fields).catch((error) =>
    refuseUnknown(ctx, editor, fields, error),
  );
  await assertMayChange(ctx, existing, editor, 'contact.edit', target);
  const changes = namedChanges(ctx, fields, existing, target, now);
  changes.identifiers = identifierEdits(ctx, fields, existing, extra);
  checkConsistent(ctx, applyEdit(existing, changes, now).contact, fields);
  const outcome = await ctx.store.editContact(existing.id, changes, now).catch(async (error: unknown) => {
    // An address or number someone else's contact holds: refused, and audited, since the refusal itself tells
    // the editor that the register holds it (a probe must leave a trace, as a hit does in a search).
    if (error instanceof InputError && error.problem === 'identifiers_of_two_contacts')
      await audited(ctx, editor, 'contact.edit', target, 'identifier held by another contact', 'refused');
    throw error;
  });
  if (outcome.changed.length > 0) await auditChange(ctx, editor.id, 'contact.edit', target, outcome);
  return outcome;
}

/**
 * An edit of someone the register does not hold: told as such to a compliance role (who may see the register);
 * to anyone else refused and audited like an edit of someone else's contact, so the form is no oracle of who is
 * held.
 */
async function refuseUnknown(
  ctx: AppContext,
  editor: Actor,
  fields: ContactEdit,
  error: unknown,
): Promise<never> {
  if (!(error instanceof InputError) || error.problem !== 'unknown_contact' || isCompliance(editor.roles))
    throw error;
  const target = (fields.email && { kind: 'email' as const, value: fields.email }) || {
    kind: 'phone' as const,
    value: String(fields.phone ?? ''),
  };
  return refuseChange(ctx, editor, 'contact.edit', target);
}

/**
 * Before the Edit form opens: the contact, if the actor may edit it (its owner or a compliance role); otherwise
 * refused and audited, whether or not she is held (a stranger learns nothing from the refusal).
 */
export async function contactToEdit(ctx: AppContext, actor: Actor, target: Identifier): Promise<Contact> {
  const contact = await ctx.store.findContact(target);
  if (!contact) return refuseChange(ctx, actor, 'contact.edit', target);
  await assertMayChange(ctx, contact, actor, 'contact.edit', target);
  return contact;
}

/**
 * The contact an edit is about: the one reached at its email or its phone. Given both, the one not held yet is
 * added to the contact the other reaches (her new mobile); two contacts are refused (merge them instead).
 */
async function locate(
  ctx: AppContext,
  fields: ContactEdit,
): Promise<{ target: Identifier; existing: Contact; extra?: Identifier }> {
  const email = clean(fields.email) ? emailIdentifier(fields.email as string) : undefined;
  const phone = clean(fields.phone) ? phoneIdentifier(fields.phone as string) : undefined;
  if (!email && !phone) throw new InputError('email_or_phone_required');
  const byEmail = email ? await ctx.store.findContact(email) : undefined;
  const byPhone = phone ? await ctx.store.findContact(phone) : undefined;
  if (byEmail && byPhone && byEmail.id !== byPhone.id) throw new InputError('identifiers_of_two_contacts');
  const existing = byEmail ?? byPhone;
  if (!existing) throw new InputError('unknown_contact', { field: email ? 'email' : 'phone' });
  const target = (byEmail ? email : phone) as Identifier;
  const other = byEmail ? phone : email;
  return { target, existing, extra: other && !(byEmail && byPhone) ? other : undefined };
}

/** Only what the user named: a field left out is not a change, and no default stands in for it. */
function namedChanges(
  ctx: AppContext,
  fields: ContactEdit,
  existing: Contact,
  target: Identifier,
  now: Date,
): ContactChanges {
  const named = Object.fromEntries(
    Object.entries(fields).filter(([, value]) => typeof value === 'string' && clean(value) !== undefined),
  ) as ContactFields;
  const input = contactInput(
    { ...named, email: undefined, phone: undefined, [target.kind]: target.value },
    ctx,
    now,
  );
  const pick = <T extends object>(value: T | undefined, keys: Array<[keyof ContactFields, keyof T]>) => {
    const picked: Partial<T> = {};
    for (const [field, key] of keys) if (named[field] !== undefined && value) picked[key] = value[key];
    return Object.keys(picked).length > 0 ? picked : undefined;
  };
  const changes: ContactChanges = {
    ...pick(input, [
      ['name', 'name'],
      ['company', 'company'],
      ['function', 'jobFunction'],
      ['audience', 'audience'],
      ['addressKind', 'addressKind'],
      ['department', 'department'],
      ['owner', 'owner'],
    ]),
    provenance: pick(input.provenance, [
      ['source', 'source'],
      ['source', 'detail'],
      ['collection', 'collection'],
      ['collectedAt', 'collectedAt'],
      ['informedAt', 'informedAt'],
    ]),
    customer: pick(input.customer, [
      ['customerSince', 'since'],
      ['customerUntil', 'until'],
      ['relationship', 'kind'],
      ['lastPurchaseAt', 'lastPurchaseAt'],
      ['products', 'products'],
    ]),
    provenanceEntry: sourceEntry(fields.sourceEntry),
  };
  followSource(changes, existing, named);
  return changes;
}

/**
 * A collection mode that was only the old source's default follows the new source (a form that was in truth a
 * bought list is indirect collection); one the user set stays, and so does one named now.
 */
function followSource(changes: ContactChanges, existing: Contact, named: ContactFields): void {
  const given = changes.provenance;
  const current = collectionOf(existing, changes.provenanceEntry ?? 0);
  if (!given?.source || named.collection !== undefined || !current) return;
  if (current.collection === defaultCollection(current.source))
    given.collection = defaultCollection(given.source);
}

function sourceEntry(value: string | undefined): number | undefined {
  const text = clean(value);
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,3}$/.test(text))
    throw new InputError('unknown_source_entry', { field: 'sourceEntry', value: text });
  return Number(text) - 1;
}

/** The addresses and numbers to add and replace, read as typed; the old ones' keyed hashes for the record. */
function identifierEdits(
  ctx: AppContext,
  fields: ContactEdit,
  existing: Contact,
  extra: Identifier | undefined,
): IdentifierEdits | undefined {
  const list = (value: string | string[] | undefined) => [value ?? []].flat().filter((v) => clean(v));
  const add = [
    ...list(fields.addEmail).map((v) => emailIdentifier(v)),
    ...list(fields.addPhone).map((v) => phoneIdentifier(v)),
  ];
  if (extra) {
    // `--email E --phone P` gives a contact the kind it lacks; one it has already is changed by --replace-….
    const main = extra.kind === 'email' ? existing.email : existing.phone;
    if (main && main !== extra.value)
      throw new InputError('identifier_held_use_replace', { field: extra.kind, value: extra.kind });
    add.push(extra);
  }
  const replace = [
    ...pair(fields.replaceEmail, 'replaceEmail', emailIdentifier),
    ...pair(fields.replacePhone, 'replacePhone', phoneIdentifier),
  ].map(([from, to]) => ({ from, to, fromHash: ctx.store.hash(from) }));
  if (replace.some(({ from, to }) => sameIdentifier(from, to))) throw new InputError('replace_needs_two');
  return add.length > 0 || replace.length > 0 ? { add, replace } : undefined;
}

function pair(
  values: string[] | undefined,
  field: Field,
  read: (value: string) => Identifier,
): Array<[Identifier, Identifier]> {
  if (values === undefined) return [];
  if (values.length !== 2) throw new InputError('replace_needs_two', { field });
  return [[read(values[0] as string), read(values[1] as string)]];
}

/**
 * What the edit leaves must still hold together: a notice on or after its collection, a customer's dates in
 * order. The problem names the field the user changed ("must come after" the other, or "before" it).
 */
function checkConsistent(ctx: AppContext, contact: Contact, fields: ContactEdit): void {
  const day = (iso: string) => localDay(new Date(iso), ctx.policy.timeZone);
  const order = (later: Field, earlier: Field) => {
    if (
      clean(fields[later as keyof ContactFields]) !== undefined ||
      clean(fields[earlier as keyof ContactFields]) === undefined
    )
      throw new InputError('date_before', { field: later, other: earlier });
    throw new InputError('date_after', { field: earlier, other: later });
  };
  for (const p of [contact.provenance, ...(contact.sources ?? [])])
    if (p?.informedAt && day(p.informedAt) < day(p.collectedAt)) order('informedAt', 'collectedAt');
  const c = contact.customer;
  // A customer relationship starts somewhere: the same rule as `contact add`.
  if (c && !c.since) throw new InputError('required', { field: 'customerSince' });
  // Only a contract ends ahead: a purchase is over once made, a free account has no end to plan.
  if (c?.until && c.kind && c.kind !== 'contract' && new Date(c.until) > ctx.clock())
    throw new InputError('future_date', { field: 'customerUntil' });
  if (c?.since && c.until && c.until < c.since) order('customerUntil', 'customerSince');
  if (c?.since && c.lastPurchaseAt && c.lastPurchaseAt < c.since) order('lastPurchaseAt', 'customerSince');
}

/**
 * Joins two records of one person (`contact merge A B`): the one collected first is kept, with every address,
 * number, source, consent and event of both; objections on any of them bind the person. The owner of both (or
 * a compliance role) may; the audit says who merged which records and what differed.
 */
export async function mergeContacts(
  ctx: AppContext,
  a: Identifier,
  b: Identifier,
  editor: Actor,
): Promise<JoinOutcome & { gone: Contact }> {
  const first = await ctx.store.findContact(a);
  const second = await ctx.store.findContact(b);
  if (!first || !second) throw new InputError('unknown_contact', { field: first ? b.kind : a.kind });
  if (first.id === second.id) throw new InputError('merge_same_contact');
  await assertMayChange(ctx, first, editor, 'contact.merge', a);
  await assertMayChange(ctx, second, editor, 'contact.merge', b);
  const [kept, gone] = keptRecord(first, second);
  const outcome = await ctx.store.mergeContacts(kept.id, gone.id, ctx.clock());
  const hashOf = (c: Contact) => ctx.store.hash(identifiersOf(c)[0] as Identifier);
  const differed = outcome.differed.length > 0 ? `; kept ${outcome.differed.join(',')}` : '';
  await ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor: editor.id,
    action: 'contact.merge',
    outcome: 'done',
    targetHash: hashOf(kept),
    detail: `merged ${hashOf(gone).slice(0, 12)}; fields ${outcome.changed.join(',') || '-'}${differed}`,
  });
  return { ...outcome, gone };
}
