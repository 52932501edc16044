import type { App } from '@slack/bolt';
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
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import {
  actor,
  audit,
  type ButtonArgs,
  checkRole,
  onButton,
  type SlackDeps,
  slackErrorText,
  tellPresser,
} from './deps.ts';

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

export function registerActions(app: App, deps: SlackDeps): void {
  /** Every button about a person: reads who, refusing a forged or damaged value, then acts. */
  const onPersonButton = (
    actionId: string,
    work: (args: ButtonArgs, lang: Lang, target: Identifier, value: TargetValue) => Promise<void>,
  ) =>
    onButton(app, deps, actionId, async (args, lang) => {
      const read = buttonTarget(args);
      if (!read) {
        // Slack never sends a damaged value: this one was forged or comes from an older version of the app.
        deps.logger.warn(`button ${actionId} from ${args.body.user.id} with an unreadable value`);
        throw new InputError('stale_button');
      }
      await work(args, lang, read.target, read.value);
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
      await tellPresser(args, slackErrorText(error, lang));
    }
  };

  onPersonButton(ACTION.openConsent, async (args, lang, target, value) => {
    const refused = await checkRole(deps, args.body.user.id, 'record_consent', 'consent.open', lang, target);
    if (refused) return void (await tellPresser(args, refused));
    const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
    const meta = { target: target.value, conversation: args.body.channel?.id };
    await openModal(args, lang, consentModal(target, deps.ctx.policy, lang, today, meta, value.channel));
  });

  onPersonButton(ACTION.openAddContact, async (args, lang, target) => {
    const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
    await openModal(
      args,
      lang,
      addContactModal(target, lang, today, { target: target.value, conversation: args.body.channel?.id }),
    );
  });

  // The button carries a confirm dialog; the objection covers every channel, as an opposition does.
  onPersonButton(ACTION.logObjection, async (args, lang, target) => {
    const result = await optOut(deps.ctx, { [target.kind]: target.value, origin: actor(args.body.user.id) });
    const text = t(lang, 'optout_done', {
      who: escapeMrkdwn(maskIdentifier(target)),
      scope: t(lang, 'channel_all'),
      count: result.suppressions.length,
    });
    await tellPresser(args, text, [section(text)]);
  });

  onPersonButton(ACTION.showContact, async (args, lang, target) => {
    const refused = await checkRole(deps, args.body.user.id, 'see_contacts', 'contact.view', lang, target);
    if (refused) return void (await tellPresser(args, refused));
    const sheet = await contactSheet(deps.ctx, target);
    await audit(deps, args.body.user.id, 'contact.view', target);
    await tellPresser(args, maskIdentifier(target), contactSheetBlocks(sheet, deps.ctx.policy, lang));
  });
}
