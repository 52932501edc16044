import type { App } from '@slack/bolt';
import type { Contact } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import {
  emailIdentifier,
  type Identifier,
  identifiersOf,
  maskIdentifier,
  phoneIdentifier,
  sameIdentifier,
} from '../../domain/identifiers.ts';
import { type Lang, t } from '../../i18n.ts';
import { fieldList } from '../../reports/problems.ts';
import { type ContactEdit, contactToEdit, editContact } from '../../services/contactEdit.ts';
import type { ContactFields } from '../../services/contacts.ts';
import { ACTION, VIEW } from '../blocks/actionIds.ts';
import { CONTACT_INPUTS, EDIT_CONTACT_FIELDS, EDIT_INPUTS, editContactModal } from '../blocks/contactForm.ts';
import { IDENTIFIER_BLOCKS, identifierAnswers, type TypedIdentifier } from '../blocks/identifierInputs.ts';
import { blockOf, changedValues, doneModal, problemField } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { onView, openModal, problemText, type SlackDeps, slackActor } from './kit.ts';
import { dayToInstant, onPersonButton, readModal } from './person.ts';

/** The Edit button of the contact sheet and its form: a contact's details, and her addresses and numbers. */
export function register(app: App): void {
  const hasher = (deps: SlackDeps) => (id: Identifier) => deps.ctx.store.hash(id);

  onPersonButton(app, ACTION.openEditContact, async (args, lang, target, _value, deps) => {
    // Refused (and audited) by the service unless the presser owns the contact or holds a compliance role.
    const contact = await contactToEdit(deps.ctx, await slackActor(deps, args.body.user.id), target);
    const meta = { target: target.value, conversation: args.body.channel?.id };
    const view = editContactModal(contact, lang, deps.ctx.policy.timeZone, meta, hasher(deps));
    await openModal(deps, args, lang, view);
  });

  // Checked again on submission (a modal can be forged): the service refuses and audits a stranger's edit.
  onView(app, VIEW.editContact, async ({ ack, body, view }, lang, deps) => {
    const userId = body.user.id;
    const read = readModal(view.private_metadata);
    let typed: TypedIdentifier[] = [];
    let contact: Contact | undefined;
    try {
      if (!read || !view.blocks?.some((b) => b.type === 'input')) throw new InputError('damaged_form');
      const changed = changedValues(view.blocks, view.state.values);
      const emptied = EDIT_INPUTS.filter((block) => changed.has(block) && changed.get(block) === undefined);
      contact = await deps.ctx.store.findContact(read.target);
      const answers = identifierAnswers(view.state.values, contact, hasher(deps));
      typed = answers.typed;
      const incomplete = {
        ...Object.fromEntries(emptied.map((block) => [block, t(lang, 'error_cannot_clear')])),
        ...Object.fromEntries(Object.entries(answers.missing).map(([block, key]) => [block, t(lang, key)])),
      };
      if (Object.keys(incomplete).length > 0)
        return void (await ack({ response_action: 'errors', errors: incomplete }));
      const edit: ContactEdit = {
        [read.target.kind]: read.target.value,
        ...editedFields(deps, changed),
        ...answers.edit,
      };
      const outcome = await editContact(deps.ctx, edit, await slackActor(deps, userId));
      const who = escapeMrkdwn(maskIdentifier(stillKnownAs(outcome.contact, read.target)));
      const done = outcome.changed.length
        ? t(lang, 'contact_edited', { who, fields: fieldList(lang, changedNames(outcome.changed, edit)) })
        : t(lang, 'contact_edit_nothing', { who });
      await ack({ response_action: 'update', view: doneModal(lang, done) });
    } catch (error) {
      const block = await problemBlock(deps, error, typed, contact);
      const given = typed.find((typedThere) => typedThere.block === block);
      await ack({ response_action: 'errors', errors: { [block]: problemMessage(deps, error, lang, given) } });
    }
  });
}

/**
 * The fields an Edit form changed, as the service reads them: only those whose value differs from the one the
 * form opened with are named, so an edit never rewrites what the person left alone.
 */
function editedFields(deps: SlackDeps, changed: Map<string, string | undefined>): ContactFields {
  const fields: ContactFields = {};
  for (const block of EDIT_INPUTS) {
    if (!changed.has(block)) continue;
    const value = changed.get(block);
    const field = CONTACT_INPUTS[block];
    fields[field] = field === 'collectedAt' || field === 'informedAt' ? dayToInstant(deps, value) : value;
  }
  return fields;
}

/** The contact as the confirmation names it: the identifier it was opened on, or the one that replaced it. */
function stillKnownAs(contact: Contact, target: Identifier): Identifier {
  const ids = identifiersOf(contact);
  return ids.find((id) => sameIdentifier(id, target)) ?? ids.find((id) => id.kind === target.kind) ?? target;
}

/** A replaced identifier's hash kept in `formerHashes` is named for what it was: the former number, or address. */
function changedNames(changed: string[], edit: ContactEdit): string[] {
  const former = edit.replacePhone ? 'formerPhone' : edit.replaceEmail ? 'formerEmail' : 'formerHashes';
  return changed.map((name) => (name === 'formerHashes' ? former : name));
}

/** The problems about an address or a number as typed (the others name their field, or none). */
const ABOUT_A_VALUE = new Set<InputError['problem']>([
  'invalid_email',
  'invalid_phone',
  'identifiers_of_two_contacts',
]);

/**
 * The block a problem goes under. An address or a number (one that does not parse, or that another contact
 * holds) goes under the input that gave one of its kind: the one typed so, or else the one another contact
 * holds. Every other problem goes under its field, as the form's table says.
 */
async function problemBlock(
  deps: SlackDeps,
  error: unknown,
  typed: TypedIdentifier[],
  contact: Contact | undefined,
): Promise<string> {
  if (!(error instanceof InputError)) return blockOf(EDIT_CONTACT_FIELDS, error);
  if (error.problem === 'not_an_identifier_of_contact') return IDENTIFIER_BLOCKS.replace;
  if (error.problem === 'replace_needs_two') return IDENTIFIER_BLOCKS.replaceWith;
  if (!ABOUT_A_VALUE.has(error.problem)) return blockOf(EDIT_CONTACT_FIELDS, error);
  const kind = problemField(error);
  const candidates = typed.filter((given) => given.kind === kind);
  const first = candidates[0];
  if (!first) return blockOf(EDIT_CONTACT_FIELDS, error);
  const asTyped = candidates.find((given) => given.value === error.params.value?.trim());
  if (asTyped) return asTyped.block;
  if (error.problem === 'identifiers_of_two_contacts' && candidates.length > 1)
    for (const given of candidates) {
      const holder = await heldBy(deps, given);
      if (holder && holder.id !== contact?.id) return given.block;
    }
  return first.block;
}

async function heldBy(deps: SlackDeps, given: TypedIdentifier): Promise<Contact | undefined> {
  try {
    const id = given.kind === 'email' ? emailIdentifier(given.value) : phoneIdentifier(given.value);
    return await deps.ctx.store.findContact(id);
  } catch {
    return undefined;
  }
}

/** The problem in the reader's words; the form's own words where the service's would name a command's flags. */
function problemMessage(deps: SlackDeps, error: unknown, lang: Lang, given?: TypedIdentifier): string {
  if (error instanceof InputError && error.problem === 'replace_needs_two')
    return t(lang, 'error_replace_same');
  if (error instanceof InputError && error.problem === 'identifiers_of_two_contacts' && given)
    return t(lang, given.kind === 'phone' ? 'error_held_phone' : 'error_held_email');
  return problemText(error, lang, '', deps);
}
