import type { App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { InputError } from '../../domain/errors.ts';
import { type Identifier, maskIdentifier, parseTarget } from '../../domain/identifiers.ts';
import { localDay } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { contactSheet } from '../../services/lookup.ts';
import { optOut } from '../../services/record.ts';
import { ACTION, readTargetValue, type TargetValue } from '../blocks/actionIds.ts';
import { contactSheetBlocks } from '../blocks/contactSheet.ts';
import { section } from '../blocks/kit.ts';
import { addContactModal, consentModal } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { actor, audit, checkRole, problemText, type SlackDeps, slackErrorText } from './deps.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & { client: App['client'] };

/** Reads the person a button is about; a forged or damaged value gets a clear refusal, not a crash. */
function buttonTarget(args: ButtonArgs): { value: TargetValue; target: Identifier } | undefined {
  const value = readTargetValue(args.action.value);
  if (!value) return undefined;
  try {
    return { value, target: parseTarget(value.target) };
  } catch {
    return undefined;
  }
}

const reply = (args: ButtonArgs, text: string, blocks?: ReturnType<typeof section>[]) =>
  args.respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) });

export function registerActions(app: App, deps: SlackDeps): void {
  /** Every button: ack at once (Slack's 3 s), read the user's language and the person, then act. */
  const onButton = (
    actionId: string,
    work: (args: ButtonArgs, lang: Lang, target: Identifier, value: TargetValue) => Promise<void>,
  ) =>
    app.action<BlockAction<ButtonAction>>(actionId, async (args) => {
      await args.ack();
      const lang = await deps.people.lang(args.body.user.id);
      const read = buttonTarget(args as ButtonArgs);
      if (!read) {
        // Slack never sends a damaged value: this one was forged or comes from an older version of the app.
        deps.logger.warn(`button ${actionId} from ${args.body.user.id} with an unreadable value`);
        await reply(
          args as ButtonArgs,
          problemText(new InputError('this button is no longer valid'), lang, '', deps),
        );
        return;
      }
      try {
        await work(args as ButtonArgs, lang, read.target, read.value);
      } catch (error) {
        await reply(args as ButtonArgs, problemText(error, lang, '', deps)).catch(() => undefined);
      }
    });

  const openModal = async (
    args: ButtonArgs,
    lang: Lang,
    view: Parameters<App['client']['views']['open']>[0]['view'],
  ) => {
    try {
      await args.client.views.open({ trigger_id: args.body.trigger_id, view });
    } catch (error) {
      deps.logger.warn(`views.open failed: ${(error as Error).message}`);
      await reply(args, slackErrorText(error, lang));
    }
  };

  onButton(ACTION.openConsent, async (args, lang, target, value) => {
    const refused = await checkRole(deps, args.body.user.id, 'record_consent', 'consent.open', lang, target);
    if (refused) return void (await reply(args, refused));
    const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
    const meta = { target: target.value, conversation: args.body.channel?.id };
    await openModal(args, lang, consentModal(target, deps.ctx.policy, lang, today, meta, value.channel));
  });

  onButton(ACTION.openAddContact, async (args, lang, target) => {
    const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
    await openModal(
      args,
      lang,
      addContactModal(target, lang, today, { target: target.value, conversation: args.body.channel?.id }),
    );
  });

  // The button carries a confirm dialog; the objection covers every channel, as an opposition does.
  onButton(ACTION.logObjection, async (args, lang, target) => {
    const result = await optOut(deps.ctx, { [target.kind]: target.value, origin: actor(args.body.user.id) });
    const text = t(lang, 'optout_done', {
      who: escapeMrkdwn(maskIdentifier(target)),
      scope: t(lang, 'channel_all'),
      count: result.suppressions.length,
    });
    await reply(args, text, [section(text)]);
  });

  onButton(ACTION.showContact, async (args, lang, target) => {
    const refused = await checkRole(deps, args.body.user.id, 'see_contacts', 'contact.view', lang, target);
    if (refused) return void (await reply(args, refused));
    const sheet = await contactSheet(deps.ctx, target);
    await audit(deps, args.body.user.id, 'contact.view', target);
    await reply(args, maskIdentifier(target), contactSheetBlocks(sheet, deps.ctx.policy, lang));
  });
}
