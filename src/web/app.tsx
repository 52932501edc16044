import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { InputError, RefusedError } from '../domain/errors.ts';
import { t } from '../i18n.ts';
import type { Role } from '../policy/schema.ts';
import { fieldWords, policyLists, problemLine } from '../reports/problems.ts';
import { CHARTS_JS, CONSOLE_CSS, chartLibrary } from './assets.ts';
import { auditRoutes } from './auditRoutes.tsx';
import { campaignRoutes } from './campaignRoutes.tsx';
import { deadlineRoutes } from './deadlineRoutes.tsx';
import { type Env, type Signed, tell, visitor, visitorLang, type WebWorkspace } from './kit.tsx';
import { policyRoutes, policyUploadLimit } from './policyRoutes.tsx';
import { registerRoutes } from './registerRoutes.tsx';
import { requestRoutes } from './requestRoutes.tsx';
import { csrfMatches, SESSION_MS, type Sessions } from './sessions.ts';

export type { WebWorkspace };

export interface ConsoleOptions {
  sessions: Sessions;
  workspace(teamId: string): Promise<WebWorkspace | undefined>;
  /** Served over https (behind a proxy): the session cookie is then Secure. */
  secure: boolean;
  log: (line: string) => void;
}

const COOKIE = 'pg_console';
/** Problems that mean the page's subject does not exist (a contact or a campaign by id): a 404, not a 400. */
const NOT_FOUND: ReadonlySet<string> = new Set(['unknown_contact', 'unknown_campaign']);
const SCRIPT = 'text/javascript; charset=utf-8';
/** Nothing but the console's own files: no inline script or style, no frame, no form to elsewhere. */
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The compliance console: server-rendered pages over the same services as Slack, the CLI and the API. */
export function createConsole(options: ConsoleOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    // Pages hold personal data: never kept. The console's own files are the same for everyone: kept an hour, so
    // Chart.js (200 KB) is not fetched on every page.
    c.header('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=3600' : 'no-store');
  });
  app.get('/assets/console.css', (c) =>
    c.body(CONSOLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );
  app.get('/assets/charts.js', (c) => c.body(CHARTS_JS, 200, { 'Content-Type': SCRIPT }));
  app.get('/assets/chart.umd.min.js', (c) => c.body(chartLibrary(), 200, { 'Content-Type': SCRIPT }));
  app.get('/signin/:token', (c) => signIn(c, options));
  // Before the sign-in middleware, which reads every POST body whole for its CSRF check.
  app.use('/policy/diff', policyUploadLimit);
  app.use(async (c, next) => {
    const signed = await signedIn(c, options);
    if (!signed) return tell(c, visitor(c), t(visitorLang(c), 'web_signed_out'), 401);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!csrfMatches(signed.session, typeof form._csrf === 'string' ? form._csrf : undefined))
        return tell(c, signed.page, t(signed.page.lang, 'web_csrf'), 403, { problem: true });
    }
    c.set('signed', signed);
    await next();
  });
  app.post('/signout', (c) => {
    options.sessions.close(getCookie(c, COOKIE));
    deleteCookie(c, COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });
  registerRoutes(app);
  deadlineRoutes(app);
  requestRoutes(app);
  campaignRoutes(app);
  auditRoutes(app);
  policyRoutes(app);
  app.onError((error, c) => problemPage(c, c.get('signed'), error, options));
  app.notFound((c) => tell(c, visitor(c), t(visitorLang(c), 'web_not_found'), 404, { title: '404' }));
  return app;
}

/** A one-time link (the emulator's `:web`, or one Slack gives): spent at once, it opens a session. */
function signIn(c: Context, options: ConsoleOptions) {
  const opened = options.sessions.redeem(c.req.param('token') ?? '');
  if (!opened) return tell(c, visitor(c), t(visitorLang(c), 'web_link_spent'), 401, { problem: true });
  setCookie(c, COOKIE, opened.token, {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_MS / 1000,
  });
  return c.redirect('/register', 303);
}

async function signedIn(c: Context, options: ConsoleOptions): Promise<Signed | undefined> {
  const token = getCookie(c, COOKIE);
  const session = options.sessions.find(token);
  if (!session) return undefined;
  const workspace = await options.workspace(session.teamId);
  if (!workspace) return undefined;
  const [actor, lang, name] = await Promise.all([
    workspace.actorOf(session.userId),
    workspace.lang(session.userId),
    workspace.nameOf?.(session.userId),
  ]);
  return {
    session,
    workspace,
    actor: { ...actor, via: 'web' },
    page: { lang, user: name ?? session.userId, csrf: session.csrf },
  };
}

/** A refusal, a bad input or an unexpected error, told on a page in the reader's language; never a stack. */
function problemPage(c: Context<Env>, signed: Signed | undefined, error: unknown, options: ConsoleOptions) {
  if (!signed) {
    options.log(`console: internal error before sign-in: ${(error as Error)?.message}`);
    return tell(c, visitor(c), t(visitorLang(c), 'web_internal'), 500, { problem: true, title: '500' });
  }
  const { page, workspace } = signed;
  if (error instanceof RefusedError) {
    const role = t(page.lang, `role_${error.role as Role}`);
    return tell(c, page, t(page.lang, 'web_refused', { role }), 403, { problem: true });
  }
  if (error instanceof InputError) {
    const text = problemLine(page.lang, error, {
      fieldName: fieldWords(page.lang),
      extra: policyLists(workspace.ctx.policy),
    });
    const status = NOT_FOUND.has(error.problem) ? 404 : error.problem === 'not_allowed' ? 403 : 400;
    return tell(c, page, text, status, { problem: true });
  }
  options.log(`console: internal error on ${c.req.method} ${c.req.routePath}: ${(error as Error)?.message}`);
  return tell(c, page, t(page.lang, 'web_internal'), 500, { problem: true });
}
