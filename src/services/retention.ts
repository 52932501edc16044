import { type Contact, personHashes } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { identifiersOf } from '../domain/identifiers.ts';
import { kept } from '../domain/kept.ts';
import type { Actor } from '../policy/access.ts';
import {
  type Deadline,
  deadlinesOf,
  type RetentionScan,
  scanRetention,
  sortOut,
} from '../retention/deadlines.ts';
import { type PurgePlan, purgeFingerprint, purgeKey, purgePlan } from '../retention/purge.ts';
import type { PurgeResult } from '../store/index.ts';
import type { AppContext } from './context.ts';
import * as parse from './parse.ts';
import { audited, requireRole } from './permissions.ts';
import { recordConsent, recordEvent } from './record.ts';

/** A scan as of `at` (a preview when it is not now: nothing is ever deleted ahead of the real clock). */
export async function retentionScan(ctx: AppContext, at?: string, horizonDays = 30): Promise<RetentionScan> {
  const real = ctx.clock();
  const now = parse.optionalInstant(at, ctx.policy, 'at') ?? real;
  const scan = await scanRetention(ctx.store.contactPages(), ctx.policy, now, horizonDays);
  return { ...scan, preview: Math.abs(now.getTime() - real.getTime()) > parse.CLOCK_SKEW_MS };
}

/**
 * A purge runs at the real clock, whoever asks: a date ahead would delete what is not due, and a date behind
 * would not see what moved a clock since (a reply, a purchase). A date is accepted only as "now".
 */
function atRealClock(ctx: AppContext, at: string | undefined): void {
  const asked = parse.optionalInstant(at, ctx.policy, 'at');
  if (asked && Math.abs(asked.getTime() - ctx.clock().getTime()) > parse.CLOCK_SKEW_MS)
    throw new InputError('purge_not_now', { field: 'at', value: at });
}

export interface PurgeOutcome {
  /** What was deleted (or, in a dry run, would be): the overdue lines still due when deleted, as of then. */
  list: Deadline[];
  plan: PurgePlan;
  removed?: PurgeResult;
  /** Lines of the list shown that stayed: their clock moved since (a purchase, a reply), or they are gone. */
  stayed: Deadline[];
  /** Given `confirmed`: the list is no longer the one confirmed, so nothing was deleted; `list` is the new one. */
  changed?: boolean;
  scan: RetentionScan;
}

/** A confirmation given elsewhere (a Slack digest): the list as of `at`, and its fingerprint. */
export interface PurgeConfirmation {
  at: Date;
  fingerprint: string;
}

export interface PurgeOptions {
  at?: string;
  dryRun?: boolean;
  scan?: RetentionScan;
  confirmed?: PurgeConfirmation;
  /** Told once the purge is allowed, before it runs (Slack answers its modal there, within its 3 s). */
  started?: () => Promise<unknown>;
}

/** The list a confirmation of `at` is about, as it stands now: what is due now and was already due then. */
export async function confirmableList(ctx: AppContext, at: Date): Promise<Deadline[]> {
  const scan = await scanRetention(ctx.store.contactPages(), ctx.policy, ctx.clock(), 0);
  return scan.overdue.filter((d) => d.at <= at);
}

/**
 * Purges what is overdue at the real clock (or, with `dryRun`, says what would go) and writes one audit entry:
 * who, when, how many, under which rules. Only lines of the list shown (`scan`, else a scan now) go, and each is
 * computed again from the store's current record at the moment it is deleted: a contact whose clock moved since
 * the list was made stays. Objections (suppression hashes) are never purged.
 */
export async function purgeOverdue(
  ctx: AppContext,
  by: Actor,
  options: PurgeOptions = {},
): Promise<PurgeOutcome> {
  await requireRole(ctx, by, 'purge', 'retention.purge');
  atRealClock(ctx, options.at);
  await options.started?.();
  const scan = options.scan ?? (await scanRetention(ctx.store.contactPages(), ctx.policy, ctx.clock(), 0));
  let shown = scan.overdue;
  if (options.confirmed) {
    const { at, fingerprint } = options.confirmed;
    shown = shown.filter((d) => d.at <= at);
    if (purgeFingerprint(shown) !== fingerprint)
      return { list: shown, plan: purgePlan(shown), stayed: [], changed: true, scan };
  }
  if (options.dryRun || shown.length === 0) return { list: shown, plan: purgePlan(shown), stayed: [], scan };
  const list: Deadline[] = [];
  const stayed: Deadline[] = [];
  const removed: PurgeResult = { contacts: 0, consents: 0, interactions: 0, decisions: 0 };
  for (const batch of byContact(shown, 500)) {
    const { due, moved } = await stillDue(ctx, batch);
    stayed.push(...moved);
    if (due.length === 0) continue;
    const plan = purgePlan(due);
    const purged = new Set(plan.contactIds);
    const contacts = new Set(due.filter((d) => purged.has(d.contact.id)).map((d) => d.contact));
    const decisionHashes = [...contacts].flatMap((c) =>
      personHashes(undefined, c, (id) => ctx.store.hash(id)),
    );
    const result = await ctx.store.purge({ ...plan, decisionHashes });
    for (const key of Object.keys(removed) as (keyof PurgeResult)[]) removed[key] += result[key];
    list.push(...due);
  }
  const plan = purgePlan(list);
  if (list.length > 0)
    await audited(
      ctx,
      by,
      'retention.purge',
      undefined,
      `${removed.contacts} contacts, ${removed.consents} consents, ${removed.interactions} interactions, ${removed.decisions} decisions; rules ${plan.rules.join(', ')}${stayed.length ? `; ${stayed.length} kept (deadline moved since the list)` : ''}`,
    );
  return { list, plan, removed: list.length > 0 ? removed : undefined, stayed, scan };
}

/** The lines in groups of at most `size` contacts, each contact's lines together. */
function byContact(lines: Deadline[], size: number): Deadline[][] {
  const groups = new Map<string, Deadline[]>();
  for (const d of lines) kept(groups, d.contact.id, () => []).push(d);
  const all = [...groups.values()];
  const batches: Deadline[][] = [];
  for (let i = 0; i < all.length; i += size) batches.push(all.slice(i, i + size).flat());
  return batches;
}

/**
 * The lines still due at this very moment, computed again from each contact's current record (never from the
 * copy the list was made from): a purchase, a reply or a renewal recorded since moves the contact to `moved`.
 */
async function stillDue(ctx: AppContext, lines: Deadline[]): Promise<{ due: Deadline[]; moved: Deadline[] }> {
  const now = ctx.clock();
  const current = new Map<string, Deadline>();
  for (const id of new Set(lines.map((d) => d.contact.id))) {
    const record = await ctx.store.contactRecord(id);
    if (!record) continue;
    for (const d of sortOut(deadlinesOf(record, ctx.policy, now), now, now).purge)
      current.set(purgeKey(d), d);
  }
  const due: Deadline[] = [];
  const moved: Deadline[] = [];
  for (const d of lines) {
    const fresh = current.get(purgeKey(d));
    if (fresh) due.push(fresh);
    else moved.push(d);
  }
  return { due, moved };
}

/** The scan without what a purge went through (deleted, or kept because its clock moved): what is still held. */
export function withoutPurged(scan: RetentionScan, outcome: PurgeOutcome): RetentionScan {
  const handled = new Set([...outcome.list, ...outcome.stayed].map(purgeKey));
  const contacts = new Set(outcome.plan.contactIds);
  const consents = new Set(outcome.plan.consentIds);
  const held = (d: Deadline) => !contacts.has(d.contact.id) && !(d.consentId && consents.has(d.consentId));
  return {
    at: scan.at,
    overdue: scan.overdue.filter((d) => !handled.has(purgeKey(d))),
    due: scan.due.filter(held),
    lapsed: scan.lapsed.filter(held),
  };
}

/** Purges one person now (a "purge now" button, an erasure request); their objection hash stays. */
export async function purgePerson(
  ctx: AppContext,
  contact: Contact,
  by: string,
  action: string,
): Promise<PurgeResult> {
  const decisionHashes = personHashes(undefined, contact, (id) => ctx.store.hash(id));
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
