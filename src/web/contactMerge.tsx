import type { Contact } from '../domain/contacts.ts';
import { identifiersOf } from '../domain/identifiers.ts';
import { t } from '../i18n.ts';
import { fieldList, fieldWords } from '../reports/problems.ts';
import type { MergePreview } from '../services/contactConsole.ts';
import { MergeSearchForm } from './contactForms.tsx';
import { Csrf, Layout, type Page, userName } from './layout.tsx';

/**
 * Merging two records of one person from the console: the other record found by a search (by form), then a
 * confirmation naming both, what the kept one gains and what differs, then the merge. Contact ids travel in the
 * form's body; no address or name is ever in a URL.
 */

const who = (page: Page, contact: Contact) =>
  [
    contact.name ?? t(page.lang, 'web_unnamed'),
    contact.company,
    identifiersOf(contact)
      .map((id) => id.value)
      .join(', '),
  ]
    .filter(Boolean)
    .join(' · ');

/** The search's results, this contact left out: each one can be chosen for the confirmation. */
export function MergeResultsPage({
  page,
  contact,
  query,
  found,
}: {
  page: Page;
  contact: Contact;
  query: string;
  found: Contact[];
}) {
  const { lang } = page;
  const others = found.filter((other) => other.id !== contact.id);
  const action = `/contacts/${encodeURIComponent(contact.id)}/merge/confirm`;
  return (
    <Layout page={page} title={t(lang, 'web_merge_title')}>
      <p>
        <strong>{who(page, contact)}</strong>
      </p>
      <MergeSearchForm page={page} id={contact.id} query={query} />
      {others.length === 0 && <p>{t(lang, 'web_merge_none')}</p>}
      {others.length > 0 && (
        <table>
          <tbody>
            {others.map((other) => (
              <tr>
                <td>{who(page, other)}</td>
                <td>{userName(page, other.owner)}</td>
                <td>
                  <form method="post" action={action} class="inline">
                    <Csrf token={page.csrf} />
                    <input type="hidden" name="other" value={other.id} />
                    <button type="submit">{t(lang, 'web_merge_choose')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** Before merging: which record stays, which goes, what the kept one gains and the fields both had differently. */
export function MergeConfirmPage({
  page,
  id,
  otherId,
  preview,
  stale,
}: {
  page: Page;
  id: string;
  otherId: string;
  preview: MergePreview;
  stale?: boolean;
}) {
  const { lang } = page;
  const { kept, gone } = preview;
  const field = fieldWords(lang);
  const shown = (contact: Contact, key: string) => {
    const value = (contact as unknown as Record<string, string | undefined>)[key];
    return key === 'owner' ? userName(page, value) : (value ?? '');
  };
  const back = `/contacts/${encodeURIComponent(id)}`;
  return (
    <Layout page={page} title={t(lang, 'web_merge_title')}>
      {stale && <p class="problem">{t(lang, 'web_merge_stale')}</p>}
      <p>{t(lang, 'web_merge_kept', { who: who(page, kept) })}</p>
      <p>{t(lang, 'web_merge_gone', { who: who(page, gone) })}</p>
      <p>{t(lang, 'web_merge_keeps_all')}</p>
      {preview.changed.length > 0 && (
        <p>{t(lang, 'web_merge_gains', { fields: fieldList(lang, preview.changed) })}</p>
      )}
      {preview.differed.length === 0 ? (
        <p>{t(lang, 'web_merge_no_difference')}</p>
      ) : (
        <>
          <p>{t(lang, 'web_merge_differs')}</p>
          <table class="differed">
            <thead>
              <tr>
                <th>{t(lang, 'web_col_field')}</th>
                <th>{t(lang, 'web_col_kept')}</th>
                <th>{t(lang, 'web_col_gone')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.differed.map((key) => (
                <tr>
                  <td>{field(key)}</td>
                  <td>{shown(kept, key)}</td>
                  <td>{shown(gone, key)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <form method="post" action={`${back}/merge/do`}>
        <Csrf token={page.csrf} />
        <input type="hidden" name="other" value={otherId} />
        <input type="hidden" name="versions" value={preview.versions} />
        <button type="submit">{t(lang, 'web_merge_do')}</button> <a href={back}>{t(lang, 'web_cancel')}</a>
      </form>
    </Layout>
  );
}
