import type { App, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import { InputError } from '../../domain/errors.ts';
import { type Identifier, maskIdentifier } from '../../domain/identifiers.ts';
import { localDay } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { mayEditContact } from '../../policy/access.ts';
import { editContact } from '../../services/contactEdit.ts';
import { addContact } from '../../services/contacts.ts';
import { contactSheet } from '../../services/lookup.ts';
import { ACTION, VIEW } from '../blocks/actionIds.ts';
import { contactSheetBlocks } from '../blocks/contactSheet.ts';
import { addContactModal, doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { splitTarget } from './commandText.ts';
import {
  actor,
  audit,
  checkRole,
  ephemeral,
  onCommand,
  openModal,
  problemText,
  type Reply,
  type SlackDeps,
  tellPresser,
} from './kit.ts';
import { dayToInstant, noteInConversation, onPersonButton, readModal } from './person.ts';

/** /prospect <person>: the contact sheet, for the roles allowed to see it; every look is audited. */
async function prospect(deps: SlackDeps, command: SlashCommand, lang: Lang): Promise<Reply> {
  const usage = t(lang, 'usage_prospect');
  try {
    const { target } = splitTarget(command.text);
    const refused = await checkRole(deps, command.user_id, 'see_contacts', 'contact.view', lang, target);
    if (refused) return { text: refused };
    const sheet = await contactSheet(deps.ctx, target);
    await audit(deps, command.user_id, 'contact.view', target);
    return { text: maskIdentifier(target), blocks: contactSheetBlocks(sheet, deps.ctx.policy, lang) };
  } catch (error) {
    return { text: problemText(error, lang, usage, deps) };
  }
}

/** /prospect and the "see the contact" button (compliance roles), and adding a contact from an answer. */
export function register(app: App, deps: SlackDeps): void {
  onCommand(app, deps, '/prospect', async ({ command, ack }, lang) => {
    await ack(ephemeral(await prospect(deps, command, lang)));
  });

  onPersonButton(app, deps, ACTION.showContact, async (args, lang, target) => {
    const refused = await checkRole(deps, args.body.user.id, 'see_contacts', 'contact.view', lang, target);
    if (refused) return void (await tellPresser(args, refused));
    const sheet = await contactSheet(deps.ctx, target);
    await audit(deps, args.body.user.id, 'contact.view', target);
    await tellPresser(args, maskIdentifier(target), contactSheetBlocks(sheet, deps.ctx.policy, lang));
  });

  onPersonButton(app, deps, ACTION.openAddContact, async (args, lang, target) => {
    const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
    await openModal(
      deps,
      args,
      lang,
      addContactModal(target, lang, today, { target: target.value, conversation: args.body.channel?.id }),
    );
  });

  app.view<ViewSubmitAction>(VIEW.addContact, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const lang = await deps.people.lang(userId);
    const read = readModal(view.private_metadata);
    const values = view.state.values;
    const audience = fieldValue(values, 'audience');
    const addressKind = fieldValue(values, 'address_kind');
    let done: string;
    try {
      const { contact, kept } = await addContact(
        deps.ctx,
        {
          email: fieldValue(values, 'email'),
          phone: fieldValue(values, 'phone'),
          name: fieldValue(values, 'name'),
          company: fieldValue(values, 'company'),
          function: fieldValue(values, 'function'),
          audience: audience === 'auto' ? undefined : audience,
          addressKind: addressKind === 'auto' ? undefined : addressKind,
          source: fieldValue(values, 'source'),
          collectedAt: dayToInstant(deps, fieldValue(values, 'collected')),
          informedAt: dayToInstant(deps, fieldValue(values, 'informed')),
          owner: userId,
        },
        actor(userId),
      );
      const target: Identifier = contact.email
        ? { kind: 'email', value: contact.email }
        : { kind: 'phone', value: contact.phone ?? '' };
      done = t(lang, 'contact_done', { who: escapeMrkdwn(maskIdentifier(target)) });
      // A known person's provenance, owner… are never rewritten by adding them again (issue: the overwrite attack).
      if (kept.length > 0) done += `\n${t(lang, 'contact_kept', { fields: kept.join(', ') })}`;
    } catch (error) {
      const field = error instanceof InputError && error.problem === 'invalid_phone' ? 'phone' : 'email';
      return void (await ack({
        response_action: 'errors',
        errors: { [field]: problemText(error, lang, '', deps) },
      }));
    }
    await ack({ response_action: 'update', view: doneModal(lang, done) });
    if (read) await noteInConversation(deps, client, read.meta, userId, done);
  });

  /** Who may edit, asked of the core: the contact's owner or a compliance role; others are refused and logged. */
  const mayEdit = async (userId: string, target: Identifier) => {
    const contact = await deps.ctx.store.findContact(target);
    return contact !== undefined && mayEditContact(contact, userId, await deps.people.rolesOf(userId));
  };

  onPersonButton(app, deps, ACTION.openEditContact, async (args, lang, target) => {
    const userId = args.body.user.id;
    if (!(await mayEdit(userId, target))) {
      await audit(deps, userId, 'contact.edit', target, 'not the owner nor a compliance role', 'refused');
      return void (await tellPresser(
        args,
        problemText(new InputError('not_allowed', { value: 'contact.edit' }), lang, '', deps),
      ));
    }
    const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
    const meta = { target: target.value, conversation: args.body.channel?.id };
    await openModal(deps, args, lang, addContactModal(target, lang, today, meta, true));
  });

  // Checked again on submission (a modal can be forged): the service refuses and audits a stranger's edit.
  app.view<ViewSubmitAction>(VIEW.editContact, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const lang = await deps.people.lang(userId);
    const read = readModal(view.private_metadata);
    const values = view.state.values;
    const choice = (field: string) => {
      const value = fieldValue(values, field);
      return value === 'auto' ? undefined : value;
    };
    try {
      if (!read) throw new InputError('damaged_form');
      const source = choice('source');
      const outcome = await editContact(
        deps.ctx,
        {
          [read.target.kind]: read.target.value,
          name: fieldValue(values, 'name'),
          company: fieldValue(values, 'company'),
          function: fieldValue(values, 'function'),
          audience: choice('audience'),
          addressKind: choice('address_kind'),
          source: source === 'unknown' ? undefined : source,
          informedAt: dayToInstant(deps, fieldValue(values, 'informed')),
        },
        { actor: actor(userId), userId, roles: await deps.people.rolesOf(userId) },
      );
      const who = escapeMrkdwn(maskIdentifier(read.target));
      const done = outcome.changed.length
        ? t(lang, 'contact_edited', { who, fields: outcome.changed.join(', ') })
        : t(lang, 'contact_edit_nothing', { who });
      await ack({ response_action: 'update', view: doneModal(lang, done) });
    } catch (error) {
      await ack({ response_action: 'errors', errors: { email: problemText(error, lang, '', deps) } });
    }
  });
}
