import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type Lang, langOfLocale } from '../../i18n.ts';
import { ROLES, type Role } from '../../policy/schema.ts';
import type { AppContext } from '../../services/context.ts';

const LOCALE_TTL_MS = 60 * 60 * 1000;
const GROUP_TTL_MS = 5 * 60 * 1000;

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
  private readonly locales = new Map<string, Cached<Lang>>();
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
    const cached = this.locales.get(userId);
    if (cached && cached.until > this.now()) return cached.value;
    let lang = this.defaultLang;
    try {
      const info = await this.client.users.info({ user: userId, include_locale: true });
      lang = langOfLocale(info.user?.locale, this.defaultLang);
    } catch (error) {
      this.logger.warn(`users.info failed, answering in ${lang}: ${(error as Error).message}`);
      return lang; // not cached: the next question tries again
    }
    this.locales.set(userId, { value: lang, until: this.now() + LOCALE_TTL_MS });
    return lang;
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
      return new Set();
    }
  }
}
