import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeText } from '../../csv/read.ts';
import { CHANNELS } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import { parseInstant } from '../../domain/time.ts';
import { SLASH_COMMANDS } from '../listeners/index.ts';
import { CHECK_SHORTCUT, CHECK_STEP } from '../listeners/workflow.ts';
import type { EmulatedApp } from './harness.ts';
import { HELP } from './help.ts';
import { plainMrkdwn, renderBlocks, type Shown, screen } from './screen.ts';
import type { Delivery, OpenView, PressableButton, StateValues } from './slackUser.ts';
import { USERS } from './workspace.ts';

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  /** A person typing (prompts only) rather than a script piped in (answers echoed, for a readable transcript). */
  interactive: boolean;
}

type Field = Record<string, unknown> & {
  block_id: string;
  optional?: boolean;
  label?: { text?: string };
  element: Record<string, unknown> & { type: string; action_id: string };
};
type Option = { text: { text: string }; value: string };

/**
 * The emulator's terminal: reads one line at a time (typed or piped), sends it as the current Slack user,
 * and prints what Slack would display; buttons are pressed by number and modals filled field by field.
 */
export async function runTerminal(emulated: EmulatedApp, io: TerminalIo): Promise<void> {
  const lines = createInterface({ input: io.input, terminal: false })[Symbol.asyncIterator]();
  const { user } = emulated;
  let buttons: (PressableButton & { label: string; confirm?: boolean })[] = [];
  const prompt = () => {
    if (io.interactive) io.write(`${user.user}> `);
  };

  async function ask(question: string): Promise<string | undefined> {
    io.write(question);
    const next = await lines.next();
    if (next.done) return undefined;
    if (!io.interactive) io.write(`  ↳ ${next.value}`);
    const answer = next.value.trim();
    // Esc arrives as the escape character on a line of its own; :cancel works everywhere.
    if (answer === ':cancel' || answer.startsWith('\u001b')) throw new ModalClosed();
    return answer;
  }

  function show(item: Shown): void {
    if (item.kind === 'errors') {
      for (const [field, message] of Object.entries(item.errors))
        io.write(`  ✗ ${field}: ${plainMrkdwn(message)}`);
      return;
    }
    if (item.kind === 'modal') {
      const rendered = renderBlocks((item.view.blocks ?? []) as never).lines.filter(Boolean);
      io.write(
        `┌ ${(item.view as { title?: { text?: string } }).title?.text ?? 'modal'}\n${rendered.map((l) => `│ ${l}`).join('\n')}\n└`,
      );
      return;
    }
    const rendered = renderBlocks(item.blocks);
    const body = rendered.lines.join('\n') || (item.kind === 'reply' ? plainMrkdwn(item.text) : '');
    io.write(item.kind === 'home' ? `── App Home ──\n${body}` : body);
    if (rendered.buttons.length > 0) buttons = rendered.buttons;
  }

  async function fieldValue(field: Field): Promise<Record<string, unknown> | null | undefined> {
    const element = field.element;
    const label = `${field.label?.text ?? field.block_id}${field.optional ? ' (optional)' : ''}`;
    if (element.type === 'static_select') {
      const options = (element.options as Option[]) ?? [];
      const initial = (element.initial_option as Option | undefined)?.value;
      const list = options
        .map((o, i) => `${i + 1}) ${o.text.text}${o.value === initial ? ' ←' : ''}`)
        .join('  ');
      for (;;) {
        const answer = await ask(`${label}: ${list}\n  number${initial ? ', Enter keeps ←' : ''}: `);
        if (answer === undefined) return undefined;
        if (answer === '' && (initial || field.optional)) {
          const chosen = options.find((o) => o.value === initial);
          return chosen ? { type: element.type, selected_option: chosen } : null;
        }
        const chosen = options[Number(answer) - 1];
        if (chosen) return { type: element.type, selected_option: chosen };
        io.write(`  ✗ choose a number between 1 and ${options.length}`);
      }
    }
    if (element.type === 'file_input') {
      const answer = await ask(`${label}: path of a local file to share, Enter for none: `);
      if (answer === undefined) return undefined;
      if (answer === '') return { type: element.type, files: [] };
      try {
        return {
          type: element.type,
          files: [emulated.slack.addFile(basename(answer), readFileSync(answer))],
        };
      } catch (error) {
        io.write(`  ✗ cannot read ${answer}: ${(error as NodeJS.ErrnoException).code}`);
        return { type: element.type, files: [] };
      }
    }
    if (element.type === 'datetimepicker') {
      const initial = element.initial_date_time as number | undefined;
      const shown = initial ? new Date(initial * 1000).toISOString().slice(0, 16) : undefined;
      const answer = await ask(`${label} (YYYY-MM-DDTHH:MM UTC)${shown ? ` [${shown}]` : ''}: `);
      if (answer === undefined) return undefined;
      const typed = /[zZ]$|[+-]\d\d:\d\d$/.test(answer) ? answer : `${answer}Z`;
      const seconds = answer === '' ? initial : Math.floor(Date.parse(typed) / 1000);
      return { type: element.type, selected_date_time: Number.isFinite(seconds) ? seconds : null };
    }
    const initial = (element.initial_value ?? element.initial_date) as string | undefined;
    const hint =
      element.type === 'datepicker' ? ' (YYYY-MM-DD)' : element.multiline ? ' (type \\n for a new line)' : '';
    const answer = await ask(`${label}${hint}${initial ? ` [${initial}]` : ''}: `);
    if (answer === undefined) return undefined;
    const typed = element.multiline ? answer.replace(/\\n/g, '\n') : answer;
    const value = answer === '' ? (initial ?? null) : typed;
    return element.type === 'datepicker'
      ? { type: element.type, selected_date: value }
      : { type: element.type, value };
  }

  /** Fills a modal field by field, submits it, and asks again for the fields Slack would flag. */
  async function fillModal(view: OpenView): Promise<boolean> {
    try {
      return await fillFields(view);
    } catch (error) {
      if (!(error instanceof ModalClosed)) throw error;
      io.write('Modal closed: nothing was submitted.');
      return true;
    }
  }

  async function fillFields(view: OpenView): Promise<boolean> {
    const fields = ((view.blocks ?? []) as Field[]).filter((b) => b.type === 'input');
    const submit = (view as { submit?: { text?: string } }).submit?.text;
    if (!submit) return true; // a modal that only tells (done, preparing): nothing to send
    // A modal with nothing to fill is a confirmation (a purge): asked, never sent on its own.
    if (fields.length === 0) {
      const answer = await ask(`${submit}? [yes/no]: `);
      if (answer === undefined) return false;
      if (!/^(y|yes|o|oui)$/i.test(answer)) throw new ModalClosed();
    }
    const values: StateValues = {};
    let toAsk = fields;
    for (;;) {
      for (const field of toAsk) {
        const value = await fieldValue(field);
        if (value === undefined) return false;
        values[field.block_id] = {
          [field.element.action_id]: value ?? { type: field.element.type, value: null },
        };
      }
      const delivery = await user.submit(view, values);
      const items = screen(delivery);
      for (const item of items) show(item);
      const errors = items.find((i) => i.kind === 'errors');
      if (!errors || errors.kind !== 'errors') return true;
      toAsk = fields.filter((f) => f.block_id in errors.errors);
      if (toAsk.length === 0) return true; // an error we cannot fix by typing: give up on this modal
    }
  }

  async function display(delivery: Delivery): Promise<boolean> {
    if (delivery.status !== 200) {
      io.write(`(the app answered HTTP ${delivery.status}${delivery.raw ? `: ${delivery.raw}` : ''})`);
      return true;
    }
    for (const item of screen(delivery)) {
      show(item);
      if (item.kind === 'modal' && !(await fillModal(item.view))) return false;
    }
    return true;
  }

  /** The files the app shared (details, cleaned list), as Slack shows them in the thread. */
  function openFile(args: string) {
    const shared = [...emulated.slack.files.values()].filter((f) => f.channel || f.threadTs);
    const [number, path] = args.split(/\s+/, 2);
    if (!number) {
      if (shared.length === 0) return io.write('The app has shared no file yet.');
      return io.write(
        shared.map((f, i) => `  ${i + 1}) ${f.title ?? f.name} (${f.bytes.length} bytes)`).join('\n'),
      );
    }
    const file = shared[Number(number) - 1];
    if (!file)
      return io.write(`There is no shared file ${number}${shared.length ? ` (1 to ${shared.length})` : ''}.`);
    if (path) {
      try {
        writeFileSync(path, file.bytes, { mode: 0o600, flag: 'wx' });
        return io.write(`Saved ${file.name} to ${path}.`);
      } catch (error) {
        return io.write(`Cannot save to ${path}: ${(error as NodeJS.ErrnoException).code}`);
      }
    }
    io.write(`── ${file.name} ──\n${decodeText(file.bytes).text.replace(/\r\n/g, '\n').trimEnd()}`);
  }

  function setClock(typed: string): void {
    if (typed === 'now') {
      emulated.setClock(undefined);
      io.write(`The app's clock is back to the real time: ${emulated.now().toISOString()}.`);
      return;
    }
    try {
      emulated.setClock(parseInstant(typed, emulated.timeZone, 'at'));
      io.write(`The app's clock now says ${emulated.now().toISOString()} (${emulated.timeZone} ${typed}).`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.write(`Usage: :at 2026-11-24T09:30 (a date and time, ${emulated.timeZone}), or :at now.`);
    }
  }

  prompt();
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    const line = next.value.trim();
    if (!io.interactive && line && !line.startsWith('#')) io.write(`${user.user}> ${line}`);
    let more = true;
    if (line === '' || line.startsWith('#')) {
      // blank lines and comments let a piped script explain itself
    } else if (line === ':quit' || line === ':q') {
      break;
    } else if (line === ':help') {
      io.write(HELP);
    } else if (line === ':users') {
      io.write(USERS.map((u) => `  ${u.id}  ${u.realName} (${u.locale})`).join('\n'));
    } else if (line.startsWith(':as')) {
      const id = line.slice(3).trim().toUpperCase();
      const known = USERS.find((u) => u.id === id || u.name.toUpperCase() === id);
      if (known) {
        user.user = known.id;
        io.write(`You are now ${known.id} (${known.realName}).`);
      } else io.write(`There is no user ${id || '?'} in the emulator’s workspace; :users lists them.`);
    } else if (line.startsWith(':at')) {
      setClock(line.slice(3).trim());
    } else if (line.startsWith(':open')) {
      openFile(line.slice(5).trim());
    } else if (line === ':cancel') {
      io.write('No modal is open.');
    } else if (line === ':remind') {
      // What the retention scheduler would post now: the compliance digest and each owner's reminders.
      const calls = await emulated.remindNow();
      if (calls.length === 0) io.write('Nothing due: no reminder to send.');
      for (const item of screen({ status: 200, raw: '', calls, triggerId: '' })) show(item);
    } else if (line.startsWith(':check')) {
      more = await display(await user.messageShortcut(CHECK_SHORTCUT, line.slice(6).trim()));
    } else if (line.startsWith(':step')) {
      // The target may hold spaces (+33 6 12 34 56 78): it is everything before the first channel's name.
      const words = line.slice(5).trim().split(/\s+/);
      const at = words.findIndex((w) => (CHANNELS as readonly string[]).includes(w.toLowerCase()));
      // No channel's name: the last word is taken for one, so the step says what is wrong with it.
      const cut = at < 0 ? Math.max(words.length - 1, 1) : at;
      const [target, channel, product] = [words.slice(0, cut).join(' '), words[cut] ?? '', words[cut + 1]];
      const run = await user.runStep(CHECK_STEP, { target, channel, product, user: user.user });
      const ended = run.calls.find((c) => c.method.startsWith('functions.'));
      io.write(
        ended?.method === 'functions.completeSuccess'
          ? `Step outputs: ${JSON.stringify(ended.args.outputs)}`
          : `Step failed: ${String(ended?.args.error ?? 'no answer')}`,
      );
    } else if (line === ':home') {
      more = await display(await user.openHome());
    } else if (/^\d+$/.test(line)) {
      const button = buttons[Number(line) - 1];
      if (!button)
        io.write(`There is no button ${line}${buttons.length ? ` (1 to ${buttons.length})` : ''}.`);
      else {
        const confirmed =
          !button.confirm ||
          /^(y|yes|o|oui)$/i.test((await ask(`${button.label}: are you sure? (y/n) `)) ?? 'n');
        if (confirmed) more = await display(await user.press(button));
      }
    } else if (line.startsWith('/')) {
      const command = line.split(/\s/)[0] ?? '';
      // Slack itself answers a command no app declares, at once.
      if (!SLASH_COMMANDS.includes(command as never))
        io.write(
          `${command} is not a valid command. In Slack, messages starting with / are commands (:help).`,
        );
      else more = await display(await user.command(line));
    } else {
      io.write('Type a slash command (/can-i-email alice@corp.fr), a button number, or :help.');
    }
    if (!more) break;
    prompt();
  }
}

/** Thrown when the user closes a modal (Esc or :cancel) while it is being filled. */
class ModalClosed extends Error {}
