import { InputError } from '../domain/errors.ts';
import { emailIdentifier, phoneIdentifier } from '../domain/identifiers.ts';
import type { AppContext } from './context.ts';
import { optOut, recordAudit } from './record.ts';

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
  subscriptionType?: string;
  objectId?: number;
  occurredAt?: number;
  propertyName?: string;
  propertyValue?: string;
}

/** What HubSpot holds of a contact, fetched by its id (HubSpot's events carry the id only). */
export type HubSpotLookup = (objectId: number) => Promise<{ email?: string; phone?: string } | undefined>;

/**
 * HubSpot's `contact.privacyDeletion` (a GDPR deletion there: an objection to everything here) and
 * `contact.propertyChange` of `hs_email_optout` to true (unsubscribed from all email: an objection to email). The
 * person is looked up by id; one HubSpot no longer holds (a deletion is often already done) cannot be matched
 * here, and is audited for the DPO to act on by hand.
 */
export async function hubspotEvents(
  ctx: AppContext,
  events: HubSpotEvent[],
  lookup: HubSpotLookup,
  by: string,
): Promise<InboundOutcome> {
  const outcome: InboundOutcome = { recorded: 0, ignored: 0, unresolved: [] };
  for (const event of events) {
    const deletion = event.subscriptionType === 'contact.privacyDeletion';
    const optedOut =
      event.subscriptionType === 'contact.propertyChange' &&
      event.propertyName === 'hs_email_optout' &&
      String(event.propertyValue).toLowerCase() === 'true';
    if ((!deletion && !optedOut) || typeof event.objectId !== 'number') {
      outcome.ignored++;
      continue;
    }
    const person = await lookup(event.objectId);
    if (optedOut && person && !person.email) {
      outcome.ignored++; // an email opt-out of someone HubSpot holds no email for: nothing to object to here
      continue;
    }
    if (!person?.email && !person?.phone) {
      outcome.unresolved.push(String(event.objectId));
      await ctx.store.audit({
        at: ctx.clock().toISOString(),
        actor: by,
        action: 'inbound.unresolved',
        outcome: 'refused',
        detail: `HubSpot ${event.subscriptionType} of contact ${event.objectId}: not found in HubSpot, record the objection by hand`,
      });
      continue;
    }
    const at =
      event.occurredAt && event.occurredAt <= ctx.clock().getTime() ? new Date(event.occurredAt) : undefined;
    const target = person.email ? { email: person.email } : { phone: person.phone };
    try {
      await optOut(ctx, {
        ...target,
        channel: deletion ? 'all' : 'email',
        ...(at ? { at: at.toISOString() } : {}),
        reason: deletion ? 'HubSpot privacy deletion' : 'HubSpot email opt-out',
        origin: by,
      });
      // An erasure granted in the CRM is the company's answer to the person (GDPR art. 17): their data here must
      // go too, which the DPO confirms (`privacy erase`); the objection above keeps them blocked meanwhile.
      if (deletion) {
        const person = target.email ? emailIdentifier(target.email) : phoneIdentifier(target.phone ?? '');
        await recordAudit(
          ctx,
          by,
          'inbound.erasure-requested',
          person,
          'HubSpot privacy deletion: erase here too',
        );
      }
      outcome.recorded++;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      outcome.unresolved.push(String(event.objectId));
    }
  }
  return outcome;
}
