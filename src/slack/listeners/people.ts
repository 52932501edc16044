import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type Lang, langOfLocale } from '../../i18n.ts';
import { ROLES, type Role } from '../../policy/schema.ts';
import type { AppContext } from '../../services/context.ts';

const LOCALE_TTL_MS = 60 * 60 * 1000;
const GROUP_TTL_MS = 5 * 60 * 1000;
const FAILURE_TTL_MS = 5 * 1000;

/**
 * Whether a user may use the app: a member, or why not. `unknown`: Slack says there is no such user
 * (`user_not_found`); `unverified`: Slack could not be asked (down, rate-limited). Both are refusals.
 */
export type Standing = 'member' | 'guest' | 'deleted' | 'external' | 'unknown' | 'unverified';

interface Profile {
  lang: Lang;
  /** The name Slack shows for them (display name, else real name). */
  name?: string;
  deleted: boolean;
  guest: boolean;
  teamId?: string;
  /** Their Enterprise Grid organisation, if any: members of one organisation work across its workspaces. */
  enterpriseId?: string;
}

interface Cached<T> {
  value: T;
  until: number;
}

/**
 * Who the user is to prospect-guard: their language (Slack locale) and their roles (policy ids, with
 * user groups expanded). Both are cached because they cost a Web API call and change rarely. When Slack
 * cannot answer, the language falls back to the policy default and a role is refused (fail closed).
 */
export class People {
  private readonly locales = new Map<string, Cached<Profile>>();
  /** Users whose profile could not be read lately, until when, and whether Slack said they do not exist. */
  private readonly failures = new Map<string, { until: number; unknown: boolean }>();
  private readonly groups = new Map<string, Cached<Set<string>>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly client: WebClient,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get defaultLang(): Lang {
    return this.ctx.policy.doc.policy.default_language;
  }

  async lang(userId: string): Promise<Lang> {
    return (await this.profile(userId))?.lang ?? this.defaultLang;
  }

  /** The name people read for a Slack user (a console's owner column, its audit trail); the id if Slack cannot say. */
  async name(userId: string): Promise<string> {
    return (await this.profile(userId))?.name ?? userId;
  }

  /**
   * Whether a user may ask at all: a deleted account, a guest (unless the policy allows guests) or someone of
   * another organisation (Slack Connect: their team is not this workspace's) may not. Neither may someone Slack
   * cannot describe: a signed request proves it came from Slack, not that its user still belongs here (fail
   * closed).
   */
  async standing(userId: string, teamId: string | undefined, enterpriseId?: string): Promise<Standing> {
    const profile = await this.profile(userId);
    if (!profile) return this.failures.get(userId)?.unknown ? 'unknown' : 'unverified';
    if (profile.deleted) return 'deleted';
    // In an Enterprise Grid organisation, a member of one workspace may ask in another of the same organisation
    // (org-wide install, shared channels): the organisation decides, not the workspace.
    const sameOrganisation = Boolean(enterpriseId) && profile.enterpriseId === enterpriseId;
    if (!sameOrganisation && teamId && profile.teamId && profile.teamId !== teamId) return 'external';
    if (profile.guest && !this.ctx.policy.doc.workspace.allow_guests) return 'guest';
    return 'member';
  }

  /** users.info, cached: locale, account state, team. */
  private async profile(userId: string): Promise<Profile | undefined> {
    const cached = this.locales.get(userId);
    if (cached && cached.until > this.now()) return cached.value;
    const failed = this.failures.get(userId);
    if (failed && failed.until > this.now()) return undefined;
    try {
      const { user } = await this.client.users.info({ user: userId, include_locale: true });
      const profile: Profile = {
        lang: langOfLocale(user?.locale, this.defaultLang),
        name: user?.profile?.display_name || user?.real_name || user?.name || undefined,
        deleted: Boolean(user?.deleted),
        guest: Boolean(user?.is_restricted || user?.is_ultra_restricted),
        teamId: user?.team_id,
        enterpriseId: (user as { enterprise_user?: { enterprise_id?: string } } | undefined)?.enterprise_user
          ?.enterprise_id,
      };
      this.locales.set(userId, { value: profile, until: this.now() + LOCALE_TTL_MS });
      return profile;
    } catch (error) {
      this.logger.warn(`users.info failed, answering in ${this.defaultLang}: ${(error as Error).message}`);
      // Remembered a few seconds only, so one request reads it once; the next question tries again.
      const unknown = (error as { data?: { error?: string } }).data?.error === 'user_not_found';
      this.failures.set(userId, { until: this.now() + FAILURE_TTL_MS, unknown });
      return undefined;
    }
  }

  members(role: Role): string[] {
    return this.ctx.policy.doc.roles[role];
  }

  async has(userId: string, role: Role): Promise<boolean> {
    return this.isAmong(userId, this.members(role));
  }

  /** Every role the user holds (App Home, what they may see). */
  async rolesOf(userId: string): Promise<Role[]> {
    const held: Role[] = [];
    for (const role of ROLES) if (await this.has(userId, role)) held.push(role);
    return held;
  }

  /** Whether the user is one of these members: a user id, a member of a user group, or everyone. */
  async isAmong(userId: string, members: string[]): Promise<boolean> {
    for (const member of members) {
      if (member === 'everyone' || member === userId) return true;
      if (member.startsWith('S') && (await this.groupMembers(member)).has(userId)) return true;
    }
    return false;
  }

  private async groupMembers(group: string): Promise<Set<string>> {
    const cached = this.groups.get(group);
    if (cached && cached.until > this.now()) return cached.value;
    try {
      const answer = await this.client.usergroups.users.list({ usergroup: group });
      const members = new Set(answer.users ?? []);
      this.groups.set(group, { value: members, until: this.now() + GROUP_TTL_MS });
      return members;
    } catch (error) {
      this.logger.warn(
        `usergroups.users.list ${group} failed, its members get no role: ${(error as Error).message}`,
      );
      // Remembered a few seconds, like a failed users.info: one request (which asks for every role) reads the
      // group once and refuses its roles alike; the next question tries again.
      const none = new Set<string>();
      this.groups.set(group, { value: none, until: this.now() + FAILURE_TTL_MS });
      return none;
    }
  }
}
