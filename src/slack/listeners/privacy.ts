import type { App } from '@slack/bolt';
import { InputError } from '../../domain/errors.ts';
import { type Identifier, maskIdentifier } from '../../domain/identifiers.ts';
import { type Lang, t } from '../../i18n.ts';
import { erasePerson, exportPerson, openPrivacyRequest } from '../../services/privacy.ts';
import { ACTION } from '../blocks/actionIds.ts';
import { actions, button, confirmDialog, section } from '../blocks/kit.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { splitTarget } from './commandText.ts';
import {
  type ButtonArgs,
  type CommandArgs,
  onButton,
  onCommand,
  problemText,
  type SlackDeps,
  slackActor,
  slackErrorText,
  tellPresser,
} from './kit.ts';

/** /privacy export|erase and the erase confirmation: data-subject requests, for the privacy_requests role. */
export function register(app: App): void {
  onCommand(app, '/privacy', privacyRequest);
  onButton(app, ACTION.erase, erase);
}

async function privacyRequest(
  { command, ack, client }: CommandArgs,
  lang: Lang,
  deps: SlackDeps,
): Promise<void> {
  const { ctx } = deps;
  const [verb = '', ...rest] = command.text.trim().split(/\s+/);
  const usage = t(lang, 'usage_privacy');
  let target: Identifier;
  try {
    if (verb !== 'export' && verb !== 'erase') throw new InputError('unknown_request', { value: verb });
    target = splitTarget(rest.join(' ')).target;
  } catch (error) {
    return void (await ack({ response_type: 'ephemeral', text: problemText(error, lang, usage, deps) }));
  }
  const asker = await slackActor(deps, command.user_id);
  try {
    await openPrivacyRequest(ctx, asker, verb, target);
  } catch (error) {
    return void (await ack({ response_type: 'ephemeral', text: problemText(error, lang, usage, deps) }));
  }
  const masked = escapeMrkdwn(maskIdentifier(target));
  if (verb === 'erase') {
    const text = t(lang, 'privacy_erase_confirm', { who: masked });
    return void (await ack({
      response_type: 'ephemeral',
      text,
      blocks: [
        section(text),
        actions('privacy', [
          button(t(lang, 'privacy_button_erase'), ACTION.erase, target.value, {
            style: 'danger',
            confirm: confirmDialog(
              t(lang, 'privacy_button_erase'),
              text,
              t(lang, 'privacy_button_erase'),
              t(lang, 'cancel'),
            ),
          }),
        ]),
      ],
    }));
  }
  await ack({ response_type: 'ephemeral', text: t(lang, 'privacy_export_done', { who: masked }) });
  // The export carries everything about the person: it goes to the requester's DM with the app only.
  try {
    const data = await exportPerson(ctx, target, asker);
    const dm = await client.conversations.open({ users: command.user_id });
    await client.filesUploadV2({
      channel_id: dm.channel?.id,
      filename: `export-${target.kind}-${ctx.store.hash(target).slice(0, 8)}.json`,
      title: `GDPR art. 15 — ${maskIdentifier(target)}`,
      file: Buffer.from(JSON.stringify(data, null, 2)),
    });
  } catch (error) {
    deps.logger.warn(`privacy export not delivered: ${(error as Error).message}`);
    await client.chat
      .postMessage({ channel: command.user_id, text: slackErrorText(error, lang) })
      .catch(() => undefined);
  }
}

async function erase(args: ButtonArgs, lang: Lang, deps: SlackDeps): Promise<void> {
  const { ctx } = deps;
  const userId = args.body.user.id;
  const target = splitTarget(args.action.value ?? '').target;
  // Refused (and audited) by the service unless the presser holds the privacy-requests role.
  const removed = await erasePerson(ctx, target, await slackActor(deps, userId));
  const done = t(lang, 'privacy_erase_done', { by: `<@${userId}>`, ...removed });
  // The request and its outcome as a parent message and a thread reply in the requester's DM: the record.
  try {
    const dm = await args.client.conversations.open({ users: userId });
    const parent = await args.client.chat.postMessage({
      channel: dm.channel?.id ?? userId,
      text: t(lang, 'privacy_erase_head', { who: escapeMrkdwn(maskIdentifier(target)) }),
    });
    await args.client.chat.postMessage({
      channel: parent.channel ?? userId,
      thread_ts: parent.ts,
      text: done,
    });
  } catch (error) {
    deps.logger.warn(`erasure confirmation not posted: ${(error as Error).message}`);
  }
  await tellPresser(args, done);
}
