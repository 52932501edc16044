import type { Channel } from '../../domain/contacts.ts';

/** Ids Slack sends back when a button is pressed or a modal submitted: one place, so listeners and blocks agree. */
export const ACTION = {
  openConsent: 'consent_open',
  logObjection: 'objection_log',
  showContact: 'contact_show',
  openAddContact: 'contact_add_open',
  requestApproval: 'campaign_request',
  approve: 'campaign_approve',
  approveCleaned: 'campaign_approve_cleaned',
  reject: 'campaign_reject',
  purgeOverdue: 'retention_purge_overdue',
  repermission: 'retention_repermission',
  renewed: 'retention_renewed',
  purgeOne: 'retention_purge_one',
  erase: 'privacy_erase',
} as const;

export const VIEW = {
  consent: 'consent_modal',
  addContact: 'contact_modal',
  campaign: 'campaign_modal',
  reject: 'campaign_reject_modal',
  renewed: 'retention_renewed_modal',
} as const;

/** What a button carries: the person (as normalised) and the channel asked about. */
export interface TargetValue {
  target: string;
  channel?: Channel;
}

export function targetValue(target: string, channel?: Channel): string {
  return JSON.stringify({ target, channel } satisfies TargetValue);
}

/** Button values and private_metadata come back from Slack and can be forged: read them defensively. */
export function readTargetValue(raw: string | undefined): TargetValue | undefined {
  try {
    const value = JSON.parse(raw ?? '') as Partial<TargetValue>;
    if (typeof value.target !== 'string' || value.target.length > 320) return undefined;
    return { target: value.target, channel: value.channel };
  } catch {
    return undefined;
  }
}
