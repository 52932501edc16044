import type { Contact } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { identifiersOf } from '../domain/identifiers.ts';
import { type Actor, isCompliance, roleToActOn, seesContact } from '../policy/access.ts';
import { type Deadline, type RetentionScan, RULE } from '../retention/deadlines.ts';
import type { PurgeResult } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { audited, requireRole } from './permissions.ts';
import { confirmableList, purgePerson, recordRenewal, retentionScan } from './retention.ts';

/**
 * What a person may do about deadlines, whichever shell they use: see them (everyone's for compliance roles,
 * their own contacts' for a salesperson), and act on one contact's (its owner, or the purge role).
 */

/** The deadlines one actor sees now, and whether in full (compliance roles) or masked as elsewhere. */
export async function retentionFor(
  ctx: AppContext,
  actor: Actor,
): Promise<{ scan: RetentionScan; full: boolean }> {
  const scan = await retentionScan(ctx);
  const seen = (list: Deadline[]) => list.filter((d) => seesContact(d.contact, actor.userId, actor.roles));
  return {
    scan: { ...scan, overdue: seen(scan.overdue), due: seen(scan.due), lapsed: seen(scan.lapsed) },
    full: isCompliance(actor.roles),
  };
}

/** The contact a reminder's button is about, if it is still held; refused (and audited) unless the actor may act. */
export async function contactToActOn(
  ctx: AppContext,
  actor: Actor,
  contactId: string | undefined,
  action: string,
): Promise<Contact | undefined> {
  const contact = contactId ? await ctx.store.contactById(contactId) : undefined;
  if (!contact) return undefined;
  const needed = roleToActOn(contact, actor.userId);
  if (needed) await requireRole(ctx, actor, needed, action, identifiersOf(contact)[0], { field: 'evidence' });
  return contact;
}

/** The owner will ask the person again (a re-permission): written down, so the deadline's follow-up is known. */
export async function askRepermission(
  ctx: AppContext,
  actor: Actor,
  contactId: string | undefined,
  kind: string,
): Promise<Contact | undefined> {
  // The audit keeps a deadline's kind, never text from a form: nothing a person typed reaches the trail.
  if (!(kind in RULE))
    throw new InputError('not_one_of', {
      field: 'kind',
      value: kind.slice(0, 40),
      allowed: Object.keys(RULE).join(', '),
    });
  const contact = await contactToActOn(ctx, actor, contactId, 'retention.repermission');
  if (contact) await audited(ctx, actor, 'retention.repermission', identifiersOf(contact)[0], kind);
  return contact;
}

/** A reminder's "purge now": one person's data goes at once; their objection hash stays. */
export async function purgeContactNow(
  ctx: AppContext,
  actor: Actor,
  contactId: string | undefined,
): Promise<PurgeResult | undefined> {
  const contact = await contactToActOn(ctx, actor, contactId, 'retention.purge');
  return contact && purgePerson(ctx, contact, actor.id, 'retention.purge');
}

/** The deadlines a renewal answers: the data of a prospect or a customer (a yes to a re-permission), a phone consent. */
const RENEWABLE: ReadonlySet<string> = new Set(['prospect', 'customer', 'phone-consent']);

/** A deadline renewed (a new phone consent, a yes to a re-permission), with how and its proof; audited. */
export async function renewDeadline(
  ctx: AppContext,
  actor: Actor,
  contactId: string | undefined,
  kind: string,
  renewal: { at: string; method?: string; proof: string },
): Promise<Contact | undefined> {
  if (!RENEWABLE.has(kind)) throw new InputError('stale_button');
  const contact = await contactToActOn(ctx, actor, contactId, 'retention.renewed');
  if (!contact) return undefined;
  // A phone consent renewed is a consent recorded (art. L.34-5 CPCE, its proof kept): the record-consent role's,
  // as /consent is, whoever owns the contact.
  if (kind === 'phone-consent')
    await requireRole(ctx, actor, 'record_consent', 'retention.renewed', identifiersOf(contact)[0], {
      field: 'evidence',
    });
  await recordRenewal(ctx, contact, kind, { ...renewal, by: actor.id, where: actor.via });
  const detail = `${kind} ${renewal.method}: ${renewal.proof}`.slice(0, 500);
  await audited(ctx, actor, 'retention.renewed', identifiersOf(contact)[0], detail);
  return contact;
}

/** The purge list a confirmation as of `at` is about, for the purge role only. */
export async function purgePreview(ctx: AppContext, actor: Actor, at: Date): Promise<Deadline[]> {
  await requireRole(ctx, actor, 'purge', 'retention.purge');
  return confirmableList(ctx, at);
}
