import type { Contact } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { identifiersOf } from '../domain/identifiers.ts';
import { type Deadline, type RetentionScan, scanRetention } from '../retention/deadlines.ts';
import { type PurgePlan, purgePlan } from '../retention/purge.ts';
import type { PurgeResult } from '../store/types.ts';
import type { AppContext } from './context.ts';
import * as parse from './parse.ts';
import { recordConsent, recordEvent } from './record.ts';

export async function retentionScan(ctx: AppContext, at?: string, horizonDays = 30): Promise<RetentionScan> {
  const now = parse.optionalInstant(at, ctx.policy, 'at') ?? ctx.clock();
  return scanRetention(ctx.store.contactPages(), ctx.policy, now, horizonDays);
}

/**
 * Purges what is overdue (or, with `dryRun`, says what would go) and writes one audit entry: who, when, how
 * many, under which rules. Objections (suppression hashes) are never purged.
 */
export async function purgeOverdue(
  ctx: AppContext,
  by: string,
  options: { at?: string; dryRun?: boolean; scan?: RetentionScan } = {},
): Promise<{ plan: PurgePlan; removed?: PurgeResult; scan: RetentionScan }> {
  const scan = options.scan ?? (await retentionScan(ctx, options.at, 0));
  const plan = purgePlan(scan.overdue);
  if (options.dryRun || (plan.contactIds.length === 0 && plan.consentIds.length === 0)) return { plan, scan };
  const purged = new Set(plan.contactIds);
  const contacts = new Set(scan.overdue.filter((d) => purged.has(d.contact.id)).map((d) => d.contact));
  const decisionHashes = [...contacts].flatMap((c) => identifiersOf(c).map((id) => ctx.store.hash(id)));
  const removed = await ctx.store.purge({
    contactIds: plan.contactIds,
    consentIds: plan.consentIds,
    decisionHashes,
  });
  await ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor: by,
    action: 'retention.purge',
    outcome: 'done',
    detail: `${removed.contacts} contacts, ${removed.consents} consents, ${removed.interactions} interactions, ${removed.decisions} decisions; rules ${plan.rules.join(', ')}`,
  });
  return { plan, removed, scan };
}

/** The scan without what a purge just removed: what is still held. */
export function withoutPurged(scan: RetentionScan, plan: PurgePlan): RetentionScan {
  const contacts = new Set(plan.contactIds);
  const consents = new Set(plan.consentIds);
  const kept = (d: Deadline) => !contacts.has(d.contact.id) && !(d.consentId && consents.has(d.consentId));
  return { at: scan.at, overdue: scan.overdue.filter(kept), due: scan.due.filter(kept) };
}

/** Purges one person now (a "purge now" button, an erasure request); their objection hash stays. */
export async function purgePerson(
  ctx: AppContext,
  contact: Contact,
  by: string,
  action: string,
): Promise<PurgeResult> {
  const decisionHashes = identifiersOf(contact).map((id) => ctx.store.hash(id));
  const removed = await ctx.store.purge({ contactIds: [contact.id], decisionHashes });
  await ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor: by,
    action,
    outcome: 'done',
    targetHash: decisionHashes[0],
    detail: `${removed.contacts} contacts, ${removed.consents} consents, ${removed.interactions} interactions, ${removed.decisions} decisions`,
  });
  return removed;
}

/**
 * What renewing a deadline records: a phone consent is renewed by a new consent (with its proof); a prospect's or
 * customer's yes to a re-permission is a contact they initiated (a reply), which restarts their clock.
 */
export async function recordRenewal(
  ctx: AppContext,
  contact: Contact,
  kind: string,
  renewal: { at: string; method?: string; proof: string; by: string; where: string },
): Promise<void> {
  const id = identifiersOf(contact)[0];
  if (!id) throw new InputError('contact_without_identifier');
  const person = { [id.kind]: id.value };
  if (kind === 'phone-consent') {
    await recordConsent(ctx, {
      ...person,
      action: 'grant',
      channel: 'phone',
      at: renewal.at,
      method: renewal.method,
      // The wording shown is the re-permission request this renewal answers.
      wording: 'retention-repermission',
      evidence: renewal.proof,
      capturedWhere: renewal.where,
      recordedBy: renewal.by,
    });
  } else {
    await recordEvent(ctx, { ...person, type: 'reply', at: renewal.at, by: renewal.by });
  }
}
