import {
  asObjections,
  type ConsentRecord,
  type Objection,
  objectionKey,
  type Suppression,
} from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { foreignKeysOf } from '../domain/foreignHashes.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { readWithdrawals } from '../domain/withdrawals.ts';
import { recordedAgainst } from './approvedWatch.ts';
import { eraseFromKeptLists } from './campaignLists.ts';
import { assertMayChange, type Editor } from './contacts.ts';
import type { AppContext } from './context.ts';
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

/** GDPR art. 15: everything held on the person, as JSON; the request itself is audited. */
export async function exportPerson(ctx: AppContext, target: Identifier, by: string) {
  const { contact, hashes } = await identifiersFor(ctx, target);
  const facts = await ctx.store.subjectFacts(target);
  const about = await ctx.store.recordsAbout(hashes);
  await ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor: by,
    action: 'privacy.export',
    outcome: 'done',
    targetHash: hashes[0],
  });
  return {
    generatedAt: ctx.clock().toISOString(),
    controllerPolicy: { name: ctx.policy.doc.policy.name, revision: ctx.policy.revision },
    contact: contact ?? null,
    consents: facts.consents,
    interactions: facts.interactions,
    // Every time the person objected, not only the first (art. 15: the whole record, in the order told); the
    // consents she withdrew apart, with their purpose: a withdrawal is not an objection (domain/withdrawals.ts).
    objections: suppressionsOf(about.suppressions, facts.consents, 'objection').map(
      ({ scope, at, origin, reason }) => ({ scope, at, origin, reason }),
    ),
    withdrawals: suppressionsOf(about.suppressions, facts.consents, 'withdrawal').map(
      ({ scope, purpose, at, origin }) => ({ channel: scope, purpose, at, origin }),
    ),
    decisions: about.decisions.map(({ askedAt, askedBy, channel, verdict, rules, policyRevision }) => ({
      askedAt,
      askedBy,
      channel,
      verdict,
      rules,
      policyRevision,
    })),
  };
}

/**
 * Each date of the suppression entries, read by its substance as an objection or as a withdrawal with its
 * purpose (an entry of an earlier version by the person's consent records), with where it was told.
 */
function suppressionsOf(
  suppressions: Suppression[],
  consents: ConsentRecord[],
  kind: 'objection' | 'withdrawal',
): Array<Objection & Pick<Suppression, 'origin' | 'reason'>> {
  const told = suppressions.flatMap((s) => {
    const { origin, reason } = s;
    const dates = readWithdrawals(asObjections(s), consents);
    return dates
      .filter((o) => (o.kind === 'withdrawal') === (kind === 'withdrawal'))
      .map((o) => ({ ...o, origin, ...(reason && o.kind !== 'withdrawal' ? { reason } : {}) }));
  });
  // The suppression list keeps one entry per identifier: a person with an email and a phone told it once.
  const once = new Map(told.map((o) => [`${objectionKey(o)}|${o.origin}`, o]));
  return [...once.values()].sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * GDPR art. 17: erases the person (contact, consents, interactions, decisions about them) and records an
 * objection on every identifier, so the keyed hash alone keeps them from being contacted again.
 */
export async function erasePerson(ctx: AppContext, target: Identifier, by: string) {
  const { contact, ids, hashes } = await identifiersFor(ctx, target);
  const now = ctx.clock();
  await ctx.store.addObjection(ids, 'all', now, 'erasure');
  await queueWebhooks(ctx, 'objection', { at: now, scope: 'all', origin: by, identifiers: ids });
  // The copies of campaign lists kept for a recheck at send time let her go too.
  recordedAgainst(ctx, ids, await eraseFromKeptLists(ctx, hashes));
  if (contact) return purgePerson(ctx, contact, by, 'privacy.erase');
  const removed = await ctx.store.purge({ decisionHashes: hashes });
  await ctx.store.audit({
    at: now.toISOString(),
    actor: by,
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
export async function deleteContact(ctx: AppContext, target: Identifier, editor: Editor) {
  const contact = await ctx.store.findContact(target);
  if (!contact) throw new InputError('unknown_contact', { field: target.kind });
  await assertMayChange(ctx, contact, editor, 'contact.delete', target);
  return purgePerson(ctx, contact, editor.actor, 'contact.delete');
}
