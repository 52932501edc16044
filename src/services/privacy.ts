import { InputError } from '../domain/errors.ts';
import { foreignKeysOf } from '../domain/foreignHashes.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { localIso } from '../domain/time.ts';
import type { Actor } from '../policy/access.ts';
import { type AccessReport, assertReadable, type ExportFormat, gatherAccessReport } from './accessReport.ts';
import { recordedAgainst } from './approvedWatch.ts';
import { eraseFromKeptLists } from './campaignLists.ts';
import { assertMayChange } from './contacts.ts';
import type { AppContext } from './context.ts';
import { audited, requireRole } from './permissions.ts';
import { personIdentifiers } from './record.ts';
import { purgePerson } from './retention.ts';
import { queueWebhooks } from './webhooks.ts';

/** Every identifier we can match for the person, with their keyed hashes and those of former ones. */
async function identifiersFor(ctx: AppContext, target: Identifier) {
  const { contact, ids } = await personIdentifiers(ctx, target);
  const former = contact?.formerHashes ?? [];
  // And another tool's hashes of them: an objection a hashed suppression list brought is hers too (art. 15).
  const keyed = [...ids.map((id) => ctx.store.hash(id)), ...former];
  return { contact, ids, hashes: [...new Set([...keyed, ...ids.flatMap(foreignKeysOf)])] };
}

/**
 * GDPR art. 15: everything held on the person, gathered once for the format asked (JSON for machines, the page
 * or PDF she reads); the request itself is audited, with its format, never with the person in clear.
 */
export async function accessRequest(
  ctx: AppContext,
  target: Identifier,
  by: Actor,
  format: ExportFormat = 'json',
): Promise<AccessReport> {
  await requireRole(ctx, by, 'privacy_requests', 'privacy.export', target);
  const report = await gatherAccessReport(ctx, target);
  assertReadable(report, format);
  await audited(ctx, by, 'privacy.export', report.identifiers[0] ?? target, `format ${format}`);
  return report;
}

/**
 * A data-subject request as it is made (`/privacy export|erase`), before anything is gathered or confirmed: the
 * privacy-requests role only, a refusal audited.
 */
export function openPrivacyRequest(ctx: AppContext, by: Actor, verb: 'export' | 'erase', target: Identifier) {
  return requireRole(ctx, by, 'privacy_requests', `privacy.${verb}`, target);
}

/**
 * Who an erasure request is about, before it is confirmed (the console's confirmation page): the person held,
 * if any, and every identifier that will be erased; for the privacy-requests role only.
 */
export async function erasureSubject(ctx: AppContext, by: Actor, target: Identifier) {
  await openPrivacyRequest(ctx, by, 'erase', target);
  return personIdentifiers(ctx, target);
}

/** GDPR art. 15 as JSON, the machine format: the records as stored, and what the report derives from them. */
export async function exportPerson(ctx: AppContext, target: Identifier, by: Actor) {
  return exportJson(await accessRequest(ctx, target, by, 'json'));
}

/** The JSON of an access request: instants in UTC for programs, and the deadlines in the policy's time zone. */
export function exportJson(report: AccessReport) {
  return {
    generatedAt: report.at.toISOString(),
    controllerPolicy: report.policy,
    ...(report.controller ? { controller: report.controller } : {}),
    timeZone: report.zone,
    contact: report.contact ?? null,
    consents: report.consents,
    interactions: report.interactions,
    objections: report.objections.map(({ scope, at, origin, reason }) => ({ scope, at, origin, reason })),
    withdrawals: report.withdrawals.map(({ scope, purpose, at, origin }) => ({
      channel: scope,
      purpose,
      at,
      origin,
    })),
    decisions: report.decisions.map(({ askedAt, askedBy, channel, verdict, rules, policyRevision }) => ({
      askedAt,
      askedBy,
      channel,
      verdict,
      rules,
      policyRevision,
    })),
    legalBases: report.bases.map(({ channel, purpose, audience, basis, consent }) => ({
      channel,
      purpose,
      audience,
      basis,
      ...(consent ? { consentAt: consent.at } : {}),
    })),
    retention: report.deadlines.map((d) => ({
      kind: d.kind,
      deadline: localIso(d.at, report.zone),
      rule: d.rule,
    })),
  };
}

/**
 * GDPR art. 17: erases the person (contact, consents, interactions, decisions about them) and records an
 * objection on every identifier, so the keyed hash alone keeps them from being contacted again.
 */
export async function erasePerson(ctx: AppContext, target: Identifier, by: Actor) {
  await requireRole(ctx, by, 'privacy_requests', 'privacy.erase', target);
  const { contact, ids, hashes } = await identifiersFor(ctx, target);
  const now = ctx.clock();
  await ctx.store.addObjection(ids, 'all', now, 'erasure');
  await queueWebhooks(ctx, 'objection', { at: now, scope: 'all', origin: by.id, identifiers: ids });
  // The copies of campaign lists kept for a recheck at send time let her go too.
  recordedAgainst(ctx, ids, await eraseFromKeptLists(ctx, hashes));
  if (contact) return purgePerson(ctx, contact, by.id, 'privacy.erase');
  const removed = await ctx.store.purge({ decisionHashes: hashes });
  await ctx.store.audit({
    at: now.toISOString(),
    actor: by.id,
    action: 'privacy.erase',
    outcome: 'done',
    targetHash: hashes[0],
    detail: `${removed.decisions} decisions`,
  });
  return removed;
}

/**
 * Deletes a contact entered by mistake or no longer wanted: the contact, its consents, interactions and
 * decisions go; any objection stays in the suppression list (it must outlive the contact), and none is added,
 * unlike an erasure request. The owner or a compliance role only.
 */
export async function deleteContact(ctx: AppContext, target: Identifier, editor: Actor) {
  const contact = await ctx.store.findContact(target);
  if (!contact) throw new InputError('unknown_contact', { field: target.kind });
  await assertMayChange(ctx, contact, editor, 'contact.delete', target);
  return purgePerson(ctx, contact, editor.id, 'contact.delete');
}
