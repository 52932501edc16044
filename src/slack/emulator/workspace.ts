/**
 * The emulator's pretend workspace: a salesperson, a DPO, a sales manager, an English-speaking compliance
 * auditor, and the two user groups the default
 * policy.yaml names as placeholders (S0COMPLIANCE, S0SALESMGR). No real workspace has these ids.
 */
export interface EmulatedUser {
  id: string;
  name: string;
  realName: string;
  locale: string;
  /** Accounts prospect-guard must refuse: a guest, a deactivated account, someone of another organisation. */
  standing?: 'guest' | 'deleted' | 'external';
}

export const TEAM_ID = 'T0EMULATOR';
export const BOT = { userId: 'U0BOT', botId: 'B0BOT', appId: 'A0PROSPECT' } as const;
export const SALES_CHANNEL = 'C0SALES';

export const USERS: EmulatedUser[] = [
  { id: 'U0SALES', name: 'sam', realName: 'Sam Vendeur', locale: 'en-GB' },
  { id: 'U0DPO', name: 'dominique', realName: 'Dominique Conformité', locale: 'fr-FR' },
  { id: 'U0MANAGER', name: 'morgan', realName: 'Morgan Manager', locale: 'fr-FR' },
  { id: 'U0AUDIT', name: 'alex', realName: 'Alex Auditor', locale: 'en-US' },
  { id: 'U0GUEST', name: 'gaby', realName: 'Gaby Invité', locale: 'fr-FR', standing: 'guest' },
  { id: 'U0GONE', name: 'ancien', realName: 'Ancien Salarié', locale: 'fr-FR', standing: 'deleted' },
  { id: 'U0PARTNER', name: 'pat', realName: 'Pat Partner', locale: 'en-GB', standing: 'external' },
];

export const USER_GROUPS: Record<string, string[]> = {
  S0COMPLIANCE: ['U0DPO', 'U0AUDIT'],
  S0SALESMGR: ['U0MANAGER'],
};

/**
 * What users.info says of one of them, asked with the token of `team`. With an org-wide token (E…), the
 * organisation's people have their home in its workspace T0HQ and ask from any of its workspaces; a partner
 * (Slack Connect) belongs to another organisation.
 */
export function usersInfo(user: EmulatedUser, team: string): Record<string, unknown> {
  const external = user.standing === 'external';
  const orgWide = team.startsWith('E');
  return {
    id: user.id,
    name: user.name,
    real_name: user.realName,
    locale: user.locale,
    team_id: external ? 'T0OTHERORG' : orgWide ? 'T0HQ' : team,
    ...(orgWide && !external ? { enterprise_user: { enterprise_id: team, teams: ['T0HQ'] } } : {}),
    deleted: user.standing === 'deleted',
    is_restricted: user.standing === 'guest',
  };
}
