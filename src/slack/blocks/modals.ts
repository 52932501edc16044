import type { types, ViewStateValue } from '@slack/bolt';
import { CHANNELS, type Channel, CONSENT_PURPOSE_DEFAULT, SOURCE_TYPES } from '../../domain/contacts.ts';
import { type Identifier, maskIdentifier } from '../../domain/identifiers.ts';
import { type Lang, type MessageKey, t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import { VIEW } from './actionIds.ts';
import { type Block, methodLabel, option, plain, section } from './kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** What a modal remembers between opening and submission (Slack sends it back; it can be forged). */
export interface ModalMetadata {
  target: string;
  /** Where the command was typed, to confirm there once the modal is submitted. */
  conversation?: string;
}

export function input(
  blockId: string,
  label: string,
  element: types.InputBlockElement,
  optional = false,
  hint?: string,
): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element,
    optional,
    ...(hint ? { hint: { type: 'plain_text', text: hint } } : {}),
  } as Block;
}

export function select(
  actionId: string,
  options: types.PlainTextOption[],
  initial?: string,
): types.StaticSelect {
  const chosen = options.find((o) => o.value === initial);
  return {
    type: 'static_select',
    action_id: actionId,
    options,
    ...(chosen ? { initial_option: chosen } : {}),
  };
}

export function text(actionId: string, initial?: string, maxLength = 200): types.PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: actionId,
    max_length: maxLength,
    ...(initial ? { initial_value: initial } : {}),
  };
}

export function date(actionId: string, initial?: string): types.Datepicker {
  return { type: 'datepicker', action_id: actionId, ...(initial ? { initial_date: initial } : {}) };
}

export function modal(
  callbackId: string,
  title: string,
  submit: string,
  lang: Lang,
  blocks: Block[],
  meta: object,
): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title.slice(0, 24)),
    submit: plain(submit),
    close: plain(t(lang, 'cancel')),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

/** /consent: a consent or its withdrawal, with the proof art. 7(1) GDPR asks the company to keep. */
export function consentModal(
  target: Identifier,
  policy: Policy,
  lang: Lang,
  today: string,
  meta: ModalMetadata,
  channel?: Channel,
): types.ModalView {
  const methods = [...policy.doc.params.accepted_consent_methods, 'other'];
  return modal(
    VIEW.consent,
    t(lang, 'consent_title'),
    t(lang, 'consent_submit'),
    lang,
    [
      section(t(lang, 'consent_person', { who: escapeMrkdwn(maskIdentifier(target)) })),
      input(
        'action',
        t(lang, 'field_action'),
        select(
          'value',
          [option(t(lang, 'action_grant'), 'grant'), option(t(lang, 'action_withdraw'), 'withdraw')],
          'grant',
        ),
      ),
      input(
        'channel',
        t(lang, 'field_channel'),
        select(
          'value',
          CHANNELS.map((c) => option(t(lang, `channel_${c}`), c)),
          channel ?? (target.kind === 'email' ? 'email' : 'sms'),
        ),
      ),
      input('purpose', t(lang, 'field_purpose'), text('value', CONSENT_PURPOSE_DEFAULT, 60)),
      input(
        'method',
        t(lang, 'field_method'),
        select(
          'value',
          methods.map((m) => option(methodLabel(lang, m), m)),
        ),
      ),
      input('wording', t(lang, 'field_wording'), text('value'), true),
      input('evidence', t(lang, 'field_evidence'), { type: 'url_text_input', action_id: 'value' }, true),
      input('date', t(lang, 'field_date'), date('value', today)),
      input('until', t(lang, 'field_until'), date('value'), true),
    ],
    meta,
  );
}

/** "Add the contact" from an answer about an unknown person: provenance is what the rules need. */
export function addContactModal(
  target: Identifier,
  lang: Lang,
  today: string,
  meta: ModalMetadata,
  /** The same form edits a known contact (its owner or compliance): empty fields change nothing. */
  editing = false,
): types.ModalView {
  return modal(
    editing ? VIEW.editContact : VIEW.addContact,
    t(lang, editing ? 'contact_edit_title' : 'contact_title'),
    t(lang, 'consent_submit'),
    lang,
    [
      input(
        'email',
        t(lang, 'field_email'),
        text('value', target.kind === 'email' ? target.value : undefined, 254),
        true,
      ),
      input(
        'phone',
        t(lang, 'field_phone'),
        text('value', target.kind === 'phone' ? target.value : undefined, 30),
        true,
      ),
      input('name', t(lang, 'field_name'), text('value', undefined, 120), true),
      input('company', t(lang, 'field_company'), text('value', undefined, 120), true),
      input('function', t(lang, 'field_function'), text('value', undefined, 60), true),
      autoChoice(lang, 'audience', 'field_audience', [
        ['audience_auto', 'auto'],
        ['audience_b2b', 'b2b'],
        ['audience_b2c', 'b2c'],
      ]),
      autoChoice(lang, 'address_kind', 'field_address_kind', [
        ['address_kind_auto', 'auto'],
        ['address_kind_personal', 'personal'],
        ['address_kind_nominative', 'pro-nominative'],
        ['address_kind_generic', 'pro-generic'],
      ]),
      input(
        'source',
        t(lang, 'field_source'),
        select(
          'value',
          SOURCE_TYPES.map((s) => option(s, s)),
          // Nothing chosen means nothing known: the policy answers review until the source is recorded.
          'unknown',
        ),
      ),
      input('collected', t(lang, 'field_collected'), date('value', today)),
      input('informed', t(lang, 'field_informed'), date('value'), true),
    ],
    meta,
  );
}

/** A choice whose first option, "auto", lets the app work the value out. */
function autoChoice(lang: Lang, id: string, label: MessageKey, choices: Array<[MessageKey, string]>) {
  return input(
    id,
    t(lang, label),
    select(
      'value',
      choices.map(([key, value]) => option(t(lang, key), value)),
      'auto',
    ),
  );
}

/** Replaces a submitted modal with its confirmation, so the person sees the outcome where they acted. */
export function doneModal(lang: Lang, mrkdwn: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(t(lang, 'done_title')),
    close: plain(t(lang, 'close')),
    blocks: [section(mrkdwn)],
  };
}

export type StateValues = Record<string, Record<string, ViewStateValue | undefined> | undefined>;

/** Reads one field of a submitted modal, whatever its element type. */
export function fieldValue(values: StateValues, blockId: string): string | undefined {
  const state = values[blockId]?.value;
  const dateTime = state?.selected_date_time
    ? new Date(state.selected_date_time * 1000).toISOString()
    : undefined;
  const raw = state?.selected_option?.value ?? state?.selected_date ?? dateTime ?? state?.value ?? undefined;
  return raw === null || raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}
