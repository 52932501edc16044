import type { types } from '@slack/bolt';
import { type Contact, SOURCE_TYPES } from '../../domain/contacts.ts';
import type { Field } from '../../domain/errors.ts';
import { type Identifier, identifiersOf } from '../../domain/identifiers.ts';
import { dayOfIso } from '../../domain/time.ts';
import { type Lang, type MessageKey, t } from '../../i18n.ts';

import { VIEW } from './actionIds.ts';
import { type Hasher, IDENTIFIER_FIELDS, identifierBlocks } from './identifierInputs.ts';
import { type Block, context, option } from './kit.ts';
import { date, type FormFields, input, type ModalMetadata, modal, select, text } from './modals.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** The contact form's inputs, in its order, and the field of the contact (services' `ContactFields`) each gives. */
export const CONTACT_INPUTS = {
  email: 'email',
  phone: 'phone',
  name: 'name',
  company: 'company',
  function: 'function',
  audience: 'audience',
  address_kind: 'addressKind',
  source: 'source',
  collected: 'collectedAt',
  informed: 'informedAt',
} as const satisfies Record<string, Field>;
export type ContactInput = keyof typeof CONTACT_INPUTS;

function fieldsOf(inputs: ContactInput[]): FormFields {
  const blocks: FormFields['blocks'] = {};
  for (const block of inputs) blocks[CONTACT_INPUTS[block]] = block;
  // Direct or indirect collection follows from the source: the form asks only for the source.
  blocks.collection = 'source';
  return { blocks, first: inputs[0] as string };
}

/** The details the Edit form shows on the contact's values (its identifiers are added or replaced apart). */
export const EDIT_INPUTS: ContactInput[] = [
  'name',
  'company',
  'function',
  'audience',
  'address_kind',
  'source',
  'collected',
  'informed',
];

/** "New contact": where each field's problem is shown. */
export const ADD_CONTACT_FIELDS = fieldsOf(['email', 'phone', ...EDIT_INPUTS]);
/**
 * "Edit the contact": its details, and the identifiers to add or replace. A problem about an email or a phone
 * goes under the input that gave one of that kind (listeners/contactEdit.ts), the others under their field.
 */
export const EDIT_CONTACT_FIELDS: FormFields = {
  ...fieldsOf(EDIT_INPUTS),
  blocks: { ...fieldsOf(EDIT_INPUTS).blocks, ...IDENTIFIER_FIELDS },
};

/** What the contact form shows in each of its detail fields (dates as the local day, "auto" when unset). */
export interface ContactFormValues {
  name?: string;
  company?: string;
  function?: string;
  audience?: string;
  addressKind?: string;
  source?: string;
  collected?: string;
  informed?: string;
}

/** A stored contact as the Edit form shows it: each date as its day in the policy's time zone. */
export function contactFormValues(contact: Contact, zone: string): ContactFormValues {
  const day = (iso: string | undefined) => (iso ? dayOfIso(iso, zone) : undefined);
  return {
    name: contact.name,
    company: contact.company,
    function: contact.jobFunction,
    audience: contact.audience,
    addressKind: contact.addressKind,
    source: contact.provenance?.source,
    collected: day(contact.provenance?.collectedAt),
    informed: day(contact.provenance?.informedAt),
  };
}

/** A choice whose first option, "auto", lets the app work the value out. */
function autoChoice(
  lang: Lang,
  id: string,
  label: MessageKey,
  choices: Array<[MessageKey, string]>,
  initial: string | undefined,
) {
  return input(
    id,
    t(lang, label),
    select(
      'value',
      choices.map(([key, value]) => option(t(lang, key), value)),
      initial ?? 'auto',
    ),
  );
}

/** The details of a person, shared by the New contact and Edit forms, opened on `initial`. */
function detailBlocks(lang: Lang, initial: ContactFormValues, editing: boolean): Block[] {
  return [
    input('name', t(lang, 'field_name'), text('value', initial.name, 120), true),
    input('company', t(lang, 'field_company'), text('value', initial.company, 120), true),
    input('function', t(lang, 'field_function'), text('value', initial.function, 60), true),
    autoChoice(
      lang,
      'audience',
      'field_audience',
      [
        ['audience_auto', 'auto'],
        ['audience_b2b', 'b2b'],
        ['audience_b2c', 'b2c'],
      ],
      initial.audience,
    ),
    autoChoice(
      lang,
      'address_kind',
      'field_address_kind',
      [
        ['address_kind_auto', 'auto'],
        ['address_kind_personal', 'personal'],
        ['address_kind_nominative', 'pro-nominative'],
        ['address_kind_generic', 'pro-generic'],
      ],
      initial.addressKind,
    ),
    input(
      'source',
      t(lang, 'field_source'),
      select(
        'value',
        SOURCE_TYPES.map((s) => option(t(lang, `source_${s}`), s)),
        // Nothing chosen means nothing known: the policy answers review until the source is recorded.
        initial.source ?? 'unknown',
      ),
    ),
    // Editing, a contact recorded without a collection date keeps none until one is given.
    input('collected', t(lang, 'field_collected'), date('value', initial.collected), editing),
    input('informed', t(lang, 'field_informed'), date('value', initial.informed), true),
  ];
}

/** "Add the contact" from an answer about an unknown person: provenance is what the rules need. */
export function addContactModal(
  target: Identifier,
  lang: Lang,
  today: string,
  meta: ModalMetadata,
): types.ModalView {
  return modal(
    VIEW.addContact,
    t(lang, 'contact_title'),
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
      ...detailBlocks(lang, { collected: today }, false),
    ],
    meta,
  );
}

/**
 * "Edit the contact" (its owner or compliance), opened on what the register holds: what is left as it was
 * is not changed. Its identifiers are shown in full (its editor may see them, and must tell them apart to
 * replace one), then the inputs to add or replace one.
 */
export function editContactModal(
  contact: Contact,
  lang: Lang,
  zone: string,
  meta: ModalMetadata,
  hash: Hasher,
): types.ModalView {
  const ids = identifiersOf(contact)
    .map((id) => escapeMrkdwn(id.value))
    .join(' · ');
  return modal(
    VIEW.editContact,
    t(lang, 'contact_edit_title'),
    t(lang, 'consent_submit'),
    lang,
    [
      context(t(lang, 'contact_identifiers', { ids })),
      ...detailBlocks(lang, contactFormValues(contact, zone), true),
      ...identifierBlocks(lang, contact, hash),
    ],
    meta,
  );
}
