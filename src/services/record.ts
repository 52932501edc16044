import type { ContactColumn } from '../csv/columns.ts';
import {
  type Channel,
  CONSENT_PURPOSE_DEFAULT,
  type Contact,
  defaultCollection,
  type EventType,
  type Suppression,
  type SuppressionScope,
} from '../domain/contacts.ts';
import { type Field, InputError, type ProblemParams } from '../domain/errors.ts';
import { emailIdentifier, type Identifier, identifiersOf, phoneIdentifier } from '../domain/identifiers.ts';
import type { ContactInput } from '../store/types.ts';
import type { AppContext } from './context.ts';
import * as parse from './parse.ts';

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

const clean = (value: string | undefined) => (value === undefined ? undefined : value.trim() || undefined);

/** Reads raw contact fields (CLI options, CSV columns, Slack form) into what the store keeps. */
export function contactInput(fields: ContactFields, ctx: AppContext, now: Date): ContactInput {
  const policy = ctx.policy;
  const email = clean(fields.email) ? emailIdentifier(fields.email as string).value : undefined;
  const phone = clean(fields.phone) ? phoneIdentifier(fields.phone as string).value : undefined;
  if (!email && !phone) throw new InputError('email_or_phone_required');
  const iso = (value: string | undefined, field: Field) =>
    clean(value) ? parse.instant(value as string, policy, field).toISOString() : undefined;
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
    .map((p) => parse.product(p, policy) as string);
  const since = iso(fields.customerSince, 'customerSince');
  const until = iso(fields.customerUntil, 'customerUntil');
  if (since && until && until < since)
    throw new InputError('date_before', { field: 'customerUntil', other: 'customerSince' });
  const lastPurchaseAt = iso(fields.lastPurchaseAt, 'lastPurchaseAt');
  if (since && lastPurchaseAt && lastPurchaseAt < since)
    throw new InputError('date_before', { field: 'lastPurchaseAt', other: 'customerSince' });
  const kind = clean(fields.relationship) ? parse.relationship(fields.relationship as string) : undefined;
  const department = clean(fields.department)?.toUpperCase();
  if (department && !/^(\d{2}|2A|2B|\d{3}|GP|MQ|GF|RE|YT|MF|BL|PM)$/.test(department))
    throw new InputError('invalid_department', { field: 'department', value: fields.department });
  const owner = clean(fields.owner);
  if (owner && !/^[UW][A-Z0-9]{2,}$/.test(owner))
    throw new InputError('invalid_slack_user', { field: 'owner', value: owner });
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
          source: src?.source ?? 'manual',
          detail: src?.detail,
          collection: collection ?? defaultCollection(src?.source ?? 'manual'),
          collectedAt: collectedAt ?? now.toISOString(),
          informedAt,
        }
      : undefined,
    customer:
      since || until || products || kind || lastPurchaseAt
        ? { since, until, products, kind, lastPurchaseAt }
        : undefined,
    owner,
  };
}

/** New contacts always get a provenance: by hand and now, unless said otherwise. */
function withDefaults(input: ContactInput, existing: Contact | undefined, now: Date): ContactInput {
  if (existing?.provenance || input.provenance) return input;
  return { ...input, provenance: { source: 'manual', collection: 'direct', collectedAt: now.toISOString() } };
}

export async function addContact(ctx: AppContext, fields: ContactFields) {
  const now = ctx.clock();
  const input = contactInput(fields, ctx, now);
  const target: Identifier = input.email
    ? { kind: 'email', value: input.email }
    : { kind: 'phone', value: input.phone as string };
  const existing = await ctx.store.findContact(target);
  if (input.customer && !input.customer.since && !existing?.customer?.since) {
    throw new InputError('required', { field: 'customerSince' });
  }
  return ctx.store.saveContact(withDefaults(input, existing, now), now);
}

async function knownContact(ctx: AppContext, target: Identifier): Promise<Contact> {
  const contact = await ctx.store.findContact(target);
  if (!contact) {
    throw new InputError('unknown_contact', { field: target.kind });
  }
  return contact;
}

export interface ConsentFields {
  email?: string;
  phone?: string;
  action: 'grant' | 'withdraw';
  channel: string;
  purpose?: string;
  at?: string;
  method?: string;
  wording?: string;
  evidence?: string;
  capturedWhere?: string;
  until?: string;
  /** A partner or lead-generation site that collected the consent, when not us. */
  collectedBy?: string;
  /** Whether that consent named us (or our category): yes, or no for a vague "partners" wording. */
  namesUs?: string;
  /** A consent to be called at a precise date and time: the slot's start and end. */
  slotStart?: string;
  slotEnd?: string;
  recordedBy: string;
}

/** A field of a consent and what is wrong with it: the Slack modal shows them all at once, the CLI the first. */
export interface ConsentProblem {
  field: 'wording' | 'date' | 'until';
  problem: 'consent_without_proof' | 'future_date' | 'date_before';
}

const CLOCK_SKEW_MS = 60_000;

const CONSENT_PROBLEM_PARAMS: Record<ConsentProblem['problem'], ProblemParams> = {
  consent_without_proof: { field: 'wording' },
  future_date: { field: 'at' },
  date_before: { field: 'until', other: 'at' },
};

/**
 * The rules every consent obeys, wherever it is typed: a grant carries its proof (the wording shown or an
 * evidence reference, GDPR art. 7(1)); it is not dated in the future (beyond a minute of clock skew); it ends
 * after it starts.
 */
export function consentProblems(
  fields: Pick<ConsentFields, 'action' | 'wording' | 'evidence'>,
  at: Date,
  until: Date | undefined,
  now: Date,
): ConsentProblem[] {
  const problems: ConsentProblem[] = [];
  if (fields.action === 'grant' && !clean(fields.wording) && !clean(fields.evidence))
    problems.push({ field: 'wording', problem: 'consent_without_proof' });
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.push({ field: 'date', problem: 'future_date' });
  if (until && until <= at) problems.push({ field: 'until', problem: 'date_before' });
  return problems;
}

export async function recordConsent(ctx: AppContext, fields: ConsentFields) {
  const now = ctx.clock();
  const target = parse.person(fields);
  const channel: Channel = parse.channel(fields.channel);
  const at = parse.optionalInstant(fields.at, ctx.policy, 'at') ?? now;
  const until = parse.optionalInstant(fields.until, ctx.policy, 'until');
  const [problem] = consentProblems(fields, at, until, now);
  if (problem) throw new InputError(problem.problem, CONSENT_PROBLEM_PARAMS[problem.problem]);
  const slotStart = parse.optionalInstant(clean(fields.slotStart), ctx.policy, 'slotStart');
  const slotEnd = parse.optionalInstant(clean(fields.slotEnd), ctx.policy, 'slotEnd');
  if (Boolean(slotStart) !== Boolean(slotEnd))
    throw new InputError('slot_incomplete', { field: 'slotStart', other: 'slotEnd' });
  if (slotStart && slotEnd && slotEnd <= slotStart)
    throw new InputError('date_before', { field: 'slotEnd', other: 'slotStart' });
  const namesUs = clean(fields.namesUs) ? parse.yesNo(fields.namesUs as string, 'namesUs') : undefined;
  const contact = await knownContact(ctx, target);
  const record = await ctx.store.recordConsent(
    contact,
    {
      channel,
      purpose: clean(fields.purpose)?.toLowerCase() ?? CONSENT_PURPOSE_DEFAULT,
      action: fields.action,
      at,
      until,
      slot: slotStart && slotEnd ? { start: slotStart.toISOString(), end: slotEnd.toISOString() } : undefined,
      proof: {
        method: clean(fields.method)?.toLowerCase(),
        wording: clean(fields.wording),
        evidence: clean(fields.evidence),
        capturedWhere: clean(fields.capturedWhere),
        recordedBy: fields.recordedBy,
        collectedBy: clean(fields.collectedBy),
        namesUs,
      },
    },
    now,
  );
  // Withdrawing consent is also an objection for that channel: it must outlive the contact record.
  if (fields.action === 'withdraw')
    await ctx.store.addObjection(identifiersOf(contact), channel, at, 'consent-withdrawal');
  return { contact, record };
}

export async function recordEvent(
  ctx: AppContext,
  fields: { email?: string; phone?: string; type: string; at?: string },
) {
  const now = ctx.clock();
  const target = parse.person(fields);
  const type: EventType = parse.eventType(fields.type);
  const at = parse.optionalInstant(fields.at, ctx.policy, 'at') ?? now;
  const contact = await knownContact(ctx, target);
  const record = await ctx.store.recordInteraction(contact, type, at, now);
  // A refusal during a call objects to telephone canvassing of that line (L.221-16, GDPR art. 21): it goes to the
  // suppression list, which outlives the contact's events when they are purged or erased.
  if (type === 'call-refusal') {
    const line = target.kind === 'phone' ? target : contact.phone && phoneIdentifier(contact.phone);
    if (line) await ctx.store.addObjection([line], 'phone', at, 'call-refusal');
  }
  return { contact, record };
}

/** The person's contact, if known, and every identifier to act on: the one given and the contact's others. */
export async function personIdentifiers(
  ctx: AppContext,
  target: Identifier,
): Promise<{ contact?: Contact; ids: Identifier[] }> {
  const contact = await ctx.store.findContact(target);
  const ids = contact ? identifiersOf(contact) : [target];
  if (!ids.some((id) => id.kind === target.kind && id.value === target.value)) ids.push(target);
  return { contact, ids };
}

/**
 * Records an objection at once, for the identifier given and every other identifier of the same contact.
 * It works for people who are not in the store too: their hash is what keeps a later import blocked.
 */
export async function optOut(
  ctx: AppContext,
  fields: { email?: string; phone?: string; channel?: string; at?: string; reason?: string; origin: string },
): Promise<{ suppressions: Suppression[]; scope: SuppressionScope; contact?: Contact }> {
  const now = ctx.clock();
  const target = parse.person(fields);
  const scope = fields.channel ? parse.scope(fields.channel) : 'all';
  const at = parse.optionalInstant(fields.at, ctx.policy, 'at') ?? now;
  const { contact, ids: targets } = await personIdentifiers(ctx, target);
  const suppressions = await ctx.store.addObjection(targets, scope, at, fields.origin, clean(fields.reason));
  return { suppressions, scope, contact };
}
