import { writeFileSync } from 'node:fs';
import { decodeText } from '../../csv/read.ts';
import { isWorkbook } from '../../csv/table.ts';
import { readWorkbook } from '../../csv/workbook.ts';
import { InputError } from '../../domain/errors.ts';
import { formatLocal, parseInstant } from '../../domain/time.ts';
import { t } from '../../i18n.ts';
import type { EmulatedApp } from './harness.ts';
import { closesModal, type FormIo, fillModal, ModalClosed } from './modalForm.ts';
import { type Pressable, plainMrkdwn, renderBlocks, type Shown, screen } from './screen.ts';
import type { Delivery } from './slackUser.ts';

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  /** A person typing (prompts only) rather than a script piped in (answers echoed, for a readable transcript). */
  interactive: boolean;
  /** Waits for what the app does on its own after a line (a recheck an objection asked for), so it shows next. */
  settle?: () => Promise<void>;
  /** `:web`: a one-time sign-in link to the compliance console for this user, when the console runs. */
  webLink?: (userId: string) => string | undefined;
}

/** One terminal's state: what it reads, who is playing, the buttons last shown (pressed by number). */
export interface Session {
  emulated: EmulatedApp;
  io: TerminalIo;
  lines: AsyncIterator<string>;
  buttons: Pressable[];
  /** While `:remind` runs, its posts are its answer, not news told unprompted. */
  reminding: boolean;
}

export function prompt(s: Session): void {
  if (s.io.interactive) s.io.write(`${s.emulated.user.user}> `);
}

export async function ask(s: Session, question: string): Promise<string | undefined> {
  s.io.write(question);
  const next = await s.lines.next();
  if (next.done) return undefined;
  if (!s.io.interactive) s.io.write(`  ↳ ${next.value}`);
  const answer = next.value.trim();
  if (closesModal(answer)) throw new ModalClosed();
  return answer;
}

export function show(s: Session, item: Shown): void {
  const { io } = s;
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
  if (rendered.buttons.length > 0) s.buttons = rendered.buttons;
}

/** The modal's prompts speak the language of the user being played, as Slack's client would. */
const form = (s: Session): FormIo => ({
  ask: (question) => ask(s, question),
  write: s.io.write,
  show: (item) => show(s, item),
  lang: s.emulated.lang(s.emulated.user.user),
  timeZone: s.emulated.timeZone,
  submit: (view, values) => s.emulated.user.submit(view, values),
  addFile: (name, bytes) => s.emulated.slack.addFile(name, bytes),
});

/** A button's "are you sure?" dialog: yes or no in either language; Esc or :cancel closes it, unpressed. */
export async function confirmed(s: Session, button: Pressable): Promise<boolean> {
  const lang = s.emulated.lang(s.emulated.user.user);
  const dialog = button.dialog ?? { title: button.label, text: '' };
  for (;;) {
    let answer: string | undefined;
    try {
      answer = await ask(s, t(lang, 'emulator_confirm', { ...dialog, yes: t(lang, 'emulator_yes_no') }));
    } catch (error) {
      if (error instanceof ModalClosed) return false;
      throw error;
    }
    if (answer === undefined) return false;
    if (/^(y|yes|o|oui)$/i.test(answer)) return true;
    if (/^(n|no|non)$/i.test(answer)) return false;
    s.io.write(t(lang, 'emulator_yes_no_again'));
  }
}

/** Shows the app's answer and fills the modals it opens; false once the input ends inside one. */
export async function display(s: Session, delivery: Delivery): Promise<boolean> {
  if (delivery.status !== 200) {
    s.io.write(`(the app answered HTTP ${delivery.status}${delivery.raw ? `: ${delivery.raw}` : ''})`);
    return true;
  }
  for (const item of screen(delivery)) {
    show(s, item);
    if (item.kind === 'modal' && !(await fillModal(item.view, form(s)))) return false;
  }
  return true;
}

/** The files the app shared (details, cleaned list), as Slack shows them in the thread. */
export async function openFile(s: Session, args: string) {
  const { emulated, io } = s;
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
const clock = (emulated: EmulatedApp) =>
  `${formatLocal(emulated.now(), emulated.timeZone, 'en')} (${emulated.timeZone})`;

export function setClock(s: Session, typed: string): void {
  const { emulated, io } = s;
  if (typed === 'now') {
    emulated.setClock(undefined);
    io.write(`The app's clock is back to the real time: ${clock(emulated)}.`);
    return;
  }
  try {
    emulated.setClock(parseInstant(typed, emulated.timeZone, 'at'));
    io.write(`The app's clock now says ${clock(emulated)}.`);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.write(`Usage: :at 2026-11-24T09:30 (a date and time, ${emulated.timeZone}), or :at now.`);
  }
}
