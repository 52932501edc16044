import type { RecordedCall } from '../../src/slack/emulator/fakeSlack.ts';
import { renderBlocks } from '../../src/slack/emulator/screen.ts';
import type { OpenView } from '../../src/slack/emulator/slackUser.ts';

/** What the retention tests read from Slack's calls: posts to a channel, their text, buttons, open modals. */
export const posts = (calls: RecordedCall[], channel: string) =>
  calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);

export const text = (call: { args: Record<string, unknown> } | undefined) =>
  renderBlocks((call?.args.blocks ?? []) as never).lines.join('\n');

/** The value of the digest's purge button. */
export function purgeButtonValue(call: RecordedCall | undefined): string {
  const blocks = (call?.args.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[];
  return (
    blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'retention_purge_overdue')?.value ??
    ''
  );
}

/** The modal a button or a submission left open: opened at once, then filled with the list. */
export const shownView = (d: { calls: RecordedCall[] }) =>
  d.calls.filter((c) => c.method === 'views.update' || c.method === 'views.open').at(-1)?.result
    ?.view as OpenView;

export const viewText = (view: OpenView | undefined) =>
  renderBlocks((view?.blocks ?? []) as never).lines.join('\n');
