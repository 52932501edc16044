import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie } from 'hono/cookie';
import { InputError, RefusedError } from '../domain/errors.ts';
import { t } from '../i18n.ts';
import type { Role } from '../policy/schema.ts';
import { fieldWords, policyLists, problemLine } from '../reports/problems.ts';
import { CHARTS_JS, CONSOLE_CSS, chartLibrary } from './assets.ts';
import { auditRoutes } from './auditRoutes.tsx';
import { campaignRoutes } from './campaignRoutes.tsx';
import { deadlineRoutes } from './deadlineRoutes.tsx';
import { type Env, type Signed, tell, visitor, visitorLang, type WebWorkspace } from './kit.tsx';
import { Message } from './layout.tsx';
import { overviewRoutes } from './overviewRoutes.tsx';
import { policyRoutes, policyUploadLimit } from './policyRoutes.tsx';
import { registerRoutes } from './registerRoutes.tsx';
import { requestRoutes } from './requestRoutes.tsx';
import { csrfMatches } from './sessions.ts';
import { COOKIE, type SignInOptions, signInRoutes } from './signInRoutes.tsx';

export type { WebWorkspace };

/**
 * Who may sign in and how (signInRoutes.tsx); `workspace(key)` is the served workspace of a session's key, and
 * `secure` (served over https, behind a proxy) makes the cookies Secure.
 */
export type ConsoleOptions = SignInOptions;

const formLimit = bodyLimit({
  maxSize: 64 * 1024,
  onError: (c) => tell(c, visitor(c), t(visitorLang(c), 'web_form_too_big'), 413, { problem: true }),
});

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
  signInRoutes(app, options);
  // Before the sign-in middleware, which reads every POST body whole for its CSRF check.
  app.use('/policy/diff', policyUploadLimit);
  // Every other form is a few fields: 64 KB is far beyond any of them, and bounds what is read before sign-in.
  app.use(async (c, next) => (c.req.path === '/policy/diff' ? next() : formLimit(c, next)));
  app.use(async (c, next) => {
    const signed = await signedIn(c, options);
    if (!signed) return signedOut(c, options);
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
  overviewRoutes(app);
  app.onError((error, c) => problemPage(c, c.get('signed'), error, options));
  app.notFound((c) => tell(c, visitor(c), t(visitorLang(c), 'web_not_found'), 404, { title: '404' }));
  return app;
}

async function signedIn(c: Context, options: ConsoleOptions): Promise<Signed | undefined> {
  const token = getCookie(c, COOKIE);
  const session = options.sessions.find(token);
  if (!session) return undefined;
  const workspace = await options.workspace(session.teamId);
  if (!workspace) return undefined;
  // Deactivated, turned guest or unknown to Slack since signing in: the session ends here.
  if (((await workspace.standing?.(session.userId)) ?? 'member') !== 'member') {
    options.sessions.close(token);
    return undefined;
  }
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

/** Not signed in: with Sign in with Slack, its button; in the emulator, where to ask for a link. */
function signedOut(c: Context, options: ConsoleOptions) {
  const lang = visitorLang(c);
  if (!options.slack) return tell(c, visitor(c), t(lang, 'web_signed_out'), 401);
  const link = { href: '/signin/slack', label: t(lang, 'web_signin_slack') };
  return c.html(
    <Message
      page={visitor(c)}
      title={t(lang, 'web_title')}
      text={t(lang, 'web_signed_out_slack')}
      link={link}
    />,
    401,
  );
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
