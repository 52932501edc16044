import type { App, SlashCommand } from '@slack/bolt';
import { type Identifier, maskIdentifier } from '../../domain/identifiers.ts';
import { localDay } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { fieldList } from '../../reports/problems.ts';
import { addContact } from '../../services/contacts.ts';
import { viewContact } from '../../services/lookup.ts';
import { ACTION, VIEW } from '../blocks/actionIds.ts';
import { ADD_CONTACT_FIELDS, addContactModal, type ContactInput } from '../blocks/contactForm.ts';
import { contactSheetBlocks } from '../blocks/contactSheet.ts';
import { doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { splitTarget } from './commandText.ts';
import {
  ephemeral,
  errorsAt,
  onCommand,
  onView,
  openModal,
  problemText,
  type Reply,
  type SlackDeps,
  slackActor,
  tellPresser,
} from './kit.ts';
import { dayToInstant, noteInConversation, onPersonButton, readModal } from './person.ts';

/** /prospect <person>: the contact sheet, for the roles allowed to see it; every look is audited. */
async function prospect(deps: SlackDeps, command: SlashCommand, lang: Lang): Promise<Reply> {
  const usage = t(lang, 'usage_prospect');
  try {
    const { target } = splitTarget(command.text);
    const sheet = await viewContact(deps.ctx, await slackActor(deps, command.user_id), target);
    return { text: maskIdentifier(target), blocks: contactSheetBlocks(sheet, deps.ctx.policy, lang) };
  } catch (error) {
    return { text: problemText(error, lang, usage, deps) };
  }
}

/** /prospect and the "see the contact" button (compliance roles), and adding a contact from an answer. */
export function register(app: App): void {
  onCommand(app, '/prospect', async ({ command, ack }, lang, deps) => {
    await ack(ephemeral(await prospect(deps, command, lang)));
  });

  onPersonButton(app, ACTION.showContact, async (args, lang, target, _value, deps) => {
    const sheet = await viewContact(deps.ctx, await slackActor(deps, args.body.user.id), target);
    await tellPresser(args, maskIdentifier(target), contactSheetBlocks(sheet, deps.ctx.policy, lang));
  });

  onPersonButton(app, ACTION.openAddContact, async (args, lang, target, _value, deps) => {
    const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
    await openModal(
      deps,
      args,
      lang,
      addContactModal(target, lang, today, { target: target.value, conversation: args.body.channel?.id }),
    );
  });

  onView(app, VIEW.addContact, async ({ ack, body, view, client }, lang, deps) => {
    const userId = body.user.id;
    const read = readModal(view.private_metadata);
    const values = view.state.values;
    const given = (block: ContactInput) => fieldValue(values, block);
    const choice = (block: ContactInput) => (given(block) === 'auto' ? undefined : given(block));
    let done: string;
    try {
      const { contact, kept } = await addContact(
        deps.ctx,
        {
          email: given('email'),
          phone: given('phone'),
          name: given('name'),
          company: given('company'),
          function: given('function'),
          audience: choice('audience'),
          addressKind: choice('address_kind'),
          source: given('source'),
          collectedAt: dayToInstant(deps, given('collected')),
          informedAt: dayToInstant(deps, given('informed')),
          owner: userId,
        },
        await slackActor(deps, userId),
      );
      const target: Identifier = contact.email
        ? { kind: 'email', value: contact.email }
        : { kind: 'phone', value: contact.phone ?? '' };
      done = t(lang, 'contact_done', { who: escapeMrkdwn(maskIdentifier(target)) });
      // A known person's provenance, owner… are never rewritten by adding them again (issue: the overwrite attack).
      if (kept.length > 0) done += `\n${t(lang, 'contact_kept', { fields: fieldList(lang, kept) })}`;
    } catch (error) {
      return void (await ack(errorsAt(ADD_CONTACT_FIELDS, error, lang, deps)));
    }
    await ack({ response_action: 'update', view: doneModal(lang, done) });
    if (read) await noteInConversation(deps, client, read.meta, userId, done);
  });
}
