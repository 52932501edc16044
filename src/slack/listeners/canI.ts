import type { App, SlashCommand } from '@slack/bolt';
import type { Channel } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import {
  emailIdentifier,
  type Identifier,
  maskIdentifier,
  phoneIdentifier,
  unwrapSlack,
} from '../../domain/identifiers.ts';
import { type Lang, t } from '../../i18n.ts';
import { ask } from '../../services/ask.ts';
import { answerBlocks } from '../blocks/answer.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { productOrPurpose, splitTarget } from './commandText.ts';
import { actor, ephemeral, onCommand, problemText, type Reply, type SlackDeps, slackActor } from './kit.ts';

export const CAN_I: [string, Channel, string][] = [
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
    const { roles } = await slackActor(deps, command.user_id);
    const blocks = answerBlocks(answer, deps.ctx.policy, lang, product, roles);
    return {
      text: `${t(lang, `verdict_${answer.decision.verdict}`)} — ${escapeMrkdwn(maskIdentifier(target))}`,
      blocks,
    };
  } catch (error) {
    return { text: problemText(error, lang, usage, deps) };
  }
}

/** /can-i-email, /can-i-sms, /can-i-call: the answer is the ack itself. */
export function register(app: App): void {
  for (const [name, channel, example] of CAN_I) {
    onCommand(app, name, async ({ command, ack }, lang, deps) => {
      await ack(ephemeral(await canI(deps, command, channel, example, lang)));
    });
  }
}
