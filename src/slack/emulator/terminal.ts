import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { decodeText } from '../../csv/read.ts';
import { isWorkbook } from '../../csv/table.ts';
import { readWorkbook } from '../../csv/workbook.ts';
import { CHANNELS } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import { formatLocal, parseInstant } from '../../domain/time.ts';
import { t } from '../../i18n.ts';
import { SLASH_COMMANDS } from '../listeners/index.ts';
import { CHECK_SHORTCUT, CHECK_STEP } from '../listeners/workflow.ts';
import type { RecordedCall } from './fakeSlack.ts';
import type { EmulatedApp } from './harness.ts';
import { HELP } from './help.ts';
import { closesModal, type FormIo, fillModal, ModalClosed } from './modalForm.ts';
import { type Pressable, plainMrkdwn, renderBlocks, type Shown, screen } from './screen.ts';
import type { Delivery } from './slackUser.ts';
import { USERS } from './workspace.ts';

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  /** A person typing (prompts only) rather than a script piped in (answers echoed, for a readable transcript). */
  interactive: boolean;
  /** Waits for what the app does on its own after a line (a recheck an objection asked for), so it shows next. */
  settle?: () => Promise<void>;
}

/**
 * The emulator's terminal: reads one line at a time (typed or piped), sends it as the current Slack user,
 * and prints what Slack would display; buttons are pressed by number and modals filled field by field.
 */
export async function runTerminal(emulated: EmulatedApp, io: TerminalIo): Promise<void> {
  const lines = createInterface({ input: io.input, terminal: false })[Symbol.asyncIterator]();
  const { user } = emulated;
  let buttons: Pressable[] = [];
  const prompt = () => {
    if (io.interactive) io.write(`${user.user}> `);
  };

  async function ask(question: string): Promise<string | undefined> {
    io.write(question);
    const next = await lines.next();
    if (next.done) return undefined;
    if (!io.interactive) io.write(`  ↳ ${next.value}`);
    const answer = next.value.trim();
    if (closesModal(answer)) throw new ModalClosed();
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

  /** The modal's prompts speak the language of the user being played, as Slack's client would. */
  const form = (): FormIo => ({
    ask,
    write: io.write,
    show,
    lang: emulated.lang(user.user),
    timeZone: emulated.timeZone,
    submit: (view, values) => user.submit(view, values),
    addFile: (name, bytes) => emulated.slack.addFile(name, bytes),
  });

  /** A button's "are you sure?" dialog: yes or no in either language; Esc or :cancel closes it, unpressed. */
  async function confirmed(button: Pressable): Promise<boolean> {
    const lang = emulated.lang(user.user);
    const dialog = button.dialog ?? { title: button.label, text: '' };
    for (;;) {
      let answer: string | undefined;
      try {
        answer = await ask(t(lang, 'emulator_confirm', { ...dialog, yes: t(lang, 'emulator_yes_no') }));
      } catch (error) {
        if (error instanceof ModalClosed) return false;
        throw error;
      }
      if (answer === undefined) return false;
      if (/^(y|yes|o|oui)$/i.test(answer)) return true;
      if (/^(n|no|non)$/i.test(answer)) return false;
      io.write(t(lang, 'emulator_yes_no_again'));
    }
  }

  async function display(delivery: Delivery): Promise<boolean> {
    if (delivery.status !== 200) {
      io.write(`(the app answered HTTP ${delivery.status}${delivery.raw ? `: ${delivery.raw}` : ''})`);
      return true;
    }
    for (const item of screen(delivery)) {
      show(item);
      if (item.kind === 'modal' && !(await fillModal(item.view, form()))) return false;
    }
    return true;
  }

  /** The files the app shared (details, cleaned list), as Slack shows them in the thread. */
  async function openFile(args: string) {
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
    // A workbook shows as the rows of its sheet, its cells separated by `;`.
    const text = (await isWorkbook({ bytes: file.bytes }, file.name))
      ? (await readWorkbook(file.bytes, file.name)).rows.map((r) => r.raw).join('\n')
      : decodeText(file.bytes).text.replace(/\r\n/g, '\n').trimEnd();
    io.write(`── ${file.name} ──\n${text}`);
  }

  /** The app's time as people there read it: local, with its zone. */
  const clock = () => `${formatLocal(emulated.now(), emulated.timeZone, 'en')} (${emulated.timeZone})`;

  function setClock(typed: string): void {
    if (typed === 'now') {
      emulated.setClock(undefined);
      io.write(`The app's clock is back to the real time: ${clock()}.`);
      return;
    }
    try {
      emulated.setClock(parseInstant(typed, emulated.timeZone, 'at'));
      io.write(`The app's clock now says ${clock()}.`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.write(`Usage: :at 2026-11-24T09:30 (a date and time, ${emulated.timeZone}), or :at now.`);
    }
  }

  /**
   * What the app posts outside any request (a recheck the command line or the sending tool made, told in the
   * campaign's thread) appears as it comes, as a new message does in Slack; a request's calls are its answer.
   */
  let reminding = false;
  const unprompted = (call: RecordedCall) => {
    if (user.inFlight > 0 || reminding) return;
    // The fake Slack sets its answer just after recording the call: shown once it has answered.
    setImmediate(() => {
      const items = screen({ status: 200, raw: '', calls: [call], triggerId: '' });
      for (const item of items) show(item);
      if (items.length > 0) prompt();
    });
  };
  emulated.slack.on('call', unprompted);
  try {
    await commands();
  } finally {
    emulated.slack.off('call', unprompted);
  }

  async function commands(): Promise<void> {
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
        await openFile(line.slice(5).trim());
      } else if (line === ':cancel') {
        io.write('No modal is open.');
      } else if (line === ':remind') {
        // What the retention scheduler would post now: the compliance digest and each owner's reminders.
        reminding = true;
        const calls = await emulated.remindNow().finally(() => {
          reminding = false;
        });
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
          if (!button.confirm || (await confirmed(button))) more = await display(await user.press(button));
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
      await io.settle?.();
      if (!more) break;
      prompt();
    }
  }
}
