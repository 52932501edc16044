import type { App, SlashCommand } from '@slack/bolt';
import { CHANNELS } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import { identifiersOf, maskIdentifier } from '../../domain/identifiers.ts';
import { type Lang, t } from '../../i18n.ts';
import { optOut } from '../../services/record.ts';
import { ACTION } from '../blocks/actionIds.ts';
import { section } from '../blocks/kit.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { scopeWord, splitTarget } from './commandText.ts';
import { actor, ephemeral, onCommand, problemText, type Reply, type SlackDeps, tellPresser } from './kit.ts';
import { onPersonButton } from './person.ts';

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
      blocks: [
        section(text),
        // Say exactly which of their details are covered: a contact may have no phone.
        section(
          result.contact
            ? t(lang, 'optout_known', {
                ids: identifiersOf(result.contact)
                  .map((id) => escapeMrkdwn(maskIdentifier(id)))
                  .join(', '),
              })
            : t(lang, 'optout_unknown'),
        ),
      ],
    };
  } catch (error) {
    return { text: problemText(error, lang, usage, deps) };
  }
}

/** /optout and the "log an objection" button: anyone may record an objection, at once. */
export function register(app: App): void {
  onCommand(app, '/optout', async ({ command, ack }, lang, deps) => {
    await ack(ephemeral(await optout(deps, command, lang)));
  });

  // The button carries a confirm dialog; the objection covers every channel, as an opposition does.
  onPersonButton(app, ACTION.logObjection, async (args, lang, target, _value, deps) => {
    const result = await optOut(deps.ctx, { [target.kind]: target.value, origin: actor(args.body.user.id) });
    const text = t(lang, 'optout_done', {
      who: escapeMrkdwn(maskIdentifier(target)),
      scope: t(lang, 'channel_all'),
      count: result.suppressions.length,
    });
    await tellPresser(args, text, [section(text)]);
  });
}
