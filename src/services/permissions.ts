import type { Field } from '../domain/errors.ts';
import { RefusedError } from '../domain/errors.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { type Actor, holdsRole } from '../policy/access.ts';
import type { Role } from '../policy/schema.ts';
import type { AuditEntry } from '../store/index.ts';
import type { AppContext } from './context.ts';

/**
 * Who may do what is decided here, for every shell at once (Slack, the command line, the API, a console): a use
 * case calls `requireRole` before it acts and `audited` once it has. A refusal is written to the audit trail
 * before it is told (a forged button or modal is worth knowing about).
 */

/** Writes one audit entry in the actor's name; `target` is kept only as its keyed hash. */
export async function audited(
  ctx: AppContext,
  actor: Actor | string,
  action: string,
  target?: Identifier,
  detail?: string,
  outcome: AuditEntry['outcome'] = 'done',
): Promise<void> {
  await ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor: typeof actor === 'string' ? actor : actor.id,
    action,
    outcome,
    targetHash: target ? ctx.store.hash(target) : undefined,
    detail,
  });
}

export interface RoleNeed {
  /** Who holds the role here when the policy narrows it (the approvers of one channel's campaigns). */
  members?: readonly string[];
  /** The form field a refusal is shown under. */
  field?: Field;
  /** What the refused act was about, when the target is not a person (a campaign's id). */
  about?: string;
}

/** Goes on if the actor holds `role`; otherwise audits the refusal and throws it (RefusedError). */
export async function requireRole(
  ctx: AppContext,
  actor: Actor,
  role: Role,
  action: string,
  target?: Identifier,
  need: RoleNeed = {},
): Promise<void> {
  if (await holdsRole(actor, role, need.members)) return;
  const detail = need.about ? `${need.about} missing role ${role}` : `missing role ${role}`;
  await audited(ctx, actor, action, target, detail, 'refused');
  throw new RefusedError(action, role, need.members ?? ctx.policy.doc.roles[role], need.field);
}

/** Someone the workspace does not let in at all (a deleted account, a guest, another organisation): audited. */
export function refuseAccess(ctx: AppContext, actorId: string, why: string): Promise<void> {
  return audited(ctx, actorId, 'access', undefined, why, 'refused');
}
