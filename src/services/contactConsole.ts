import { createHash } from 'node:crypto';
import { joinContacts, keptRecord } from '../domain/contactJoin.ts';
import type { Contact } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import {
  emailIdentifier,
  type Identifier,
  identifiersOf,
  phoneIdentifier,
  sameIdentifier,
} from '../domain/identifiers.ts';
import { dayOfIso, localDay } from '../domain/time.ts';
import type { Actor } from '../policy/access.ts';
import type { SaveOutcome } from '../store/index.ts';
import { type ContactEdit, contactToEdit, editContact, mergeContacts } from './contactEdit.ts';
import { addContact, type ContactFields } from './contacts.ts';
import type { AppContext } from './context.ts';
import { audited, requireRole } from './permissions.ts';
import { contactById } from './registerSearch.ts';

/**
 * The console's forms about one contact (edit, add, merge), over the same services as the CLI and Slack. A form
 * shows the contact's values; what comes back is compared with those values, and only what differs is named to
 * `editContact`: a field the user did not touch is never written. The form carries the record's fingerprint: a
 * record changed since the form was opened is not overwritten.
 */

/** The Edit form's fields, in its order: the person's details, her first collection, her customer relationship. */
export const EDIT_FIELDS = [
  'name',
  'company',
  'function',
  'department',
  'owner',
  'audience',
  'addressKind',
  'email',
  'phone',
  'source',
  'sourceDetail',
  'collection',
  'collectedAt',
  'informedAt',
  'customerSince',
  'customerUntil',
  'relationship',
  'lastPurchaseAt',
  'products',
] as const;
export type EditField = (typeof EDIT_FIELDS)[number];
/** Fields that start empty and add to what the contact has. */
export const ADD_FIELDS = ['addEmail', 'addPhone'] as const;
export type FormField = EditField | (typeof ADD_FIELDS)[number];
export type FormValues = Partial<Record<FormField, string>>;

/** The fields a problem is shown at, `form` for one about the whole form. */
export type FieldProblems = Partial<Record<FormField | 'form', InputError | 'cleared'>>;

/** The record as it is now, in a few characters: a form opened on another version is stale. */
export function versionOf(contact: Contact): string {
  return createHash('sha256').update(JSON.stringify(contact)).digest('hex').slice(0, 20);
}

/** A contact as the Edit form shows it: each date as its day in the policy's time zone, "" when unknown. */
export function formValues(contact: Contact, zone: string): Record<EditField, string> {
  const day = (iso: string | undefined) => (iso ? dayOfIso(iso, zone) : '');
  const p = contact.provenance;
  const c = contact.customer;
  return {
    name: contact.name ?? '',
    company: contact.company ?? '',
    function: contact.jobFunction ?? '',
    department: contact.department ?? '',
    owner: contact.owner ?? '',
    audience: contact.audience ?? '',
    addressKind: contact.addressKind ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    source: p?.source ?? '',
    sourceDetail: p?.detail ?? '',
    collection: p?.collection ?? '',
    collectedAt: day(p?.collectedAt),
    informedAt: day(p?.informedAt),
    customerSince: day(c?.since),
    customerUntil: day(c?.until),
    relationship: c?.kind ?? '',
    lastPurchaseAt: day(c?.lastPurchaseAt),
    products: c?.products.join(', ') ?? '',
  };
}

/**
 * The contact an Edit form opens on: for those who may see the register and may edit her (her owner or a
 * compliance role); each refusal audited. The look is audited like a view of her page.
 */
export async function contactForEdit(ctx: AppContext, actor: Actor, id: string): Promise<Contact> {
  const contact = await contactById(ctx, actor, id);
  await contactToEdit(ctx, actor, firstIdentifier(contact));
  await audited(ctx, actor, 'contact.view', firstIdentifier(contact));
  return contact;
}

export type EditResult =
  | { done: SaveOutcome }
  | { stale: Contact }
  | { problems: FieldProblems; contact: Contact };

/**
 * An Edit form sent back: refused (and audited) unless the actor owns the contact or holds a compliance role;
 * stale if the record changed since the form showed it; otherwise exactly the fields that differ from what the
 * form showed, through `editContact`.
 */
export async function editFromPage(
  ctx: AppContext,
  actor: Actor,
  id: string,
  typed: FormValues,
  version: string,
): Promise<EditResult> {
  // As the form's own page asks: the register's role and the right to edit her, both checked and audited, so a
  // stale form (which shows the record again) reads nothing its sender could not open.
  const contact = await contactById(ctx, actor, id);
  await contactToEdit(ctx, actor, firstIdentifier(contact));
  if (versionOf(contact) !== version) {
    await audited(ctx, actor, 'contact.view', firstIdentifier(contact));
    return { stale: contact };
  }
  const { edit, cleared } = changedFields(ctx, contact, typed);
  if (cleared.length > 0)
    return { contact, problems: Object.fromEntries(cleared.map((field) => [field, 'cleared'])) };
  try {
    return { done: await editContact(ctx, edit, actor) };
  } catch (error) {
    if (!(error instanceof InputError) || error.problem === 'not_allowed') throw error;
    return { contact, problems: { [problemField(error, typed)]: error } };
  }
}

/** The contact's first address or number: how the services find her. */
export function firstIdentifier(contact: Contact): Identifier {
  return identifiersOf(contact)[0] as Identifier;
}

/**
 * What the form changed, as `editContact` reads it: a field is named only if its value differs from the one
 * shown. An address or number changed replaces the old one (kept as a former hash), or is added if she had none.
 * A field emptied is not a change the services make (nothing is cleared by an edit): it is told at the field.
 */
export function changedFields(
  ctx: AppContext,
  contact: Contact,
  typed: FormValues,
): { edit: ContactEdit; cleared: FormField[] } {
  const shown = formValues(contact, ctx.policy.timeZone);
  const first = firstIdentifier(contact);
  const edit: ContactEdit = { [first.kind]: first.value };
  const cleared: FormField[] = [];
  const changed = (field: EditField) => {
    const value = (typed[field] ?? shown[field]).trim();
    if (value === shown[field] || sameAddress(field, value, shown[field])) return undefined;
    // A detail emptied is a source without one: the source is named again.
    if (value === '' && field !== 'sourceDetail') cleared.push(field);
    return value;
  };
  for (const field of EDIT_FIELDS) {
    const value = changed(field);
    if (!value || field === 'sourceDetail') continue;
    if (field === 'email' || field === 'phone') identifierChange(edit, field, shown[field], value);
    else if (field === 'source') continue;
    else edit[field] = isDay(field) ? dayToInstant(ctx, value) : value;
  }
  // The source and its detail are one field of the services ("event:salon"): either changed names both.
  if (changed('source') !== undefined || changed('sourceDetail') !== undefined) {
    const source = (typed.source ?? shown.source).trim();
    const detail = (typed.sourceDetail ?? shown.sourceDetail).trim();
    if (source) edit.source = detail ? `${source}:${detail}` : source;
  }
  for (const field of ADD_FIELDS) {
    const value = typed[field]?.trim();
    if (value) edit[field] = value;
  }
  return { edit, cleared: [...new Set(cleared)] };
}

function identifierChange(edit: ContactEdit, field: 'email' | 'phone', old: string, value: string) {
  if (field === 'email') {
    if (old) edit.replaceEmail = [old, value];
    else edit.addEmail = value;
  } else if (old) edit.replacePhone = [old, value];
  else edit.addPhone = value;
}

/** "06 12 34 56 78" for +33612345678 is no change: the same number typed another way. */
function sameAddress(field: EditField, value: string, shown: string): boolean {
  if ((field !== 'email' && field !== 'phone') || !value || !shown) return false;
  try {
    const read = field === 'email' ? emailIdentifier : phoneIdentifier;
    return sameIdentifier(read(value), read(shown));
  } catch {
    return false;
  }
}

const DAYS: ReadonlySet<string> = new Set([
  'collectedAt',
  'informedAt',
  'customerSince',
  'customerUntil',
  'lastPurchaseAt',
]);
const isDay = (field: string) => DAYS.has(field);

/** A day typed in a form is that day in the policy's time zone; today is now (not a moment ahead). */
function dayToInstant(ctx: AppContext, day: string): string {
  const now = ctx.clock();
  return day === localDay(now, ctx.policy.timeZone) ? now.toISOString() : day;
}

/** Where a problem is shown: at the field that gave the value it is about, else at the field it names. */
function problemField(error: InputError, typed: FormValues): FormField | 'form' {
  const value = error.params.value?.trim();
  const given = value ? [...EDIT_FIELDS, ...ADD_FIELDS].find((f) => typed[f]?.trim() === value) : undefined;
  if (given) return given;
  const named = error.params.field as string | undefined;
  if (named === 'replaceEmail') return 'email';
  if (named === 'replacePhone') return 'phone';
  return (named && [...EDIT_FIELDS, ...ADD_FIELDS].find((f) => f === named)) || 'form';
}

/** The Add form: the fields typed, with the same reading of days as the Edit form. */
export async function addFromPage(
  ctx: AppContext,
  actor: Actor,
  typed: FormValues,
): Promise<{ done: SaveOutcome } | { problems: FieldProblems }> {
  // The console's Add leads to the contact's page: those who may see the register add from it.
  await requireRole(ctx, actor, 'see_contacts', 'contact.add');
  const fields: ContactFields = {};
  for (const field of EDIT_FIELDS) {
    const value = typed[field]?.trim();
    if (!value || field === 'sourceDetail') continue;
    fields[field] = isDay(field) ? dayToInstant(ctx, value) : value;
  }
  const detail = typed.sourceDetail?.trim();
  if (fields.source && detail) fields.source = `${fields.source}:${detail}`;
  try {
    return { done: await addContact(ctx, fields, actor) };
  } catch (error) {
    if (!(error instanceof InputError) || error.problem === 'not_allowed') throw error;
    return { problems: { [problemField(error, typed)]: error } };
  }
}

/** Two records about to be joined: which stays, what it gains and which fields both had with other values. */
export interface MergePreview {
  kept: Contact;
  gone: Contact;
  changed: string[];
  differed: string[];
  /** The fingerprints of both records, as the confirmation showed them. */
  versions: string;
}

export async function mergePreview(
  ctx: AppContext,
  actor: Actor,
  id: string,
  otherId: string,
): Promise<MergePreview> {
  const one = await contactById(ctx, actor, id);
  const other = await contactById(ctx, actor, otherId);
  if (one.id === other.id) throw new InputError('merge_same_contact');
  const [kept, gone] = keptRecord(one, other);
  const { changed, differed } = joinContacts(kept, gone, ctx.clock());
  return { kept, gone, changed, differed, versions: `${versionOf(one)}.${versionOf(other)}` };
}

/** The merge confirmed: the same preview (stale if either record changed since), then `mergeContacts`. */
export async function mergeFromPage(
  ctx: AppContext,
  actor: Actor,
  id: string,
  otherId: string,
  versions: string,
): Promise<{ merged: Contact } | { stale: MergePreview }> {
  const preview = await mergePreview(ctx, actor, id, otherId);
  if (preview.versions !== versions) return { stale: preview };
  const done = await mergeContacts(ctx, firstIdentifier(preview.kept), firstIdentifier(preview.gone), actor);
  return { merged: done.contact };
}
