import type { Contact } from '../domain/contacts.ts';
import { identifiersOf } from '../domain/identifiers.ts';
import { t } from '../i18n.ts';
import type { FormField, FormValues } from '../services/contactConsole.ts';
import type { SearchResult } from '../services/registerSearch.ts';
import { Field, type ProblemTexts } from './contactForms.tsx';
import { Csrf, Layout, type Page, userName } from './layout.tsx';

/** The register's search: by form (POST), so no name or address ever sits in a URL or a proxy's log. */
export function RegisterSearch({
  page,
  query,
  result,
  at = 0,
  add,
}: {
  page: Page;
  query?: string;
  result?: SearchResult;
  /** The page of results shown, from 0. */
  at?: number;
  /** The Add form, for those who may see the register: what was typed and its problems, when sent back. */
  add?: { values: FormValues; problems: ProblemTexts };
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
      {add && <AddContactForm page={page} {...add} />}
    </Layout>
  );
}

const ADD_FIELDS: FormField[] = [
  'email',
  'phone',
  'name',
  'company',
  'function',
  'owner',
  'source',
  'sourceDetail',
  'collectedAt',
  'informedAt',
];

/** A new contact: an address or a number, who she is, and where her details came from (what the rules need). */
function AddContactForm({
  page,
  values,
  problems,
}: {
  page: Page;
  values: FormValues;
  problems: ProblemTexts;
}) {
  const { lang } = page;
  return (
    <details open={Object.keys(problems).length > 0}>
      <summary>{t(lang, 'web_add_contact')}</summary>
      <form method="post" action="/register/add" class="edit">
        <Csrf token={page.csrf} />
        {problems.form && <p class="problem">{problems.form}</p>}
        {ADD_FIELDS.map((name) => (
          <Field lang={lang} name={name} values={values} problems={problems} />
        ))}
        <button type="submit">{t(lang, 'web_add_contact')}</button>
      </form>
    </details>
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
