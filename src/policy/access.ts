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
export function roleToActOn(contact: Pick<Contact, 'owner'>, userId: string | undefined): Role | undefined {
  return userId !== undefined && contact.owner === userId ? undefined : 'purge';
}

/** Whose deadlines a user sees: compliance roles see everyone's, a salesperson their own contacts'. */
export function seesContact(
  contact: Pick<Contact, 'owner'>,
  userId: string | undefined,
  roles: readonly Role[],
): boolean {
  return isCompliance(roles) || (userId !== undefined && contact.owner === userId);
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

/**
 * Who acts, as every use case receives them: the name the audit trail gives them (`slack:U…`, `cli:alice`,
 * `api:lemlist`, `scheduler`), the Slack user behind it (whose contacts they own), the policy roles they hold,
 * and the door they came in by. Shells build it; services decide with it and audit under `id`.
 */
export interface Actor {
  id: string;
  userId?: string;
  roles: readonly Role[];
  via: 'slack' | 'cli' | 'api' | 'web' | 'system';
  /**
   * Whether they are among these members (user ids, user groups, `everyone`): for a role the policy narrows,
   * such as the approvers of one channel's campaigns. Without it, holding the role is enough.
   */
  isAmong?: (members: readonly string[]) => Promise<boolean>;
}

/** The command line's operator works on the register itself: trusted like the compliance roles. */
export function operator(id: string): Actor {
  return { id, roles: COMPLIANCE_ROLES, via: 'cli' };
}

/** The app itself acting on a schedule or a file change, with the one role that act needs. */
export function systemActor(id: string, roles: readonly Role[]): Actor {
  return { id, roles, via: 'system' };
}

/** The retention schedule: it purges what is overdue at the real clock, and nothing else. */
export const SCHEDULER = systemActor('scheduler', ['purge']);

/** The policy file watched on disk: a change to it is a reload (the reload role is the purge role's). */
export const FILE_WATCH = systemActor('file-watch', ['purge']);

/** An API key acts within its scopes, checked by the API's guard; it holds no policy role. */
export function keyActor(name: string): Actor {
  return { id: `api:${name}`, roles: [], via: 'api' };
}

/** Whether the actor may act as `role`; `members` when the policy narrows who holds it here. */
export async function holdsRole(actor: Actor, role: Role, members?: readonly string[]): Promise<boolean> {
  if (members && actor.isAmong) return actor.isAmong(members);
  return actor.roles.includes(role);
}
