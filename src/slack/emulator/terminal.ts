import { createInterface } from 'node:readline';
import { CHANNELS } from '../../domain/contacts.ts';
import { SLASH_COMMANDS } from '../listeners/index.ts';
import { CHECK_SHORTCUT, CHECK_STEP } from '../listeners/workflow.ts';
import type { RecordedCall } from './fakeSlack.ts';
import type { EmulatedApp } from './harness.ts';
import { HELP } from './help.ts';
import { screen } from './screen.ts';
import {
  confirmed,
  display,
  openFile,
  prompt,
  type Session,
  setClock,
  show,
  type TerminalIo,
} from './terminalSession.ts';
import { USERS } from './workspace.ts';

export type { TerminalIo };

/**
 * The emulator's terminal: reads one line at a time (typed or piped), sends it as the current Slack user,
 * and prints what Slack would display; buttons are pressed by number and modals filled field by field
 * (terminalSession.ts).
 */
export async function runTerminal(emulated: EmulatedApp, io: TerminalIo): Promise<void> {
  const lines = createInterface({ input: io.input, terminal: false })[Symbol.asyncIterator]();
  const s: Session = { emulated, io, lines, buttons: [], reminding: false };
  /**
   * What the app posts outside any request (a recheck the command line or the sending tool made, told in the
   * campaign's thread) appears as it comes, as a new message does in Slack; a request's calls are its answer.
   */
  const unprompted = (call: RecordedCall) => {
    if (emulated.user.inFlight > 0 || s.reminding) return;
    // The fake Slack sets its answer just after recording the call: shown once it has answered.
    setImmediate(() => {
      const items = screen({ status: 200, raw: '', calls: [call], triggerId: '' });
      for (const item of items) show(s, item);
      if (items.length > 0) prompt(s);
    });
  };
  emulated.slack.on('call', unprompted);
  try {
    await commands(s);
  } finally {
    emulated.slack.off('call', unprompted);
  }
}

async function commands(s: Session): Promise<void> {
  const { io, emulated } = s;
  prompt(s);
  for (;;) {
    const next = await s.lines.next();
    if (next.done) break;
    const line = next.value.trim();
    if (!io.interactive && line && !line.startsWith('#')) io.write(`${emulated.user.user}> ${line}`);
    if (line === ':quit' || line === ':q') break;
    // blank lines and comments let a piped script explain itself
    const more = line === '' || line.startsWith('#') ? true : await carryOut(s, line);
    await io.settle?.();
    if (!more) break;
    prompt(s);
  }
}

/** One line typed at the prompt; false once the input ended inside a modal. */
async function carryOut(s: Session, line: string): Promise<boolean> {
  const { io, emulated } = s;
  const { user } = emulated;
  if (line.startsWith(':')) return emulatorCommand(s, line);
  if (/^\d+$/.test(line)) {
    const button = s.buttons[Number(line) - 1];
    if (!button)
      io.write(`There is no button ${line}${s.buttons.length ? ` (1 to ${s.buttons.length})` : ''}.`);
    else if (!button.confirm || (await confirmed(s, button))) return display(s, await user.press(button));
    return true;
  }
  if (line.startsWith('/')) {
    const command = line.split(/\s/)[0] ?? '';
    // Slack itself answers a command no app declares, at once.
    if (SLASH_COMMANDS.includes(command as never)) return display(s, await user.command(line));
    io.write(`${command} is not a valid command. In Slack, messages starting with / are commands (:help).`);
    return true;
  }
  io.write('Type a slash command (/can-i-email alice@corp.fr), a button number, or :help.');
  return true;
}

/** The emulator's own commands (`:help`, `:as`, `:at`…), which play the parts of Slack around the app. */
async function emulatorCommand(s: Session, line: string): Promise<boolean> {
  const { io, emulated } = s;
  const { user } = emulated;
  if (line === ':help') io.write(HELP);
  else if (line === ':users') io.write(USERS.map((u) => `  ${u.id}  ${u.realName} (${u.locale})`).join('\n'));
  else if (line.startsWith(':as')) {
    const id = line.slice(3).trim().toUpperCase();
    const known = USERS.find((u) => u.id === id || u.name.toUpperCase() === id);
    if (known) {
      user.user = known.id;
      io.write(`You are now ${known.id} (${known.realName}).`);
    } else io.write(`There is no user ${id || '?'} in the emulator’s workspace; :users lists them.`);
  } else if (line.startsWith(':at')) setClock(s, line.slice(3).trim());
  else if (line.startsWith(':open')) await openFile(s, line.slice(5).trim());
  else if (line === ':cancel') io.write('No modal is open.');
  else if (line === ':remind') await remind(s);
  else if (line.startsWith(':check'))
    return display(s, await user.messageShortcut(CHECK_SHORTCUT, line.slice(6).trim()));
  else if (line.startsWith(':step')) await runStep(s, line.slice(5).trim());
  else if (line === ':home') return display(s, await user.openHome());
  else if (line === ':web') io.write(webLinkText(s));
  else io.write('Type a slash command (/can-i-email alice@corp.fr), a button number, or :help.');
  return true;
}

/** The console's one-time sign-in link for the current user (10 minutes, once). */
function webLinkText(s: Session): string {
  const link = s.io.webLink?.(s.emulated.user.user);
  if (!link) return 'The compliance console is off: start with PROSPECT_GUARD_WEB_PORT=8080 npm start.';
  return `Open this link within 10 minutes to sign in to the compliance console as ${s.emulated.user.user} (it works once):\n${link}`;
}

/** What the retention scheduler would post now: the compliance digest and each owner's reminders. */
async function remind(s: Session): Promise<void> {
  s.reminding = true;
  const calls = await s.emulated.remindNow().finally(() => {
    s.reminding = false;
  });
  if (calls.length === 0) s.io.write('Nothing due: no reminder to send.');
  for (const item of screen({ status: 200, raw: '', calls, triggerId: '' })) show(s, item);
}

/** `:step TARGET CHANNEL [PRODUCT]`: the Workflow Builder step, run as a workflow would. */
async function runStep(s: Session, typed: string): Promise<void> {
  const { user } = s.emulated;
  // The target may hold spaces (+33 6 12 34 56 78): it is everything before the first channel's name.
  const words = typed.split(/\s+/);
  const at = words.findIndex((w) => (CHANNELS as readonly string[]).includes(w.toLowerCase()));
  // No channel's name: the last word is taken for one, so the step says what is wrong with it.
  const cut = at < 0 ? Math.max(words.length - 1, 1) : at;
  const [target, channel, product] = [words.slice(0, cut).join(' '), words[cut] ?? '', words[cut + 1]];
  const run = await user.runStep(CHECK_STEP, { target, channel, product, user: user.user });
  const ended = run.calls.find((c) => c.method.startsWith('functions.'));
  s.io.write(
    ended?.method === 'functions.completeSuccess'
      ? `Step outputs: ${JSON.stringify(ended.args.outputs)}`
      : `Step failed: ${String(ended?.args.error ?? 'no answer')}`,
  );
}
