import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { t } from '../i18n.ts';
import { refuseAccess } from '../services/permissions.ts';
import { FLOW_MS, SignInError, type SlackIdentity, type SlackSignIn } from '../slack/signIn.ts';
import { type Env, tell, visitor, visitorLang, type WebWorkspace } from './kit.tsx';
import { SESSION_MS, type Sessions } from './sessions.ts';

/** The session's cookie, and the cookie that binds a Sign in with Slack flow to the browser that began it. */
export const COOKIE = 'pg_console';
const FLOW_COOKIE = 'pg_signin';

export interface SignInOptions {
  sessions: Sessions;
  secure: boolean;
  log: (line: string) => void;
  workspace(key: string): Promise<WebWorkspace | undefined>;
  /** Sign in with Slack (every mode but the emulator's): the flow, and the workspace a Slack identity opens. */
  slack?: {
    signIn: SlackSignIn;
    /** The key of the served workspace this identity belongs to (its team, or its org-wide organisation). */
    keyOf(identity: SlackIdentity): Promise<string | undefined>;
  };
}

/**
 * How people sign in: a one-time link (the emulator's `:web`), or Sign in with Slack. Either way the person is a
 * Slack user of a served workspace who may use the app (a member: not a guest, a deactivated account or someone
 * of another organisation), checked again on every request by app.tsx.
 */
export function signInRoutes(app: Hono<Env>, options: SignInOptions): void {
  const { slack } = options;
  if (slack) {
    app.get('/signin/slack', (c) => {
      const { state, url } = slack.signIn.start();
      setCookie(c, FLOW_COOKIE, state, {
        httpOnly: true,
        secure: options.secure,
        sameSite: 'Lax',
        path: '/signin/slack',
        maxAge: FLOW_MS / 1000,
      });
      return c.redirect(url, 302);
    });
    app.get('/signin/slack/callback', (c) => slackCallback(c, options, slack));
  }
  app.get('/signin/:token', (c) => {
    const opened = options.sessions.redeem(c.req.param('token') ?? '');
    if (!opened) return tell(c, visitor(c), t(visitorLang(c), 'web_link_spent'), 401, { problem: true });
    return openSession(c, options, opened.token);
  });
}

async function slackCallback(
  c: Context<Env>,
  options: SignInOptions,
  slack: NonNullable<SignInOptions['slack']>,
) {
  const refuse = (key: Parameters<typeof t>[1], status: 401 | 403) =>
    tell(c, visitor(c), t(visitorLang(c), key), status, { problem: true });
  const query = { code: c.req.query('code'), state: c.req.query('state'), error: c.req.query('error') };
  let identity: SlackIdentity;
  try {
    identity = await slack.signIn.finish(query, getCookie(c, FLOW_COOKIE));
  } catch (error) {
    const reason = error instanceof SignInError ? error.reason : 'exchange';
    options.log(`console: sign in with Slack refused (${reason})`);
    return refuse(`web_signin_${reason}`, 401);
  } finally {
    setCookie(c, FLOW_COOKIE, '', { path: '/signin/slack', maxAge: 0 });
  }
  const key = await slack.keyOf(identity);
  const workspace = key ? await options.workspace(key) : undefined;
  if (!key || !workspace) {
    options.log('console: sign in with Slack refused (workspace not served)');
    return refuse('web_signin_not_served', 403);
  }
  const standing = (await workspace.standing?.(identity.userId)) ?? 'member';
  if (standing !== 'member') {
    await refuseAccess(workspace.ctx, `slack:${identity.userId}`, `console sign-in: ${standing}`);
    return refuse('web_signin_not_member', 403);
  }
  return openSession(c, options, options.sessions.open(key, identity.userId).token);
}

function openSession(c: Context<Env>, options: SignInOptions, token: string) {
  setCookie(c, COOKIE, token, {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_MS / 1000,
  });
  return c.redirect('/register', 303);
}
