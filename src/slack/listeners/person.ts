import type { App } from '@slack/bolt';
import { InputError } from '../../domain/errors.ts';
import { type Identifier, parseTarget } from '../../domain/identifiers.ts';
import { localDay } from '../../domain/time.ts';
import type { Lang } from '../../i18n.ts';
import { PAYLOAD, readPayload, readTargetValue, type TargetValue } from '../blocks/actionIds.ts';
import type { ModalMetadata } from '../blocks/modals.ts';
import { type ButtonArgs, onButton, type SlackDeps } from './kit.ts';

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

/** Every button about a person: reads who, refusing a forged or damaged value, then acts. */
export function onPersonButton(
  app: App,
  actionId: string,
  work: (
    args: ButtonArgs,
    lang: Lang,
    target: Identifier,
    value: TargetValue,
    deps: SlackDeps,
  ) => Promise<void>,
): void {
  onButton(app, actionId, async (args, lang, deps) => {
    const read = buttonTarget(args);
    if (!read) {
      // Slack never sends a damaged value: this one was forged or comes from an older version of the app.
      deps.logger.warn(`button ${actionId} from ${args.body.user.id} with an unreadable value`);
      throw new InputError('stale_button');
    }
    await work(args, lang, read.target, read.value, deps);
  });
}

/** The one reader of a modal's metadata: who it is about and where it was opened; undefined if damaged. */
export function readModal(raw: string): { meta: ModalMetadata; target: Identifier } | undefined {
  const read = readPayload(raw, PAYLOAD.modal);
  if (!read?.target) return undefined;
  const meta: ModalMetadata = { target: read.target, conversation: read.conversation };
  try {
    return { meta, target: parseTarget(meta.target) };
  } catch {
    return undefined;
  }
}

/** A datepicker day: today means now (the fact was just given), another day means its start in the zone. */
export function dayToInstant(deps: SlackDeps, day: string | undefined): string | undefined {
  if (!day) return undefined;
  const now = deps.ctx.clock();
  return day === localDay(now, deps.ctx.policy.timeZone) ? now.toISOString() : day;
}

/** After a modal: an ephemeral note where the command was typed. Best effort: the modal already confirmed. */
export async function noteInConversation(
  deps: SlackDeps,
  client: App['client'],
  meta: ModalMetadata,
  userId: string,
  text: string,
): Promise<void> {
  if (!meta.conversation) return;
  try {
    await client.chat.postEphemeral({ channel: meta.conversation, user: userId, text });
  } catch (error) {
    deps.logger.warn(
      `chat.postEphemeral failed (${(error as { data?: { error?: string } }).data?.error ?? (error as Error).message}); the modal showed the confirmation`,
    );
  }
}
