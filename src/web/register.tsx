import type { Contact } from '../domain/contacts.ts';
import { identifiersOf } from '../domain/identifiers.ts';
import { formatLocal } from '../domain/time.ts';
import { t } from '../i18n.ts';
import type { ContactPage } from '../services/contactPage.ts';
import type { SearchResult } from '../services/registerSearch.ts';
import { Csrf, Layout, type Page, userName } from './layout.tsx';

const when = (page: Page, zone: string, iso: string | Date | undefined) =>
  iso ? formatLocal(new Date(iso), zone, page.lang) : t(page.lang, 'web_never');

/** The register's search: by form (POST), so no name or address ever sits in a URL or a proxy's log. */
export function RegisterSearch({
  page,
  query,
  result,
  at = 0,
}: {
  page: Page;
  query?: string;
  result?: SearchResult;
  /** The page of results shown, from 0. */
  at?: number;
}) {
  const { lang } = page;
  return (
    <Layout page={page} title={t(lang, 'web_nav_register')}>
      <form method="post" action="/register">
        <Csrf token={page.csrf} />
        <label for="query">{t(lang, 'web_search_label')}</label>
        <input type="search" id="query" name="query" value={query ?? ''} autocomplete="off" required />{' '}
        <button type="submit">{t(lang, 'web_search')}</button>
      </form>
      {result && <Results page={page} result={result} />}
      {result?.more && (
        <form method="post" action="/register">
          <Csrf token={page.csrf} />
          <input type="hidden" name="query" value={query ?? ''} />
          <input type="hidden" name="page" value={String(at + 1)} />
          <button type="submit">{t(page.lang, 'web_more')}</button>
        </form>
      )}
    </Layout>
  );
}

function Results({ page, result }: { page: Page; result: SearchResult }) {
  const { lang } = page;
  return (
    <>
      <p>{t(lang, 'web_results', { count: result.contacts.length })}</p>
      {result.contacts.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t(lang, 'web_col_name')}</th>
              <th>{t(lang, 'web_col_company')}</th>
              <th>{t(lang, 'web_col_identifiers')}</th>
              <th>{t(lang, 'web_col_owner')}</th>
            </tr>
          </thead>
          <tbody>
            {result.contacts.map((contact) => (
              <ContactRow contact={contact} page={page} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function ContactRow({ contact, page }: { contact: Contact; page: Page }) {
  const { lang } = page;
  return (
    <tr>
      <td>
        <a href={`/contacts/${encodeURIComponent(contact.id)}`}>{contact.name ?? t(lang, 'web_unnamed')}</a>
      </td>
      <td>{contact.company ?? ''}</td>
      <td>
        {identifiersOf(contact)
          .map((id) => id.value)
          .join(', ')}
      </td>
      <td>{userName(page, contact.owner)}</td>
    </tr>
  );
}

/** One person: provenance, consents, objections, interactions, the deadline, and each channel's answer now. */
export function ContactView({
  page,
  zone,
  view,
  done,
}: {
  page: Page;
  zone: string;
  view: ContactPage;
  done?: boolean;
}) {
  const { lang } = page;
  const { sheet } = view;
  const contact = sheet.contact as Contact;
  const provenance = [contact.provenance, ...(contact.sources ?? [])].filter((p) => p !== undefined);
  return (
    <Layout page={page} title={contact.name ?? t(lang, 'web_unnamed')}>
      {done && <p class="notice">{t(lang, 'web_objection_done')}</p>}
      <p>
        {[
          contact.company,
          identifiersOf(contact)
            .map((id) => id.value)
            .join(', '),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p>
        {sheet.retentionDeadline
          ? t(lang, 'web_deadline', { date: when(page, zone, sheet.retentionDeadline) })
          : t(lang, 'web_no_deadline')}
      </p>
      <h2>{t(lang, 'web_answers')}</h2>
      <Answers page={page} zone={zone} view={view} />
      <h2>{t(lang, 'web_provenance')}</h2>
      <List
        page={page}
        rows={provenance.map((p) => [
          p.collectedAt,
          `${p.source}${p.detail ? ` (${p.detail})` : ''} · ${p.collection}`,
        ])}
        zone={zone}
      />
      <h2>{t(lang, 'web_consents')}</h2>
      <List
        page={page}
        zone={zone}
        rows={sheet.consents.map((c) => [
          c.at,
          `${c.action} · ${c.channel} · ${c.purpose}${c.proof.method ? ` · ${c.proof.method}` : ''}${c.proof.evidence ? ` · ${c.proof.evidence}` : ''}`,
        ])}
      />
      <h2>{t(lang, 'web_objections')}</h2>
      <List
        page={page}
        zone={zone}
        rows={sheet.objections.map((o) => [o.at, `${o.kind ?? 'objection'} · ${o.scope}`])}
      />
      <h2>{t(lang, 'web_interactions')}</h2>
      <List page={page} zone={zone} rows={sheet.interactions.map((i) => [i.at, i.type])} />
      <ObjectionForm page={page} id={contact.id} />
    </Layout>
  );
}

/** Each channel's answer now, why, and when it could change (the engine's changesAt). */
function Answers({ page, zone, view }: { page: Page; zone: string; view: ContactPage }) {
  const { lang } = page;
  const { answers } = view;
  return (
    <table>
      <thead>
        <tr>
          <th>{t(lang, 'web_col_channel')}</th>
          <th>{t(lang, 'web_col_verdict')}</th>
          <th>{t(lang, 'web_col_why')}</th>
          <th>{t(lang, 'web_col_changes')}</th>
        </tr>
      </thead>
      <tbody>
        {answers.map(({ decision }) => (
          <tr>
            <td>{decision.channel}</td>
            <td class={`verdict-${decision.verdict}`}>{t(lang, `web_verdict_${decision.verdict}`)}</td>
            <td>
              {decision.reasons
                .filter((r) => decision.verdict === 'allow' || r.verdict !== 'allow')
                .map((r) => (
                  <div>
                    {r.message[lang]}{' '}
                    <small>({r.legal.map((l) => `${l.text} ${l.article}`).join(', ') || r.rule})</small>
                  </div>
                ))}
            </td>
            <td>{when(page, zone, decision.changesAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function List({ page, zone, rows }: { page: Page; zone: string; rows: Array<[string, string]> }) {
  if (rows.length === 0) return <p>{t(page.lang, 'web_none')}</p>;
  return (
    <table>
      <tbody>
        {rows.map(([at, what]) => (
          <tr>
            <td>{when(page, zone, at)}</td>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SCOPES = ['all', 'email', 'sms', 'phone', 'automated-call', 'messaging'] as const;

function ObjectionForm({ page, id }: { page: Page; id: string }) {
  const { lang } = page;
  return (
    <form method="post" action={`/contacts/${encodeURIComponent(id)}/objection`}>
      <h2>{t(lang, 'web_record_objection')}</h2>
      <Csrf token={page.csrf} />
      <label for="channel">{t(lang, 'web_objection_scope')}</label>
      <select id="channel" name="channel">
        {SCOPES.map((scope) => (
          <option value={scope}>{scope === 'all' ? t(lang, 'web_scope_all') : scope}</option>
        ))}
      </select>
      <label for="reason">{t(lang, 'web_reason')}</label>
      <input type="text" id="reason" name="reason" />{' '}
      <button type="submit">{t(lang, 'web_record_objection')}</button>
    </form>
  );
}
