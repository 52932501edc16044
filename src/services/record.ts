import {
  type Channel,
  type ConsentRecord,
  type Contact,
  type EventType,
  purposeOf,
  type Suppression,
  type SuppressionScope,
} from '../domain/contacts.ts';
import { InputError, type ProblemParams } from '../domain/errors.ts';
import { type Identifier, identifiersOf, phoneIdentifier } from '../domain/identifiers.ts';
import type { Actor } from '../policy/access.ts';
import type { ConsentInput } from '../store/index.ts';
import { recordedAgainst } from './approvedWatch.ts';
import type { AppContext } from './context.ts';
import * as parse from './parse.ts';
import { clean, notInFuture } from './parse.ts';
import { audited, requireRole } from './permissions.ts';
import { queueWebhooks } from './webhooks.ts';

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
  field: 'method' | 'wording' | 'evidence' | 'date' | 'until';
  problem: 'consent_method_refused' | 'consent_without_proof' | 'future_date' | 'date_before';
}

/** How the command line names the field of each consent problem. */
const CONSENT_FIELD: Record<ConsentProblem['field'], ProblemParams['field']> = {
  method: 'method',
  wording: 'wording',
  evidence: 'evidence',
  date: 'at',
  until: 'until',
};

/**
 * The rules every consent obeys, wherever it is typed (CLI, Slack, import, API): a grant carries its proof, the
 * way it was given (a method the policy accepts as a clear affirmative act), the version of the wording shown and
 * a reference to the evidence (GDPR art. 7(1), C2); it is not dated in the future (beyond a minute of clock
 * skew); it ends after it starts.
 */
export function consentProblems(
  fields: Pick<ConsentFields, 'action' | 'method' | 'wording' | 'evidence'>,
  at: Date,
  until: Date | undefined,
  now: Date,
  acceptedMethods: readonly string[],
): ConsentProblem[] {
  const problems: ConsentProblem[] = [];
  if (fields.action === 'grant') {
    const method = clean(fields.method)?.toLowerCase();
    if (!method || !acceptedMethods.includes(method))
      problems.push({ field: 'method', problem: 'consent_method_refused' });
    if (!clean(fields.wording)) problems.push({ field: 'wording', problem: 'consent_without_proof' });
    if (!clean(fields.evidence)) problems.push({ field: 'evidence', problem: 'consent_without_proof' });
  }
  if (at.getTime() > now.getTime() + parse.CLOCK_SKEW_MS)
    problems.push({ field: 'date', problem: 'future_date' });
  if (until && until <= at) problems.push({ field: 'until', problem: 'date_before' });
  return problems;
}

/**
 * A consent as the rules read it, wherever it comes from (`consent grant`, Slack, the API, `import-consents`):
 * the person named, and what the store records, or the first problem (an InputError naming its field).
 */
export function readConsent(
  ctx: AppContext,
  fields: ConsentFields,
  now: Date,
): { target: Identifier; input: ConsentInput } {
  const target = parse.person(fields);
  const channel: Channel = parse.channel(fields.channel);
  const at = parse.optionalInstant(fields.at, ctx.policy, 'at') ?? now;
  const until = parse.optionalInstant(fields.until, ctx.policy, 'until');
  const accepted = ctx.policy.doc.params.accepted_consent_methods;
  const [problem] = consentProblems(fields, at, until, now, accepted);
  if (problem)
    throw new InputError(problem.problem, {
      field: CONSENT_FIELD[problem.field],
      other: problem.problem === 'date_before' ? 'at' : undefined,
      allowed: accepted.join(', '),
    });
  const slotStart = parse.optionalInstant(clean(fields.slotStart), ctx.policy, 'slotStart');
  const slotEnd = parse.optionalInstant(clean(fields.slotEnd), ctx.policy, 'slotEnd');
  if (Boolean(slotStart) !== Boolean(slotEnd))
    throw new InputError('slot_incomplete', { field: 'slotStart', other: 'slotEnd' });
  if (slotStart && slotEnd && slotEnd <= slotStart)
    throw new InputError('date_before', { field: 'slotEnd', other: 'slotStart' });
  const namesUs = clean(fields.namesUs) ? parse.yesNo(fields.namesUs as string, 'namesUs') : undefined;
  const input: ConsentInput = {
    channel,
    purpose: purposeOf(clean(fields.purpose)),
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
  };
  return { target, input };
}

/** The contact a consent or an event is about: it must be in the register (they are facts about a contact). */
export async function knownContact(ctx: AppContext, target: Identifier): Promise<Contact> {
  const contact = await ctx.store.findContact(target);
  if (!contact) {
    throw new InputError('unknown_contact', { field: target.kind });
  }
  return contact;
}

/**
 * Before a consent form opens (and again when it is sent: a form can be forged): the record-consent role only,
 * a refusal audited. Says whether the person is in the register (a consent is recorded on a known contact).
 */
export async function consentForm(
  ctx: AppContext,
  actor: Actor,
  target: Identifier,
  action: 'consent.open' | 'consent.record',
): Promise<{ known: boolean }> {
  await requireRole(ctx, actor, 'record_consent', action, target);
  return { known: (await ctx.store.findContact(target)) !== undefined };
}

export async function recordConsent(ctx: AppContext, fields: ConsentFields) {
  const now = ctx.clock();
  const { target, input } = readConsent(ctx, fields, now);
  const contact = await knownContact(ctx, target);
  const record = await saveConsent(ctx, contact, target, input, now);
  return { contact, record };
}

/**
 * Records a consent read by `readConsent` and audits it (`consent.record`, the person hashed; `detail` adds where
 * it came from). A withdrawal is also told to the webhooks and to the approved campaigns.
 */
export async function saveConsent(
  ctx: AppContext,
  contact: Contact,
  target: Identifier,
  input: ConsentInput,
  now: Date,
  from?: string,
): Promise<ConsentRecord> {
  const by = input.proof.recordedBy ?? 'unknown';
  const record = await ctx.store.recordConsent(contact, input, now);
  // A withdrawal ends the consents of its purpose on its channel, and nothing more: it is not an objection to
  // the channel (an `optout` is). The store remembers it in the suppression list, as a withdrawal of its
  // purpose, so that it outlives the contact record (domain/withdrawals.ts).
  if (record.action === 'withdraw') {
    const event = { at: input.at, scope: record.channel, origin: by, identifiers: identifiersOf(contact) };
    await queueWebhooks(ctx, 'withdrawal', { ...event, purpose: record.purpose });
    recordedAgainst(ctx, event.identifiers);
  }
  const what = `${record.action} ${record.channel} ${record.purpose}`;
  await audited(ctx, by, 'consent.record', target, from ? `${what}; from ${from}` : what);
  return record;
}

export async function recordEvent(
  ctx: AppContext,
  fields: { email?: string; phone?: string; type: string; at?: string; by?: string },
) {
  const now = ctx.clock();
  const target = parse.person(fields);
  const type: EventType = parse.eventType(fields.type);
  const at = parse.optionalInstant(fields.at, ctx.policy, 'at') ?? now;
  notInFuture(at, now, 'at');
  const contact = await knownContact(ctx, target);
  const record = await ctx.store.recordInteraction(contact, type, at, now);
  // A refusal during a call objects to telephone canvassing of that line (L.221-16, GDPR art. 21): it goes to the
  // suppression list, which outlives the contact's events when they are purged or erased.
  if (type === 'call-refusal') {
    const line = target.kind === 'phone' ? target : contact.phone && phoneIdentifier(contact.phone);
    if (line) {
      await ctx.store.addObjection([line], 'phone', at, 'call-refusal');
      await queueWebhooks(ctx, 'objection', {
        at,
        scope: 'phone',
        origin: fields.by ?? 'unknown',
        identifiers: [line],
      });
      recordedAgainst(ctx, [line]);
    }
  }
  await audited(ctx, fields.by ?? 'unknown', 'event.record', target, type);
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
  // An objection takes effect when it is recorded: it cannot be scheduled.
  notInFuture(at, now, 'at');
  const { contact, ids: targets } = await personIdentifiers(ctx, target);
  const suppressions = await ctx.store.addObjection(targets, scope, at, fields.origin, clean(fields.reason));
  await audited(ctx, fields.origin, 'objection.record', target, scope);
  await queueWebhooks(ctx, 'objection', { at, scope, origin: fields.origin, identifiers: targets });
  recordedAgainst(ctx, targets);
  return { suppressions, scope, contact };
}
