import type { types, ViewStateValue } from '@slack/bolt';
import { CHANNELS, type Channel, CONSENT_PURPOSE_DEFAULT } from '../../domain/contacts.ts';
import { type Field, InputError, type InputProblem } from '../../domain/errors.ts';
import { type Identifier, maskIdentifier } from '../../domain/identifiers.ts';
import { type Lang, t } from '../../i18n.ts';
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
    // Slack refuses a view whose initial value is longer than the field allows: a value imported longer opens whole.
    max_length: Math.min(Math.max(maxLength, initial?.length ?? 0), 3000),
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

/**
 * Where a form shows each field a problem can be about. Services name a `Field` (domain/errors.ts); Slack shows
 * an error under an input block (`response_action: errors`, keyed by block_id, which must be one of the form's:
 * Slack refuses any other). A problem about no field of the form goes under its first input.
 */
export interface FormFields {
  /** The block that shows each field. */
  blocks: Partial<Record<Field, string>>;
  /** The form's first input. */
  first: string;
}

/** Problems about one field even when the service names none: an address or a number that does not parse. */
const PROBLEM_FIELD: Partial<Record<InputProblem, Field>> = {
  invalid_email: 'email',
  email_or_phone_required: 'email',
  invalid_phone: 'phone',
};

/** The field a problem is about, named by the service or implied by the problem. */
export function problemField(error: InputError): Field | undefined {
  return (error.params.field as Field | undefined) ?? PROBLEM_FIELD[error.problem];
}

/** The block of the form a problem is shown under. */
export function blockOf(form: FormFields, error: unknown): string {
  if (!(error instanceof InputError)) return form.first;
  const field = problemField(error);
  return form.blocks[field as Field] ?? form.first;
}

/** The consent form's fields (services/record.ts names the consent's date `at`). */
export const CONSENT_FIELDS: FormFields = {
  blocks: {
    channel: 'channel',
    purpose: 'purpose',
    method: 'method',
    wording: 'wording',
    evidence: 'evidence',
    at: 'date',
    until: 'until',
  },
  first: 'action',
};

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

/** Replaces a submitted modal with its confirmation, so the person sees the outcome where they acted. */
export function doneModal(lang: Lang, mrkdwn: string, title = t(lang, 'done_title')): types.ModalView {
  return {
    type: 'modal',
    title: plain(title),
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

type ShownBlock = { type?: string; block_id?: string; element?: Record<string, unknown> };

/** A value as compared: none when empty, or when a select says "auto" (work it out), a choice of nothing. */
const compared = (element: Record<string, unknown>, value: string | undefined) => {
  const trimmed = value?.trim() || undefined;
  return element.type === 'static_select' && trimmed === 'auto' ? undefined : trimmed;
};

/** Each input of a modal with what it showed when it opened: its initial value, option or date. */
export function initialValues(blocks: readonly unknown[] | undefined): Map<string, string | undefined> {
  const shown = new Map<string, string | undefined>();
  for (const block of (blocks ?? []) as ShownBlock[]) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const e = block.element;
    const option = (e.initial_option as { value?: string } | undefined)?.value;
    shown.set(
      block.block_id,
      compared(e, (option ?? e.initial_date ?? e.initial_value) as string | undefined),
    );
  }
  return shown;
}

/**
 * The inputs whose submitted value differs from the one the modal opened with, and their new value
 * (undefined: emptied). Compared with what the person saw, so a field they left alone is never named, even if
 * someone else changed it since.
 */
export function changedValues(
  blocks: readonly unknown[] | undefined,
  values: StateValues,
): Map<string, string | undefined> {
  const changed = new Map<string, string | undefined>();
  const elements = new Map(
    ((blocks ?? []) as ShownBlock[]).map((b) => [b.block_id ?? '', b.element ?? {}] as const),
  );
  for (const [block, initial] of initialValues(blocks)) {
    const now = compared(elements.get(block) ?? {}, fieldValue(values, block));
    if (now !== initial) changed.set(block, now);
  }
  return changed;
}
