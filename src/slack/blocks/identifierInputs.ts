import type { Contact } from '../../domain/contacts.ts';
import { type Field, InputError } from '../../domain/errors.ts';
import { type Identifier, identifiersOf } from '../../domain/identifiers.ts';
import { type Lang, type MessageKey, t } from '../../i18n.ts';
import type { ContactEdit } from '../../services/contactEdit.ts';
import { type Block, option } from './kit.ts';
import { fieldValue, input, type StateValues, select, text } from './modals.ts';

/** The Edit form's inputs for a person's addresses and numbers: add one of each kind, or replace one. */
export const IDENTIFIER_BLOCKS = {
  addEmail: 'add_email',
  addPhone: 'add_phone',
  /** Which of the contact's identifiers is replaced… */
  replace: 'replace',
  /** …and by what. */
  replaceWith: 'replace_with',
} as const;

/** Where a problem with an edit's identifier fields is shown; one about the old value goes under `replace`. */
export const IDENTIFIER_FIELDS: Partial<Record<Field, string>> = {
  addEmail: IDENTIFIER_BLOCKS.addEmail,
  addPhone: IDENTIFIER_BLOCKS.addPhone,
  replaceEmail: IDENTIFIER_BLOCKS.replaceWith,
  replacePhone: IDENTIFIER_BLOCKS.replaceWith,
};

/** The "replace" select's first option, chosen when the form opens. */
const NOTHING = 'none';
/** Slack's limits: 100 options to a select, 75 characters to an option's text. */
const MAX_OPTIONS = 100;
const MAX_LABEL = 75;

export type Hasher = (id: Identifier) => string;

/**
 * The value of the option naming one of the contact's identifiers: its kind and a short keyed hash. The editor
 * reads the address in full (they may: owner or compliance), but Slack's logs of the submission, and ours,
 * never carry it; the hash names it among the contact's few identifiers, whatever their order by then.
 */
const choiceOf = (id: Identifier, hash: Hasher) => `${id.kind}:${hash(id).slice(0, 16)}`;

const shown = (value: string) => (value.length > MAX_LABEL ? `${value.slice(0, MAX_LABEL - 1)}…` : value);

/** The inputs to give a contact another address or number, or to replace one of hers (all optional). */
export function identifierBlocks(lang: Lang, contact: Contact, hash: Hasher): Block[] {
  const current = identifiersOf(contact).slice(0, MAX_OPTIONS - 1);
  const choices = [
    option(t(lang, 'replace_nothing'), NOTHING),
    ...current.map((id) => option(shown(id.value), choiceOf(id, hash))),
  ];
  const hint = t(lang, 'hint_add_identifier');
  return [
    input(IDENTIFIER_BLOCKS.addEmail, t(lang, 'field_add_email'), text('value', undefined, 254), true, hint),
    input(IDENTIFIER_BLOCKS.addPhone, t(lang, 'field_add_phone'), text('value', undefined, 30), true, hint),
    input(
      IDENTIFIER_BLOCKS.replace,
      t(lang, 'field_replace'),
      select('value', choices, NOTHING),
      true,
      t(lang, 'hint_replace'),
    ),
    input(IDENTIFIER_BLOCKS.replaceWith, t(lang, 'field_replace_with'), text('value', undefined, 254), true),
  ];
}

/** An address or number typed in the form: the input it came from, and its kind. */
export interface TypedIdentifier {
  block: string;
  kind: Identifier['kind'];
  value: string;
}

/** What the identifier inputs of a submitted Edit form ask for. */
export interface IdentifierAnswers {
  /** The fields of the edit, as the service reads them (values as typed: the service reads and checks them). */
  edit: Pick<ContactEdit, 'addEmail' | 'addPhone' | 'replaceEmail' | 'replacePhone'>;
  typed: TypedIdentifier[];
  /** A replacement missing its old or its new value: the block, and what to tell there. */
  missing: Record<string, MessageKey>;
}

/**
 * Reads the identifier inputs. The replaced identifier is found again among the contact's by its option's hash;
 * one it no longer has (edited meanwhile, or a forged value) is refused under the select.
 */
export function identifierAnswers(
  values: StateValues,
  contact: Contact | undefined,
  hash: Hasher,
): IdentifierAnswers {
  const answers: IdentifierAnswers = { edit: {}, typed: [], missing: {} };
  const typed = (block: string, kind: Identifier['kind'], value: string | undefined) => {
    if (value !== undefined) answers.typed.push({ block, kind, value });
    return value;
  };
  answers.edit.addEmail = typed(IDENTIFIER_BLOCKS.addEmail, 'email', fieldValue(values, 'add_email'));
  answers.edit.addPhone = typed(IDENTIFIER_BLOCKS.addPhone, 'phone', fieldValue(values, 'add_phone'));
  const choice = fieldValue(values, IDENTIFIER_BLOCKS.replace);
  const by = fieldValue(values, IDENTIFIER_BLOCKS.replaceWith);
  if (choice === undefined || choice === NOTHING) {
    if (by !== undefined) answers.missing[IDENTIFIER_BLOCKS.replace] = 'error_replace_choose';
    return answers;
  }
  if (by === undefined) {
    answers.missing[IDENTIFIER_BLOCKS.replaceWith] = 'error_replace_with';
    return answers;
  }
  const kind = choice.startsWith('phone:') ? 'phone' : 'email';
  // An unknown contact is the service's to say (it was erased meanwhile).
  if (!contact) return answers;
  const old = identifiersOf(contact).find((id) => choiceOf(id, hash) === choice);
  if (!old) throw new InputError('not_an_identifier_of_contact', { field: kind });
  answers.edit[kind === 'email' ? 'replaceEmail' : 'replacePhone'] = [old.value, by];
  typed(IDENTIFIER_BLOCKS.replaceWith, kind, by);
  return answers;
}
