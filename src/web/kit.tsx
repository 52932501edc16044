import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Lang } from '../i18n.ts';
import { t } from '../i18n.ts';
import type { Actor } from '../policy/access.ts';
import type { AppContext } from '../services/context.ts';
import { Message, type Page } from './layout.tsx';
import type { Session } from './sessions.ts';

/**
 * What every page of the console shares: who is signed in (set by app.tsx before any route runs), how a form's
 * fields are read, and how a page that says one thing is told.
 */

/** A workspace as the console sees it: its register and policy, and who a Slack user is there. */
export interface WebWorkspace {
  ctx: AppContext;
  actorOf(userId: string): Promise<Actor>;
  lang(userId: string): Promise<Lang>;
  /** The name people read for a Slack user (the owner of a contact, who acted in the audit trail). */
  nameOf?(userId: string): Promise<string>;
  /**
   * Whether the user may use the app at all (`member`; else why not: a guest, a deactivated account, someone of
   * another organisation, or one Slack cannot describe), asked at sign-in and on every request. Absent: the
   * emulator's and the tests' workspaces, whose people are all members.
   */
  standing?(userId: string): Promise<string>;
}

export interface Signed {
  session: Session;
  workspace: WebWorkspace;
  actor: Actor;
  page: Page;
}

export type Env = { Variables: { signed: Signed } };
export type ConsoleApp = Hono<Env>;

/** Before anyone is signed in, the browser's language says which to speak. */
export function visitorLang(c: Context): Lang {
  return /^en\b/i.test(c.req.header('Accept-Language') ?? '') ? 'en' : 'fr';
}

/** Before anyone is signed in: the page speaks the browser's language and names nobody. */
export const visitor = (c: Context): Page => ({ lang: visitorLang(c) });

/** A page that says one thing (signed out, refused, an error), titled with the console's name unless told. */
export function tell(
  c: Context,
  page: Page,
  text: string,
  status: ContentfulStatusCode,
  options: { problem?: boolean; title?: string } = {},
) {
  const title = options.title ?? t(page.lang, 'web_title');
  return c.html(<Message page={page} title={title} text={text} problem={options.problem} />, status);
}

/** A form's fields as text (a file or a missing field reads as ""), parsed once per request. */
export async function formFields(c: Context<Env>): Promise<(name: string) => string> {
  const form = await c.req.parseBody();
  return (name) => {
    const value = form[name];
    return typeof value === 'string' ? value : '';
  };
}

/** The names people read for these Slack users (owners, actors), each asked once; the id where none is known. */
export async function namesOf(
  workspace: WebWorkspace,
  ids: Iterable<string | undefined>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) if (id) names.set(id, (await workspace.nameOf?.(id)) ?? id);
  return names;
}
