import { type Actor, operator } from '../../src/policy/access.ts';
import { ROLES } from '../../src/policy/schema.ts';

/** Someone acting in a test with every policy role (an approver, a DPO), audited under `id`. */
export function withEveryRole(id: string): Actor {
  return { id, roles: ROLES, via: id.startsWith('slack:') ? 'slack' : 'cli' };
}

export { operator };
