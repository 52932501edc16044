import type { types } from '@slack/bolt';
import type { Delivery, OpenView, PressableButton } from './slackUser.ts';

/** One thing a person would see in Slack after a request. */
export type Shown =
  | { kind: 'reply'; text: string; blocks: types.KnownBlock[] }
  | { kind: 'modal'; view: OpenView & { title?: string } }
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'home'; blocks: types.KnownBlock[] };

const asBlocks = (value: unknown) => (Array.isArray(value) ? (value as types.KnownBlock[]) : []);

/** What Slack would display for a delivery: the ack reply, response_url posts, messages, modals, App Home. */
export function screen(delivery: Delivery): Shown[] {
  const shown: Shown[] = [];
  const ack = delivery.ack;
  if (ack?.response_action === 'errors')
    shown.push({ kind: 'errors', errors: ack.errors as Record<string, string> });
  else if (ack?.response_action === 'update' || ack?.response_action === 'push') {
    shown.push({ kind: 'modal', view: ack.view as OpenView });
  } else if (ack && (typeof ack.text === 'string' || ack.blocks)) {
    shown.push({ kind: 'reply', text: String(ack.text ?? ''), blocks: asBlocks(ack.blocks) });
  }
  for (const call of delivery.calls) {
    if (call.result && call.result.ok !== true) continue;
    if (
      call.method === 'respond' ||
      call.method === 'chat.postEphemeral' ||
      call.method === 'chat.postMessage'
    ) {
      shown.push({ kind: 'reply', text: String(call.args.text ?? ''), blocks: asBlocks(call.args.blocks) });
    } else if (
      call.method === 'views.open' ||
      call.method === 'views.push' ||
      call.method === 'views.update'
    ) {
      shown.push({ kind: 'modal', view: (call.result?.view ?? call.args.view) as OpenView });
    } else if (call.method === 'chat.update') {
      shown.push({ kind: 'reply', text: String(call.args.text ?? ''), blocks: asBlocks(call.args.blocks) });
    } else if (call.method === 'files.completeUploadExternal') {
      const files = (Array.isArray(call.args.files) ? call.args.files : []) as {
        id: string;
        title?: string;
      }[];
      const lines = [call.args.initial_comment, ...files.map((f) => `📎 ${f.title ?? f.id} (${f.id})`)];
      shown.push({ kind: 'reply', text: lines.filter(Boolean).join('\n'), blocks: [] });
    } else if (call.method === 'views.publish') {
      shown.push({ kind: 'home', blocks: asBlocks((call.args.view as { blocks?: unknown })?.blocks) });
    }
  }
  return shown;
}

/** Every text of a delivery's screen, flattened: handy for "the user sees …" assertions. */
export function visibleText(delivery: Delivery): string {
  return screen(delivery)
    .map((item) => {
      if (item.kind === 'errors') return Object.values(item.errors).join('\n');
      if (item.kind === 'modal') return renderBlocks(asBlocks(item.view.blocks)).lines.join('\n');
      const body = renderBlocks(item.blocks).lines.join('\n');
      return item.kind === 'reply' && !body ? plainMrkdwn(item.text) : body;
    })
    .join('\n');
}

/** A button as the terminal offers it: its label, and the "are you sure?" dialog Slack shows before pressing. */
export type Pressable = PressableButton & {
  label: string;
  confirm?: boolean;
  dialog?: { title: string; text: string };
};

/** The buttons of a delivery's replies, in display order. */
export function buttons(delivery: Delivery): Pressable[] {
  return screen(delivery).flatMap((item) =>
    item.kind === 'reply' || item.kind === 'home' ? renderBlocks(item.blocks).buttons : [],
  );
}

/** mrkdwn as a terminal shows it: entities decoded, mentions readable. */
export function plainMrkdwn(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
    .replace(/<!subteam\^([A-Z0-9]+)>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

type AnyBlock = Record<string, unknown> & { type: string };
type TextObject = { text?: string } | undefined;

/** Renders blocks as lines of text; buttons are numbered from `first`. */
export function renderBlocks(blocks: types.KnownBlock[], first = 1) {
  const lines: string[] = [];
  const found: Pressable[] = [];
  for (const block of blocks as unknown as AnyBlock[]) {
    const text = (block.text as TextObject)?.text ?? '';
    switch (block.type) {
      case 'header':
        lines.push(`== ${text} ==`);
        break;
      case 'section':
        if (text) lines.push(plainMrkdwn(text));
        for (const field of (block.fields as TextObject[]) ?? []) lines.push(plainMrkdwn(field?.text ?? ''));
        break;
      case 'context':
        lines.push(...((block.elements as TextObject[]) ?? []).map((e) => `  ${plainMrkdwn(e?.text ?? '')}`));
        break;
      case 'divider':
        lines.push('────────');
        break;
      case 'actions': {
        const labels: string[] = [];
        for (const element of (block.elements as AnyBlock[]) ?? []) {
          if (element.type !== 'button') continue;
          const number = first + found.length;
          const label = (element.text as TextObject)?.text ?? '';
          found.push({
            action_id: String(element.action_id),
            value: element.value as string | undefined,
            block_id: block.block_id as string | undefined,
            label,
            confirm: Boolean(element.confirm),
            ...(element.confirm ? { dialog: dialogOf(element.confirm as Record<string, TextObject>) } : {}),
          });
          labels.push(`[${number}] ${label}`);
        }
        lines.push(labels.join('  '));
        break;
      }
      case 'input': {
        lines.push(`${(block.label as TextObject)?.text ?? ''}${block.optional ? '' : ' *'}`);
        // Slack shows a field's hint in small type under it.
        const hint = (block.hint as TextObject | undefined)?.text;
        if (hint) lines.push(`  ${hint}`);
        break;
      }
    }
  }
  return { lines, buttons: found };
}

const dialogOf = (confirm: Record<string, TextObject>) => ({
  title: confirm.title?.text ?? '',
  text: plainMrkdwn(confirm.text?.text ?? ''),
});
