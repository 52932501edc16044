import type { ContactColumn } from '../csv/columns.ts';
import { departmentCode } from '../domain/callee.ts';
import { type Contact, defaultCollection } from '../domain/contacts.ts';
import { type ContactField, type Field, InputError } from '../domain/errors.ts';
import { emailIdentifier, type Identifier, phoneIdentifier } from '../domain/identifiers.ts';
import { localDay } from '../domain/time.ts';
import { type Actor, mayEditContact } from '../policy/access.ts';
import type { ContactInput, SaveOutcome } from '../store/index.ts';
import type { AppContext } from './context.ts';
import * as parse from './parse.ts';
import { clean, notInFuture } from './parse.ts';
import { audited } from './permissions.ts';

/** Raw contact fields as typed or read from a CSV; every CSV column (csv/columns.ts) fills one. */
export interface ContactFields extends Partial<Record<ContactColumn, string>> {
  email?: string;
  phone?: string;
  name?: string;
  company?: string;
  function?: string;
  audience?: string;
  source?: string;
  collection?: string;
  collectedAt?: string;
  informedAt?: string;
  customerSince?: string;
  customerUntil?: string;
  /** purchase (one-off, the default), contract (in progress until --customer-until), account (no purchase). */
  relationship?: string;
  lastPurchaseAt?: string;
  products?: string;
  /** personal, pro-nominative or pro-generic: overrides what the address suggests. */
  addressKind?: string;
  department?: string;
  owner?: string;
}

/** Reads raw contact fields (CLI options, CSV columns, Slack form) into what the store keeps. */
export function contactInput(fields: ContactFields, ctx: AppContext, now: Date, by?: string): ContactInput {
  const policy = ctx.policy;
  const email = clean(fields.email) ? emailIdentifier(fields.email as string).value : undefined;
  const phone = clean(fields.phone) ? phoneIdentifier(fields.phone as string).value : undefined;
  if (!email && !phone) throw new InputError('email_or_phone_required');
  // An import reads a file, whose date columns may hold Excel serials; a flag or a form is typed.
  const read = by === 'import' ? parse.fileInstant : parse.instant;
  const iso = (value: string | undefined, field: Field) =>
    clean(value) ? read(value as string, policy, field).toISOString() : undefined;
  const src = clean(fields.source) ? parse.source(fields.source as string) : undefined;
  const collection = clean(fields.collection)
    ? parse.oneOf(fields.collection as string, ['direct', 'indirect'] as const, 'collection')
    : undefined;
  const collectedAt = iso(fields.collectedAt, 'collectedAt');
  const informedAt = iso(fields.informedAt, 'informedAt');
  const products = clean(fields.products)
    ?.split(/[,;|]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => parse.product(p, policy, 'products') as string);
  const since = iso(fields.customerSince, 'customerSince');
  const until = iso(fields.customerUntil, 'customerUntil');
  if (since && until && until < since)
    throw new InputError('date_before', { field: 'customerUntil', other: 'customerSince' });
  const lastPurchaseAt = iso(fields.lastPurchaseAt, 'lastPurchaseAt');
  if (since && lastPurchaseAt && lastPurchaseAt < since)
    throw new InputError('date_before', { field: 'lastPurchaseAt', other: 'customerSince' });
  const kind = clean(fields.relationship) ? parse.relationship(fields.relationship as string) : undefined;
  if (until && kind && kind !== 'contract') notInFuture(new Date(until), now, 'customerUntil');
  const typedDepartment = clean(fields.department);
  const department = typedDepartment ? departmentCode(typedDepartment) : undefined;
  if (typedDepartment && !department)
    throw new InputError('invalid_department', { field: 'department', value: fields.department });
  const owner = clean(fields.owner);
  if (owner && !/^[UW][A-Z0-9]{2,}$/.test(owner))
    throw new InputError('invalid_slack_user', { field: 'owner', value: owner });
  // Facts, not plans: a collection, a notice or a purchase dated ahead would move a retention clock forward on
  // something that has not happened (only a contract's end may lie ahead).
  for (const [value, field] of [
    [collectedAt, 'collectedAt'],
    [informedAt, 'informedAt'],
    [since, 'customerSince'],
    [lastPurchaseAt, 'lastPurchaseAt'],
  ] as const)
    if (value) notInFuture(new Date(value), now, field);
  if (
    collectedAt &&
    informedAt &&
    localDay(new Date(informedAt), policy.timeZone) < localDay(new Date(collectedAt), policy.timeZone)
  )
    throw new InputError('date_before', { field: 'informedAt', other: 'collectedAt' });
  const hasProvenance = src || collection || collectedAt || informedAt;
  return {
    email,
    phone,
    name: clean(fields.name),
    company: clean(fields.company),
    jobFunction: clean(fields.function),
    audience: clean(fields.audience) ? parse.audience(fields.audience as string) : undefined,
    addressKind: clean(fields.addressKind) ? parse.addressKind(fields.addressKind as string) : undefined,
    department,
    provenance: hasProvenance
      ? {
          source: src?.source ?? 'unknown',
          detail: src?.detail,
          collection: collection ?? defaultCollection(src?.source ?? 'unknown'),
          collectedAt: collectedAt ?? now.toISOString(),
          informedAt,
          recordedBy: by,
        }
      : undefined,
    customer:
      since || until || products || kind || lastPurchaseAt
        ? { since, until, products, kind, lastPurchaseAt }
        : undefined,
    owner,
  };
}

/**
 * New contacts always get a provenance: when nobody said where the details came from, `unknown` (collected now),
 * which the policy answers with review, never the favourable "by hand, directly".
 */
function withDefaults(input: ContactInput, existing: Contact | undefined, now: Date): ContactInput {
  if (existing?.provenance || input.provenance) return input;
  return {
    ...input,
    provenance: { source: 'unknown', collection: 'indirect', collectedAt: now.toISOString() },
  };
}

/**
 * What only a contact's owner or a compliance role may fill in on a known contact, and the words each shell
 * names them by when left alone: her audience and kind of address, her owner, her purchases. Filling an empty one
 * changes what the rules answer: it is an edit.
 */
const OWNERS_FIELDS: Array<[keyof ContactInput, ContactField[]]> = [
  ['owner', ['owner']],
  ['audience', ['audience']],
  ['addressKind', ['addressKind']],
  ['department', ['department']],
  ['customer', ['customerSince', 'customerUntil', 'relationship', 'lastPurchaseAt', 'products']],
];

/**
 * The input without what this actor may not fill in on `existing`, and the fields so left alone. Anyone may tell
 * of a new collection (a source added beside the first, history kept); only the owner or a compliance role fills
 * an empty provenance or notice date.
 */
function withinReach(
  input: ContactInput,
  fields: ContactFields,
  existing: Contact | undefined,
  actor: Actor,
): { input: ContactInput; withheld: string[] } {
  if (!existing || mayEditContact(existing, actor.userId, actor.roles)) return { input, withheld: [] };
  const kept: ContactInput = { ...input };
  const withheld: string[] = [];
  const given = (name: string) => clean((fields as Record<string, string | undefined>)[name]) !== undefined;
  for (const [key, names] of OWNERS_FIELDS) {
    if (kept[key] === undefined) continue;
    delete kept[key];
    withheld.push(...names.filter(given));
  }
  if (kept.provenance && !existing.provenance) {
    delete kept.provenance;
    withheld.push(...['source', 'collection', 'collectedAt', 'informedAt'].filter(given));
  } else if (kept.provenance?.informedAt && !existing.provenance?.informedAt) {
    kept.provenance = { ...kept.provenance, informedAt: undefined };
    withheld.push('informedAt');
  }
  return { input: kept, withheld };
}

/**
 * Adds a contact, or fills the empty fields of a known one; what it left alone is reported, never overwritten.
 * Someone who neither owns the contact nor holds a compliance role fills in only her name, company and function,
 * and may add a source: her notice date, audience, owner and purchases stay as they are (reported as left
 * alone). Audited with the fields written.
 */
export async function addContact(ctx: AppContext, fields: ContactFields, by: Actor): Promise<SaveOutcome> {
  const now = ctx.clock();
  const asked = contactInput(fields, ctx, now, by.id);
  const target: Identifier = asked.email
    ? { kind: 'email', value: asked.email }
    : { kind: 'phone', value: asked.phone as string };
  const existing = await ctx.store.findContact(target);
  if (asked.customer && !asked.customer.since && !existing?.customer?.since) {
    throw new InputError('required', { field: 'customerSince' });
  }
  const { input, withheld } = withinReach(asked, fields, existing, by);
  const saved = await ctx.store.saveContact(withDefaults(input, existing, now), now);
  const outcome = { ...saved, kept: [...saved.kept, ...withheld] };
  if (outcome.changed.length > 0 || outcome.kept.length > 0)
    await auditChange(ctx, by.id, outcome.created ? 'contact.add' : 'contact.fill', target, outcome);
  return outcome;
}

/** The owner or a compliance role may change or delete a contact; anyone else is refused, and that audited. */
export async function assertMayChange(
  ctx: AppContext,
  contact: Contact,
  editor: Actor,
  action: string,
  target: Identifier,
): Promise<void> {
  if (!mayEditContact(contact, editor.userId, editor.roles)) await refuseChange(ctx, editor, action, target);
}

/** A change of a contact refused to someone who neither owns it nor holds a compliance role: audited, then thrown. */
export async function refuseChange(
  ctx: AppContext,
  editor: Actor,
  action: string,
  target: Identifier,
): Promise<never> {
  await audited(ctx, editor, action, target, 'not the owner nor a compliance role', 'refused');
  throw new InputError('not_allowed', { value: action });
}

export async function auditChange(
  ctx: AppContext,
  actor: string,
  action: string,
  target: Identifier,
  outcome: SaveOutcome,
) {
  const fields = outcome.changed.join(',');
  const kept = outcome.kept.length > 0 ? `; kept ${outcome.kept.join(',')}` : '';
  await audited(ctx, actor, action, target, `fields ${fields || '-'}${kept}`);
}
