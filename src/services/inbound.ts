import { InputError } from '../domain/errors.ts';
import { emailIdentifier, phoneIdentifier } from '../domain/identifiers.ts';
import type { AppContext } from './context.ts';
import { audited } from './permissions.ts';
import { optOut } from './record.ts';

/**
 * Other tools' own webhook payloads, turned into objections here: the same optOut service as the CLI, Slack and
 * the API (same checks, audit, webhooks out). Only what is an objection in law becomes one: an unsubscribe, an
 * email opt-out, a deletion for privacy. Anything else is acknowledged and left alone, so the tool does not retry.
 */

/** A lemlist activity as its webhooks send it (developer.lemlist.com, Activity object): the fields used here. */
export interface LemlistActivity {
  _id?: string;
  type?: string;
  leadEmail?: string;
  leadPhone?: string;
  createdAt?: string;
  campaignId?: string;
}

export interface InboundOutcome {
  recorded: number;
  ignored: number;
  unresolved: string[];
}

/**
 * lemlist's `emailsUnsubscribed`: the lead used the unsubscribe link of a campaign email, an objection to
 * prospecting by email (L.34-5 CPCE, GDPR art. 21(2)). Recorded at the activity's time when it is not in the future.
 */
export async function lemlistActivity(
  ctx: AppContext,
  activity: LemlistActivity,
  by: string,
): Promise<InboundOutcome> {
  if (activity.type !== 'emailsUnsubscribed' || !activity.leadEmail)
    return { recorded: 0, ignored: 1, unresolved: [] };
  const at =
    activity.createdAt && new Date(activity.createdAt) <= ctx.clock() ? activity.createdAt : undefined;
  await optOut(ctx, {
    email: activity.leadEmail,
    channel: 'email',
    ...(at ? { at } : {}),
    reason: `lemlist unsubscribe${activity.campaignId ? ` (campaign ${activity.campaignId})` : ''}`,
    origin: by,
  });
  return { recorded: 1, ignored: 0, unresolved: [] };
}

/** A HubSpot webhook event (Webhooks API v3, one of the array HubSpot POSTs): the fields used here. */
export interface HubSpotEvent {
  eventId?: number;
  portalId?: number;
  subscriptionType?: string;
  objectId?: number;
  occurredAt?: number;
  propertyName?: string;
  propertyValue?: string;
}

/** What HubSpot holds of a contact, fetched by its id (HubSpot's events carry the id only). */
export type HubSpotLookup = (objectId: number) => Promise<{ emails: string[]; phones: string[] } | undefined>;

/**
 * HubSpot's `contact.privacyDeletion` (a GDPR deletion there: an objection to everything here, on every address
 * and number HubSpot held) and `contact.propertyChange` of `hs_email_optout` to true (unsubscribed from all email:
 * an objection to email). The person is looked up by id; one HubSpot no longer holds (a deletion is often already
 * done) cannot be matched here, and is audited for the DPO to act on by hand. An event seen already (HubSpot
 * retries, or a replay) is acknowledged and left alone; with `portalId` set, another portal's events too.
 */
export async function hubspotEvents(
  ctx: AppContext,
  events: HubSpotEvent[],
  lookup: HubSpotLookup,
  by: string,
  portalId?: number,
): Promise<InboundOutcome> {
  const outcome: InboundOutcome = { recorded: 0, ignored: 0, unresolved: [] };
  for (const event of events) {
    const deletion = event.subscriptionType === 'contact.privacyDeletion';
    const optedOut =
      event.subscriptionType === 'contact.propertyChange' &&
      event.propertyName === 'hs_email_optout' &&
      String(event.propertyValue).toLowerCase() === 'true';
    const otherPortal = portalId !== undefined && event.portalId !== portalId;
    const seen =
      event.eventId !== undefined &&
      !(await ctx.store.claim(`hubspot:${event.portalId}:${event.eventId}`, 86_400_000));
    if ((!deletion && !optedOut) || typeof event.objectId !== 'number' || otherPortal || seen) {
      outcome.ignored++;
      continue;
    }
    const person = await lookup(event.objectId);
    // An email opt-out is about addresses only; a deletion about every way HubSpot had to reach the person.
    const targets: Array<{ email?: string; phone?: string }> = [
      ...(person?.emails ?? []).map((email) => ({ email })),
      ...(deletion ? (person?.phones ?? []) : []).map((phone) => ({ phone })),
    ];
    if (optedOut && person && person.emails.length === 0) {
      outcome.ignored++;
      continue;
    }
    if (targets.length === 0) {
      outcome.unresolved.push(String(event.objectId));
      await ctx.store.audit({
        at: ctx.clock().toISOString(),
        actor: by,
        action: 'inbound.unresolved',
        outcome: 'refused',
        detail: `HubSpot ${event.subscriptionType} of contact ${event.objectId}, which HubSpot no longer holds: record the objection by hand`,
      });
      continue;
    }
    const at =
      event.occurredAt && event.occurredAt <= ctx.clock().getTime() ? new Date(event.occurredAt) : undefined;
    let recorded = false;
    for (const target of targets) {
      try {
        await optOut(ctx, {
          ...target,
          channel: deletion ? 'all' : 'email',
          ...(at ? { at: at.toISOString() } : {}),
          reason: deletion ? 'HubSpot privacy deletion' : 'HubSpot email opt-out',
          origin: by,
        });
        recorded = true;
        // An erasure granted in the CRM is the company's answer to the person (GDPR art. 17): their data here
        // must go too, which the DPO confirms (`privacy erase`); the objection keeps them blocked meanwhile.
        if (deletion) {
          const id = target.email ? emailIdentifier(target.email) : phoneIdentifier(target.phone ?? '');
          await audited(ctx, by, 'inbound.erasure-requested', id, 'HubSpot privacy deletion: erase here too');
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error; // a malformed address in HubSpot: the others still count
      }
    }
    if (recorded) outcome.recorded++;
    else outcome.unresolved.push(String(event.objectId));
  }
  return outcome;
}
