import { isCompliance } from '../policy/access.ts';
import type { Role } from '../policy/schema.ts';

/**
 * The team a question was asked by, for the overview. A console is one workspace (many-workspace mode gives each
 * its own register and console), so within it: a Slack user by the policy role she holds now (the roles the
 * policy gives Slack user groups): `compliance` for any compliance role, `approvers` for campaign approvers,
 * `sales` for everyone else; an API key by its name (`api:crm`); the command line's operators together (`cli`);
 * Slack workflows (`workflow`); anything else (`other`). Roles are read now, not as they were when asked.
 */
export type Team = 'compliance' | 'approvers' | 'sales' | 'cli' | 'workflow' | 'other' | `api:${string}`;

/** The roles of a Slack user now (undefined when the workspace does not know her any more). */
export type RolesOf = (userId: string) => Promise<readonly Role[] | undefined>;

export function teamOfRoles(roles: readonly Role[]): Team {
  if (isCompliance(roles)) return 'compliance';
  return roles.includes('approve_campaigns') ? 'approvers' : 'sales';
}

/** The team of each asker (`slack:U…`, `api:crm`, `cli:alice`), each Slack user's roles asked once. */
export async function teamsOf(askers: Iterable<string>, rolesOf: RolesOf): Promise<Map<string, Team>> {
  const teams = new Map<string, Team>();
  for (const asker of new Set(askers)) {
    const [door, ...rest] = asker.split(':');
    const name = rest.join(':');
    if (door === 'slack' && name === 'workflow') teams.set(asker, 'workflow');
    else if (door === 'slack' && name) {
      const roles = await rolesOf(name).catch(() => undefined);
      teams.set(asker, teamOfRoles(roles ?? []));
    } else if (door === 'api' && name) teams.set(asker, `api:${name}`);
    else if (door === 'cli') teams.set(asker, 'cli');
    else teams.set(asker, 'other');
  }
  return teams;
}
