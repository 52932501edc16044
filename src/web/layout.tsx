import type { Child } from 'hono/jsx';
import { type Lang, t } from '../i18n.ts';

export interface Page {
  lang: Lang;
  /** The signed-in user's name, and the form token of their session; absent when nobody is signed in. */
  user?: string;
  csrf?: string;
  /** The names of the Slack users this page shows (owners, actors), by id (kit.tsx namesOf). */
  names?: ReadonlyMap<string, string>;
}

/** A Slack user as people read them: their name when the page knows it. */
export const userName = (page: Page, id: string | undefined) => (id ? (page.names?.get(id) ?? id) : '');

/** The console's pages, in the order of the menu; each title is `web_nav_<page>` in src/i18n/web*.ts. */
const NAV = ['overview', 'register', 'deadlines', 'campaigns', 'audit', 'policy', 'requests'] as const;

/** Every form that changes something carries the session's CSRF token. */
export function Csrf({ token }: { token?: string }) {
  return <input type="hidden" name="_csrf" value={token ?? ''} />;
}

/** The frame of every page: the console's name, where to go, who is signed in. */
export function Layout({
  page,
  title,
  charts,
  children,
}: {
  page: Page;
  title: string;
  /** The page draws charts: Chart.js and the console's script that reads each canvas's numbers. */
  charts?: boolean;
  children: Child;
}) {
  const { lang } = page;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · ${t(lang, 'web_title')}`}</title>
        <link rel="stylesheet" href="/assets/console.css" />
        {charts && <script src="/assets/chart.umd.min.js" defer />}
        {charts && <script src="/assets/charts.js" defer />}
      </head>
      <body>
        <header>
          <strong>{t(lang, 'web_title')}</strong>
          {page.user && (
            <nav>
              {NAV.map((name) => (
                <a href={`/${name}`}>{t(lang, `web_nav_${name}`)}</a>
              ))}
            </nav>
          )}
          {page.user && (
            <form class="inline me" method="post" action="/signout">
              <Csrf token={page.csrf} />
              {t(lang, 'web_signed_in_as', { user: page.user })}{' '}
              <button type="submit">{t(lang, 'web_sign_out')}</button>
            </form>
          )}
        </header>
        <main>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/** A page that only says one thing: not signed in, refused, not found. */
export function Message({
  page,
  title,
  text,
  problem,
  link,
}: {
  page: Page;
  title: string;
  text: string;
  problem?: boolean;
  /** What to do next (Sign in with Slack), as a button. */
  link?: { href: string; label: string };
}) {
  return (
    <Layout page={page} title={title}>
      <p class={problem ? 'problem' : 'notice'}>{text}</p>
      {link && (
        <p>
          <a class="button" href={link.href}>
            {link.label}
          </a>
        </p>
      )}
    </Layout>
  );
}
