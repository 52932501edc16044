import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { InputError, RefusedError } from '../domain/errors.ts';
import { type Lang, t } from '../i18n.ts';
import type { Actor } from '../policy/access.ts';
import type { Role } from '../policy/schema.ts';
import { fieldWords, policyLists, problemLine } from '../reports/problems.ts';
import { contactPage, objectFromPage } from '../services/contactPage.ts';
import type { AppContext } from '../services/context.ts';
import { searchContacts } from '../services/registerSearch.ts';
import { CONSOLE_CSS } from './assets.ts';
import { Message, type Page } from './layout.tsx';
import { ContactView, RegisterSearch } from './register.tsx';
import { csrfMatches, SESSION_MS, type Session, type Sessions } from './sessions.ts';

/** A workspace as the console sees it: its register and policy, and who a Slack user is there. */
export interface WebWorkspace {
  ctx: AppContext;
  actorOf(userId: string): Promise<Actor>;
  lang(userId: string): Promise<Lang>;
}

export interface ConsoleOptions {
  sessions: Sessions;
  workspace(teamId: string): Promise<WebWorkspace | undefined>;
  /** Served over https (behind a proxy): the session cookie is then Secure. */
  secure: boolean;
  log: (line: string) => void;
}

const COOKIE = 'pg_console';
/** Nothing but the console's own files: no inline script or style, no frame, no form to elsewhere. */
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

interface Signed {
  session: Session;
  workspace: WebWorkspace;
  actor: Actor;
  page: Page;
}

type Env = { Variables: { signed: Signed } };

/** The compliance console: server-rendered pages over the same services as Slack, the CLI and the API. */
export function createConsole(options: ConsoleOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  });
  app.get('/assets/console.css', (c) =>
    c.body(CONSOLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );
  app.get('/signin/:token', (c) => signIn(c, options));
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
  routes(app);
  app.onError((error, c) => problemPage(c, c.get('signed'), error, options));
  app.notFound((c) => tell(c, visitor(c), t(visitorLang(c), 'web_not_found'), 404, { title: '404' }));
  return app;
}

function routes(app: Hono<Env>): void {
  app.get('/', (c) => c.redirect('/register', 303));
  app.get('/register', (c) => c.html(<RegisterSearch page={c.var.signed.page} />));
  app.post('/register', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const form = await c.req.parseBody();
    const query = String(form.query ?? '');
    // The page of results travels in the form too: a search never puts what was searched in a URL.
    const at = Math.max(0, Math.min(Number.parseInt(String(form.page ?? '0'), 10) || 0, 10_000));
    const result = await searchContacts(workspace.ctx, actor, query, at);
    return c.html(<RegisterSearch page={page} query={query} result={result} at={at} />);
  });
  app.get('/contacts/:id', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const view = await contactPage(workspace.ctx, actor, c.req.param('id'));
    const zone = workspace.ctx.policy.doc.policy.time_zone;
    return c.html(<ContactView page={page} zone={zone} view={view} done={c.req.query('done') === '1'} />);
  });
  app.post('/contacts/:id/objection', async (c) => {
    const { workspace, actor } = c.var.signed;
    const form = await c.req.parseBody();
    const id = c.req.param('id');
    await objectFromPage(workspace.ctx, actor, id, {
      channel: String(form.channel ?? 'all'),
      reason: String(form.reason ?? ''),
    });
    return c.redirect(`/contacts/${encodeURIComponent(id)}?done=1`, 303);
  });
}

/** Before anyone is signed in, the browser's language says which to speak. */
function visitorLang(c: Context): Lang {
  return /^en\b/i.test(c.req.header('Accept-Language') ?? '') ? 'en' : 'fr';
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
  const [actor, lang] = await Promise.all([
    workspace.actorOf(session.userId),
    workspace.lang(session.userId),
  ]);
  return {
    session,
    workspace,
    actor: { ...actor, via: 'web' },
    page: { lang, user: session.userId, csrf: session.csrf },
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
    return tell(c, page, text, error.problem === 'unknown_contact' ? 404 : 400, { problem: true });
  }
  options.log(`console: internal error on ${c.req.method} ${c.req.routePath}: ${(error as Error)?.message}`);
  return tell(c, page, t(page.lang, 'web_internal'), 500, { problem: true });
}

/** Before anyone is signed in: the page speaks the browser's language and names nobody. */
const visitor = (c: Context): Page => ({ lang: visitorLang(c) });

/** A page that says one thing (signed out, refused, an error), titled with the console's name unless told. */
function tell(
  c: Context,
  page: Page,
  text: string,
  status: ContentfulStatusCode,
  options: { problem?: boolean; title?: string } = {},
) {
  const title = options.title ?? t(page.lang, 'web_title');
  return c.html(<Message page={page} title={title} text={text} problem={options.problem} />, status);
}
