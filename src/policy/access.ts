import type { Contact } from '../domain/contacts.ts';
import type { Policy } from './load.ts';
import type { Role } from './schema.ts';

/**
 * Who may do what, as the policy and the register say; shells only tell whether a user holds a role (a Slack
 * user group) and ask these rules what the action needs.
 */

/** The roles of compliance work: they see everyone's contacts and deadlines, not only their own. */
export const COMPLIANCE_ROLES: readonly Role[] = [
  'record_consent',
  'see_contacts',
  'purge',
  'privacy_requests',
];

export function isCompliance(roles: readonly Role[]): boolean {
  return roles.some((role) => COMPLIANCE_ROLES.includes(role));
}

/** Who approves a campaign checked in `channel`: the approvers the policy names for it, else the approve role. */
export function campaignApprovers(policy: Policy, channel: string | undefined): string[] {
  return (channel && policy.doc.campaign.approvers_by_channel[channel]) || policy.doc.roles.approve_campaigns;
}

/**
 * What acting on a contact (renewing its deadline, purging it) needs from a user: nothing more for its owner,
 * the purge role for anyone else.
 */
export function roleToActOn(contact: Pick<Contact, 'owner'>, userId: string): Role | undefined {
  return contact.owner === userId ? undefined : 'purge';
}

/** Whose deadlines a user sees: compliance roles see everyone's, a salesperson their own contacts'. */
export function seesContact(
  contact: Pick<Contact, 'owner'>,
  userId: string,
  roles: readonly Role[],
): boolean {
  return isCompliance(roles) || contact.owner === userId;
}

/** Who may edit a contact's provenance, owner, audience or address kind: its owner or a compliance role. */
export function mayEditContact(
  contact: Pick<Contact, 'owner'>,
  userId: string | undefined,
  roles: readonly Role[],
): boolean {
  return isCompliance(roles) || (userId !== undefined && contact.owner === userId);
}

/**
 * Who may export the whole register with every identifier in full (`register export`): the compliance roles; the
 * command line's operator, who works on the register itself, counts as one. A salesperson sees her own contacts.
 */
export function mayExportRegister(roles: readonly Role[]): boolean {
  return isCompliance(roles);
}
