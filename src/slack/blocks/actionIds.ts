import { z } from 'zod';
import type { Channel } from '../../domain/contacts.ts';
import { CHANNELS } from '../../domain/contacts.ts';

/** Ids Slack sends back when a button is pressed or a modal submitted: one place, so listeners and blocks agree. */
export const ACTION = {
  openConsent: 'consent_open',
  logObjection: 'objection_log',
  showContact: 'contact_show',
  openAddContact: 'contact_add_open',
  openEditContact: 'contact_edit_open',
  requestApproval: 'campaign_request',
  approve: 'campaign_approve',
  approveCleaned: 'campaign_approve_cleaned',
  approveReviewed: 'campaign_approve_reviewed',
  reviewGroup: 'campaign_review_group',
  reject: 'campaign_reject',
  recheck: 'campaign_recheck',
  purgeOverdue: 'retention_purge_overdue',
  repermission: 'retention_repermission',
  renewed: 'retention_renewed',
  purgeOne: 'retention_purge_one',
  erase: 'privacy_erase',
} as const;

export const VIEW = {
  consent: 'consent_modal',
  addContact: 'contact_modal',
  editContact: 'contact_edit_modal',
  campaign: 'campaign_modal',
  reject: 'campaign_reject_modal',
  renewed: 'retention_renewed_modal',
  purge: 'retention_purge_modal',
} as const;

/** What a button carries: the person (as normalised) and the channel asked about. */
export interface TargetValue {
  target: string;
  channel?: Channel;
}

export function targetValue(target: string, channel?: Channel): string {
  return JSON.stringify({ target, channel } satisfies TargetValue);
}

/**
 * The one reader of what comes back from Slack in button values and modals' private_metadata: they can be
 * forged, so each is checked against its schema; anything else reads as undefined (never a crash).
 */
export function readPayload<T>(raw: string | undefined, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(raw || 'null'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const short = z.string().max(320);

export const PAYLOAD = {
  /** A button about a person: who (as normalised) and the channel asked about. */
  target: z.object({ target: short, channel: z.enum(CHANNELS).optional() }),
  /** A modal about a person, opened from a conversation. */
  modal: z.object({ target: short.optional(), conversation: short.optional() }),
  /** A retention reminder's button: which contact, which deadline. */
  reminder: z.object({ c: short.optional(), k: short.optional() }),
  /**
   * The digest's purge button and the purge modal: the list as of `a` (ISO), its fingerprint `f`; the modal also
   * carries the digest message (`ch`, `ts`) whose thread is told the outcome.
   */
  purge: z.object({ a: short, f: short, ch: short.optional(), ts: short.optional() }),
  /** A group of a campaign's recipients in review: which check, which rule. */
  reviewGroup: z.object({ id: short, rule: short }),
  /** A campaign's modal: which check. */
  campaign: z.object({ id: short.optional(), conversation: short.optional() }),
} as const;

export function readTargetValue(raw: string | undefined): TargetValue | undefined {
  return readPayload(raw, PAYLOAD.target);
}
