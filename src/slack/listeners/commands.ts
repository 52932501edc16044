import type { App, SlashCommand } from '@slack/bolt';
import { CHANNELS, type Channel } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import {
  emailIdentifier,
  type Identifier,
  maskIdentifier,
  phoneIdentifier,
  unwrapSlack,
} from '../../domain/identifiers.ts';
import { localDay } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { ask } from '../../services/ask.ts';
import { contactSheet } from '../../services/lookup.ts';
import { optOut } from '../../services/record.ts';
import { answerBlocks } from '../blocks/answer.ts';
import { contactSheetBlocks } from '../blocks/contactSheet.ts';
import type { Block } from '../blocks/kit.ts';
import { section } from '../blocks/kit.ts';
import { consentModal } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { productOrPurpose, scopeWord, splitTarget } from './commandText.ts';
import { actor, audit, checkRole, problemText, type SlackDeps, slackErrorText } from './deps.ts';

/** Every command reply is ephemeral: answers carry personal data. */
export interface Reply {
  text: string;
  blocks?: Block[];
}

const ephemeral = (reply: Reply) => ({ response_type: 'ephemeral' as const, ...reply });

const CAN_I: [string, Channel, string][] = [
  ['/can-i-email', 'email', 'alice@corp.fr'],
  ['/can-i-sms', 'sms', '+33 6 12 34 56 78'],
  ['/can-i-call', 'phone', '+33 6 12 34 56 78'],
];

const emailOnly = (raw: string): Identifier => {
  if (!raw.includes('@') && /^[+(0-9]/.test(unwrapSlack(raw)))
    throw new InputError('not_email', { value: raw });
  return emailIdentifier(raw);
};

const phoneOnly = (raw: string): Identifier => {
  if (raw.includes('@')) throw new InputError('not_phone', { value: raw });
  return phoneIdentifier(raw);
};

/** /can-i-email|sms|call <person> [product or purpose]: the decision, computed before the ack so it is the reply. */
async function canI(
  deps: SlackDeps,
  command: SlashCommand,
  channel: Channel,
  example: string,
  lang: Lang,
): Promise<Reply> {
  const usage = t(lang, 'usage_can_i', { command: command.command, example });
  try {
    // The command names the kind: "not-an-email" after /can-i-email is a bad email, not a bad phone number.
    const { target, rest } = splitTarget(command.text, channel === 'email' ? emailOnly : phoneOnly);
    const { product, purpose } = productOrPurpose(rest, deps.ctx.policy);
    const answer = await ask(deps.ctx, {
      channel,
      target: target.value,
      product,
      purpose,
      askedBy: actor(command.user_id),
    });
    const blocks = answerBlocks(answer, deps.ctx.policy, lang, product);
    return {
      text: `${t(lang, `verdict_${answer.decision.verdict}`)} — ${escapeMrkdwn(maskIdentifier(target))}`,
      blocks,
    };
  } catch (error) {
    return { text: problemText(error, lang, usage, deps) };
  }
}

/** /optout <person> [channel]: anyone, at once; the suppression list is written before we confirm. */
async function optout(deps: SlackDeps, command: SlashCommand, lang: Lang): Promise<Reply> {
  const usage = t(lang, 'usage_optout', { channels: [...CHANNELS, 'all'].join(', ') });
  try {
    const { target, rest } = splitTarget(command.text);
    const scope = scopeWord(rest);
    if (!scope) throw new InputError('unknown_channel', { value: rest });
    const result = await optOut(deps.ctx, {
      [target.kind]: target.value,
      channel: scope,
      origin: actor(command.user_id),
    });
    const text = t(lang, 'optout_done', {
      who: escapeMrkdwn(maskIdentifier(target)),
      scope: t(lang, `channel_${scope}`),
      count: result.suppressions.length,
    });
    return {
      text,
      blocks: [section(text), section(t(lang, result.contact ? 'optout_known' : 'optout_unknown'))],
    };
  } catch (error) {
    return { text: problemText(error, lang, usage, deps) };
  }
}

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

/** Every slash command the app answers; app-manifest.yml must declare exactly these. */
export const SLASH_COMMANDS = [
  ...CAN_I.map(([name]) => name),
  '/consent',
  '/optout',
  '/prospect',
  '/campaign-check',
  '/retention',
  '/privacy',
];

export function registerCommands(app: App, deps: SlackDeps): void {
  for (const [name, channel, example] of CAN_I) {
    app.command(name, async ({ command, ack }) => {
      const lang = await deps.people.lang(command.user_id);
      await ack(ephemeral(await canI(deps, command, channel, example, lang)));
    });
  }

  app.command('/optout', async ({ command, ack }) => {
    const lang = await deps.people.lang(command.user_id);
    await ack(ephemeral(await optout(deps, command, lang)));
  });

  app.command('/prospect', async ({ command, ack }) => {
    const lang = await deps.people.lang(command.user_id);
    await ack(ephemeral(await prospect(deps, command, lang)));
  });

  // /consent opens a modal: the trigger_id lives 3 seconds, so checks are quick and the modal opens first.
  app.command('/consent', async ({ command, ack, client, respond }) => {
    const lang = await deps.people.lang(command.user_id);
    let view: ReturnType<typeof consentModal>;
    try {
      const { target } = splitTarget(command.text);
      const refused = await checkRole(deps, command.user_id, 'record_consent', 'consent.open', lang, target);
      if (refused) return await ack(ephemeral({ text: refused }));
      if (!(await deps.ctx.store.findContact(target))) {
        return await ack(ephemeral({ text: t(lang, 'problem_unknown_contact') }));
      }
      const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
      view = consentModal(target, deps.ctx.policy, lang, today, {
        target: target.value,
        conversation: command.channel_id,
      });
    } catch (error) {
      return await ack(ephemeral({ text: problemText(error, lang, t(lang, 'usage_consent'), deps) }));
    }
    await ack();
    try {
      await client.views.open({ trigger_id: command.trigger_id, view });
    } catch (error) {
      deps.logger.warn(`views.open failed: ${(error as Error).message}`);
      await respond(ephemeral({ text: slackErrorText(error, lang) })).catch(() => undefined);
    }
  });
}
