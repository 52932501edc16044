import type { WebClient } from '@slack/web-api';
import type { Policy } from '../policy/load.ts';
import { PLACEHOLDERS, placeholdersIn } from '../policy/placeholders.ts';
import { ROLES } from '../policy/schema.ts';

/**
 * Checks at start-up what only the workspace can tell: do the policy's user groups exist? Returns one warning
 * line per problem; the app still starts (a role nobody holds refuses, it does not crash).
 */
export async function preflight(client: WebClient, policy: Policy): Promise<string[]> {
  const warnings: string[] = [];
  const doc = policy.doc;
  const used = new Set([
    ...ROLES.flatMap((role) => doc.roles[role]),
    ...Object.values(doc.campaign.approvers_by_channel).flat(),
  ]);
  for (const value of new Set(placeholdersIn(doc).map((found) => found.value)))
    warnings.push(
      `policy.yaml still has the placeholder "${value}": replace it (README, "Before going live")`,
    );
  for (const group of [...used].filter((m) => m.startsWith('S') && !PLACEHOLDERS.includes(m))) {
    try {
      await client.usergroups.users.list({ usergroup: group });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      warnings.push(
        `user group ${group} named in policy.yaml cannot be read (${code}): its members get no role`,
      );
    }
  }
  return warnings;
}
