import type { types } from '@slack/bolt';
import { hasMessage, type Lang, t } from '../../i18n.ts';

export type Block = types.KnownBlock;
export type Button = types.Button;

/** Slack refuses a section over 3,000 characters and a button label over 75: cut rather than fail. */
const SECTION_MAX = 3000;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, SECTION_MAX) } };
}

export function context(mrkdwn: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(mrkdwn, SECTION_MAX) }] };
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } };
}

export function divider(): Block {
  return { type: 'divider' };
}

export function button(
  label: string,
  actionId: string,
  value: string,
  options: { style?: 'primary' | 'danger'; confirm?: types.ConfirmationDialog } = {},
): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(label, 75) },
    action_id: actionId,
    value,
    ...options,
  };
}

export function actions(blockId: string, buttons: Button[]): Block {
  return { type: 'actions', block_id: blockId, elements: buttons };
}

export function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: clip(text, 75) };
}

export function option(label: string, value: string): types.PlainTextOption {
  return { text: plain(label), value };
}

/** The "are you sure?" dialog of a button; Slack caps its title at 100, its text at 300 characters. */
export function confirmDialog(
  title: string,
  text: string,
  yes: string,
  no: string,
): types.ConfirmationDialog {
  return {
    title: { type: 'plain_text', text: clip(title, 100) },
    text: { type: 'plain_text', text: clip(text, 300) },
    confirm: { type: 'plain_text', text: clip(yes, 30) },
    deny: { type: 'plain_text', text: clip(no, 30) },
  };
}

/** A consent method in words (a policy may list methods the catalogue does not know: shown as written). */
export function methodLabel(lang: Lang, method: string): string {
  const key = `method_${method}`;
  return hasMessage(key) ? t(lang, key) : method;
}
