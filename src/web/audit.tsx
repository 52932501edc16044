import { localStamp } from '../domain/time.ts';
import { hasMessage, type Lang, t } from '../i18n.ts';
import type { AuditFilter, AuditPage } from '../services/audit.ts';
import { AUDIT_PAGE_SIZE } from '../services/audit.ts';
import type { AuditEntry, ChainCheck } from '../store/index.ts';
import { Csrf, Layout, type Page, userName } from './layout.tsx';

/**
 * The audit trail as the DPO reads it: who (by name), did what (a phrase), when (local time), and whether it was
 * done or refused. A target is stored only as a keyed hash: the page says "a person", never which.
 */

/** An actor id as people read it: the Slack name for `slack:U…`, and what kind of actor the others are. */
export function actorLabel(page: Page, actor: string): string {
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':');
  if (kind === 'slack' && name) return userName(page, name);
  if (kind === 'cli' && name) return t(page.lang, 'web_actor_cli', { name });
  if (kind === 'api' && name) return t(page.lang, 'web_actor_api', { name });
  if (actor === 'scheduler') return t(page.lang, 'web_actor_scheduler');
  if (actor === 'start') return t(page.lang, 'web_actor_start');
  return actor;
}

/** An action as a phrase of the catalogue (`contact.view` → web_action_contact_view); the raw action if none. */
export function actionLabel(lang: Lang, action: string): string {
  const key = `web_action_${action.replace(/[.-]/g, '_')}`;
  return hasMessage(key) ? t(lang, key) : action;
}

/** The chain's verdict in one sentence: whole, or the first entry where it breaks (with that entry's time). */
export function chainWords(lang: Lang, zone: string, check: ChainCheck, entryAt?: string): string {
  if (check.ok) return t(lang, 'web_audit_whole', { entries: check.entries, unchained: check.unchained });
  const problem = check.problem as NonNullable<ChainCheck['problem']>;
  const at = entryAt ? localStamp(new Date(entryAt), zone) : problem.id;
  const key = problem.kind === 'altered' ? 'web_audit_altered' : 'web_audit_removed';
  return t(lang, key, { position: problem.position, at });
}

/** The cells of one entry, as the page and the CSV export show them. */
export function entryCells(page: Page, zone: string, entry: AuditEntry): string[] {
  return [
    localStamp(new Date(entry.at), zone),
    actorLabel(page, entry.actor),
    actionLabel(page.lang, entry.action),
    t(page.lang, entry.outcome === 'refused' ? 'web_outcome_refused' : 'web_outcome_done'),
    entry.targetHash ? t(page.lang, 'web_audit_person') : '',
    entry.detail ?? '',
  ];
}

export const ENTRY_COLUMNS = [
  'web_col_at',
  'web_col_who',
  'web_col_action',
  'web_col_outcome',
  'web_col_about',
  'web_col_detail',
] as const;

export function AuditView({
  page,
  zone,
  filter,
  result,
  at,
}: {
  page: Page;
  zone: string;
  filter: AuditFilter;
  result: AuditPage;
  at: number;
}) {
  const { lang } = page;
  const pages = Math.max(1, Math.ceil(result.total / AUDIT_PAGE_SIZE));
  return (
    <Layout page={page} title={t(lang, 'web_nav_audit')}>
      <p class={result.check.ok ? 'notice chain-ok' : 'problem chain-broken'}>
        {chainWords(lang, zone, result.check, result.brokenAt)}
      </p>
      <Filters page={page} filter={filter} actors={result.actors} />
      <p>
        {t(lang, 'web_audit_count', { total: result.total })}{' '}
        {result.total > AUDIT_PAGE_SIZE && t(lang, 'web_audit_page', { page: at + 1, pages })}
      </p>
      {result.entries.length > 0 && <Entries page={page} zone={zone} entries={result.entries} />}
      <nav class="pages">
        {at > 0 && <a href={pageLink(filter, at - 1)}>{t(lang, 'web_audit_previous')}</a>}
        {result.more && <a href={pageLink(filter, at + 1)}>{t(lang, 'web_audit_next')}</a>}
      </nav>
      <Export page={page} filter={filter} />
    </Layout>
  );
}

/** Filters are actor ids, an action prefix and a date (never a person): they may sit in a URL, so a page can be linked. */
export function pageLink(filter: AuditFilter, at: number): string {
  const query = new URLSearchParams();
  for (const name of ['actor', 'action', 'since'] as const) {
    const value = filter[name];
    if (value) query.set(name, value);
  }
  if (at > 0) query.set('page', String(at + 1));
  const text = query.toString();
  return text ? `/audit?${text}` : '/audit';
}

function Filters({ page, filter, actors }: { page: Page; filter: AuditFilter; actors: string[] }) {
  const { lang } = page;
  return (
    <form method="get" action="/audit" class="filters">
      <div>
        <label for="actor">{t(lang, 'web_audit_actor')}</label>
        <select id="actor" name="actor">
          <option value="">{t(lang, 'web_audit_anyone')}</option>
          {actors.map((actor) => (
            <option value={actor} selected={actor === filter.actor}>
              {actorLabel(page, actor)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="action">{t(lang, 'web_audit_action')}</label>
        <input type="text" id="action" name="action" value={filter.action ?? ''} autocomplete="off" />
      </div>
      <div>
        <label for="since">{t(lang, 'web_audit_since')}</label>
        <input type="date" id="since" name="since" value={filter.since ?? ''} />
      </div>
      <button type="submit">{t(lang, 'web_audit_filter')}</button>
    </form>
  );
}

function Entries({ page, zone, entries }: { page: Page; zone: string; entries: AuditEntry[] }) {
  return (
    <table class="audit">
      <thead>
        <tr>
          {ENTRY_COLUMNS.map((key) => (
            <th>{t(page.lang, key)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr class={`outcome-${entry.outcome}`}>
            {entryCells(page, zone, entry).map((cell) => (
              <td>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The export is a POST with the session's CSRF token, though the filters could travel in a URL: it writes an
 * entry in the reader's name and hands over the trail in bulk, so another site must not be able to start one
 * with a link or an <img> (the Lax cookie rides along on a top-level GET).
 */
function Export({ page, filter }: { page: Page; filter: AuditFilter }) {
  return (
    <form method="post" action="/audit/export">
      <Csrf token={page.csrf} />
      <input type="hidden" name="actor" value={filter.actor ?? ''} />
      <input type="hidden" name="action" value={filter.action ?? ''} />
      <input type="hidden" name="since" value={filter.since ?? ''} />
      <button type="submit">{t(page.lang, 'web_audit_export')}</button>
    </form>
  );
}
