import { ADDRESS_KINDS, AUDIENCES, RELATIONSHIP_KINDS, SOURCE_TYPES } from '../domain/contacts.ts';
import { type Lang, type MessageKey, t } from '../i18n.ts';
import type { FormField, FormValues } from '../services/contactConsole.ts';
import { Csrf, Layout, type Page } from './layout.tsx';

/**
 * The forms of a contact's page: record an objection, find the other record to merge with, and the Edit form
 * (also the Add form's fields). Every field shows its problem beside it, in the reader's language, with what was
 * typed kept.
 */

/** The problem shown at each field, already in the reader's words; `form` for one about the whole form. */
export type ProblemTexts = Partial<Record<FormField | 'form', string>>;

const SCOPES = ['all', 'email', 'sms', 'phone', 'automated-call', 'messaging'] as const;

export function ObjectionForm({ page, id }: { page: Page; id: string }) {
  const { lang } = page;
  return (
    <form method="post" action={`/contacts/${encodeURIComponent(id)}/objection`}>
      <h2>{t(lang, 'web_record_objection')}</h2>
      <Csrf token={page.csrf} />
      <label for="channel">{t(lang, 'web_objection_scope')}</label>
      <select id="channel" name="channel">
        {SCOPES.map((scope) => (
          <option value={scope}>
            {scope === 'all' ? t(lang, 'web_scope_all') : t(lang, `channel_${scope}`)}
          </option>
        ))}
      </select>
      <label for="reason">{t(lang, 'web_reason')}</label>
      <input type="text" id="reason" name="reason" />{' '}
      <button type="submit">{t(lang, 'web_record_objection')}</button>
    </form>
  );
}

/** The other record is found by a search sent by form: what is searched never sits in a URL. */
export function MergeSearchForm({ page, id, query }: { page: Page; id: string; query?: string }) {
  const { lang } = page;
  return (
    <form method="post" action={`/contacts/${encodeURIComponent(id)}/merge`}>
      <h2>{t(lang, 'web_merge')}</h2>
      <Csrf token={page.csrf} />
      <label for="merge-query">{t(lang, 'web_merge_search')}</label>
      <input type="search" id="merge-query" name="query" value={query ?? ''} autocomplete="off" required />{' '}
      <button type="submit">{t(lang, 'web_search')}</button>
    </form>
  );
}

type Choice = [value: string, label: MessageKey];

/** The choices of each select, the first one "not recorded" (or "work it out", where the app can). */
const CHOICES: Partial<Record<FormField, Choice[]>> = {
  audience: [['', 'audience_auto'], ...AUDIENCES.map((a): Choice => [a, `audience_${a}`])],
  addressKind: [
    ['', 'address_kind_auto'],
    ...ADDRESS_KINDS.map(
      (k): Choice => [
        k,
        k === 'personal'
          ? 'address_kind_personal'
          : k === 'pro-generic'
            ? 'address_kind_generic'
            : 'address_kind_nominative',
      ],
    ),
  ],
  source: [['', 'web_choice_unset'], ...SOURCE_TYPES.map((s): Choice => [s, `source_${s}`])],
  collection: [
    ['', 'web_choice_unset'],
    ['direct', 'collection_direct'],
    ['indirect', 'collection_indirect'],
  ],
  relationship: [
    ['', 'web_choice_unset'],
    ...RELATIONSHIP_KINDS.map((k): Choice => [k, `web_relationship_${k}`]),
  ],
};

/** How each field is labelled. */
const LABELS: Record<FormField, MessageKey> = {
  name: 'field_name',
  company: 'field_company',
  function: 'field_function',
  department: 'web_field_department',
  owner: 'web_field_owner',
  audience: 'field_audience',
  addressKind: 'field_address_kind',
  email: 'web_field_email_main',
  phone: 'web_field_phone_main',
  addEmail: 'field_add_email',
  addPhone: 'field_add_phone',
  source: 'field_source',
  sourceDetail: 'web_field_source_detail',
  collection: 'web_field_collection',
  collectedAt: 'field_collected',
  informedAt: 'field_informed',
  customerSince: 'web_field_customer_since',
  customerUntil: 'web_field_customer_until',
  relationship: 'web_field_relationship',
  lastPurchaseAt: 'web_field_last_purchase',
  products: 'web_field_products',
};

const DATES: ReadonlySet<FormField> = new Set([
  'collectedAt',
  'informedAt',
  'customerSince',
  'customerUntil',
  'lastPurchaseAt',
]);

/** One field: its label, its value (what was typed, or the record's), and its problem beside it. */
export function Field({
  lang,
  name,
  values,
  problems,
}: {
  lang: Lang;
  name: FormField;
  values: FormValues;
  problems: ProblemTexts;
}) {
  const id = `f-${name}`;
  const value = values[name] ?? '';
  const problem = problems[name];
  const choices = CHOICES[name];
  const described = problem ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-problem` } : {};
  return (
    <div class={problem ? 'field invalid' : 'field'}>
      <label for={id}>{t(lang, LABELS[name])}</label>
      {choices ? (
        <select id={id} name={name} {...described}>
          {choices.map(([choice, label]) => (
            <option value={choice} selected={choice === value}>
              {t(lang, label)}
            </option>
          ))}
        </select>
      ) : (
        <input type={DATES.has(name) ? 'date' : 'text'} id={id} name={name} value={value} {...described} />
      )}
      {problem && (
        <span class="problem" id={`${id}-problem`}>
          {problem}
        </span>
      )}
    </div>
  );
}

/** The Edit form's fields by group. */
export const EDIT_GROUPS: Array<[MessageKey, FormField[]]> = [
  ['web_h_identity', ['name', 'company', 'function', 'department', 'owner', 'audience', 'addressKind']],
  ['web_h_identifiers', ['email', 'phone', 'addEmail', 'addPhone']],
  ['web_h_collection', ['source', 'sourceDetail', 'collection', 'collectedAt', 'informedAt']],
  ['web_h_customer', ['customerSince', 'customerUntil', 'relationship', 'lastPurchaseAt', 'products']],
];

/**
 * A contact's Edit form, on her values (or on what was typed, when a problem sent it back). It carries the
 * record's fingerprint: the route refuses it if the record changed since, and shows the new values.
 */
export function EditContactPage({
  page,
  id,
  title,
  version,
  values,
  problems = {},
  stale,
}: {
  page: Page;
  id: string;
  title: string;
  version: string;
  values: FormValues;
  problems?: ProblemTexts;
  stale?: boolean;
}) {
  const { lang } = page;
  const back = `/contacts/${encodeURIComponent(id)}`;
  return (
    <Layout page={page} title={`${t(lang, 'contact_edit_title')} · ${title}`}>
      {stale && <p class="problem">{t(lang, 'web_edit_stale')}</p>}
      {problems.form && <p class="problem">{problems.form}</p>}
      {!problems.form && Object.keys(problems).length > 0 && (
        <p class="problem">{t(lang, 'web_form_problem')}</p>
      )}
      <p>{t(lang, 'web_edit_only_changed')}</p>
      <form method="post" action={`${back}/edit`} class="edit">
        <Csrf token={page.csrf} />
        <input type="hidden" name="version" value={version} />
        {EDIT_GROUPS.map(([heading, fields]) => (
          <fieldset>
            <legend>{t(lang, heading)}</legend>
            {fields.map((name) => (
              <Field lang={lang} name={name} values={values} problems={problems} />
            ))}
          </fieldset>
        ))}
        <button type="submit">{t(lang, 'web_edit_save')}</button> <a href={back}>{t(lang, 'web_cancel')}</a>
      </form>
    </Layout>
  );
}
