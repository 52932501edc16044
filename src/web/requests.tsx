import type { Contact } from '../domain/contacts.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { t } from '../i18n.ts';
import { personLabel } from '../retention/purge.ts';
import { EXPORT_FORMATS } from '../services/accessReport.ts';
import { Csrf, Layout, type Page } from './layout.tsx';

/** The two requests a person makes, each through a form (POST): what was typed never reaches a URL. */
export function RequestsPage({ page }: { page: Page }) {
  const { lang } = page;
  return (
    <Layout page={page} title={t(lang, 'web_nav_requests')}>
      <p>{t(lang, 'web_requests_intro')}</p>
      <h2>{t(lang, 'web_export_title')}</h2>
      <form method="post" action="/requests/export">
        <Csrf token={page.csrf} />
        <label for="export-person">{t(lang, 'web_person_label')}</label>
        <input type="text" id="export-person" name="person" autocomplete="off" required />
        <label for="format">{t(lang, 'web_export_format')}</label>
        <select id="format" name="format">
          {EXPORT_FORMATS.map((format) => (
            <option value={format} selected={format === 'html'}>
              {t(lang, `web_format_${format}`)}
            </option>
          ))}
        </select>
        <label for="report-lang">{t(lang, 'web_export_lang')}</label>
        <select id="report-lang" name="lang">
          {(['fr', 'en'] as const).map((l) => (
            <option value={l} selected={l === lang}>
              {t(lang, `access_lang_${l}`)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t(lang, 'web_export_button')}</button>
      </form>
      <h2>{t(lang, 'web_erase_title')}</h2>
      <form method="post" action="/requests/erase">
        <Csrf token={page.csrf} />
        <label for="erase-person">{t(lang, 'web_person_label')}</label>
        <input type="text" id="erase-person" name="person" autocomplete="off" required />{' '}
        <button type="submit">{t(lang, 'web_erase_button')}</button>
      </form>
    </Layout>
  );
}

/** Who will be erased, in full (the privacy role sees it), and the confirmation the CLI and Slack ask too. */
export function EraseConfirm(props: { page: Page; typed: string; contact?: Contact; ids: Identifier[] }) {
  const { page, contact, ids } = props;
  const { lang } = page;
  const who = contact ? personLabel(contact, true) : ids.map((id) => id.value).join(', ');
  return (
    <Layout page={page} title={t(lang, 'web_erase_title')}>
      <p class="problem">{t(lang, 'cli_confirm_erase', { who })}</p>
      <p>{contact ? t(lang, 'web_erase_held', { who }) : t(lang, 'web_erase_not_held')}</p>
      <form method="post" action="/requests/erase/confirm">
        <Csrf token={page.csrf} />
        <input type="hidden" name="person" value={props.typed} />
        <label>
          <input type="checkbox" name="understood" value="yes" required /> {t(lang, 'web_erase_understood')}
        </label>
        <button type="submit" class="danger">
          {t(lang, 'web_erase_confirm')}
        </button>{' '}
        <a href="/requests">{t(lang, 'web_cancel')}</a>
      </form>
    </Layout>
  );
}
