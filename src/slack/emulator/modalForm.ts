import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DateTime } from 'luxon';
import { parseInstant, zoneFor } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { plainMrkdwn, type Shown, screen } from './screen.ts';
import type { Delivery, OpenView, StateValues } from './slackUser.ts';

/** What filling a modal needs from the terminal: prompts, the user's language and zone, Slack's side. */
export interface FormIo {
  /** One answer, or undefined at the end of input; Esc and `:cancel` throw ModalClosed. */
  ask(question: string): Promise<string | undefined>;
  write(text: string): void;
  show(item: Shown): void;
  lang: Lang;
  timeZone: string;
  submit(view: OpenView, values: StateValues): Promise<Delivery>;
  addFile(name: string, bytes: Buffer): Record<string, unknown>;
}

/** Thrown when the user closes a modal (Esc or :cancel) at any of its prompts. */
export class ModalClosed extends Error {}

/** Esc arrives as the escape character on a line of its own; :cancel works everywhere. */
export const closesModal = (answer: string) => answer === ':cancel' || answer.startsWith('\u001b');

type Field = Record<string, unknown> & {
  block_id: string;
  optional?: boolean;
  label?: { text?: string };
  element: Record<string, unknown> & { type: string; action_id: string };
};
type Option = { text: { text: string }; value: string };
type State = Record<string, unknown> & { type: string };

/** Yes or no to a confirmation, in either language, asked until answered; Esc or :cancel is no; undefined at the end of input. */
async function confirmed(question: string, io: FormIo): Promise<boolean | undefined> {
  for (;;) {
    const answer = await io.ask(`${plainMrkdwn(question)}? [${t(io.lang, 'emulator_yes_no')}]: `);
    if (answer === undefined) return undefined;
    if (closesModal(answer) || /^(n|no|non)$/i.test(answer)) return false;
    if (/^(y|yes|o|oui)$/i.test(answer)) return true;
    io.write(t(io.lang, 'emulator_yes_no_again'));
  }
}

/** What a typed "-" does to a field that holds a value: empties it, as deleting its text does in Slack. */
const EMPTY = '-';

/**
 * Fills a modal field by field, as a person would in Slack, submits it, and when the app flags fields
 * (`response_action: errors`) shows each error at its field and asks that field again, the other answers
 * kept, until the app accepts the form. Returns false when the input ended while it was open.
 */
export async function fillModal(view: OpenView, io: FormIo): Promise<boolean> {
  try {
    return await fillFields(view, io);
  } catch (error) {
    if (!(error instanceof ModalClosed)) throw error;
    io.write(t(io.lang, 'emulator_modal_closed'));
    return true;
  }
}

async function fillFields(view: OpenView, io: FormIo): Promise<boolean> {
  const fields = ((view.blocks ?? []) as Field[]).filter((b) => b.type === 'input');
  const submit = (view as { submit?: { text?: string } }).submit?.text;
  if (!submit) return true; // a modal that only tells (done, preparing): nothing to send
  // A modal with nothing to fill is a confirmation (a purge): asked, never sent on its own.
  if (fields.length === 0) {
    const yes = await confirmed(submit, io);
    if (yes === undefined) return false;
    if (!yes) throw new ModalClosed();
  }
  const values: StateValues = {};
  let toAsk = fields;
  let flagged: Record<string, string> = {};
  for (;;) {
    for (const field of toAsk) {
      const error = flagged[field.block_id];
      if (error)
        io.write(t(io.lang, 'emulator_field_error', { label: labelOf(field), message: plainMrkdwn(error) }));
      const action = field.element.action_id;
      const value = await fieldValue(field, io, values[field.block_id]?.[action] as State | undefined);
      if (value === undefined) return false;
      values[field.block_id] = { [action]: value };
    }
    const items = screen(await io.submit(view, values));
    for (const item of items) if (item.kind !== 'errors') io.show(item);
    const errors = items.find((i) => i.kind === 'errors');
    if (!errors || errors.kind !== 'errors') return true;
    flagged = errors.errors;
    toAsk = fields.filter((f) => f.block_id in flagged);
    const strays = Object.keys(flagged).filter((id) => !fields.some((f) => f.block_id === id));
    if (strays.length > 0) {
      // Slack refuses errors keyed by a block the form does not have: the person would be stuck.
      const message = strays.map((id) => plainMrkdwn(flagged[id] ?? '')).join(' ');
      io.write(t(io.lang, 'emulator_unknown_field', { fields: strays.join(', '), message }));
      return true;
    }
  }
}

const labelOf = (field: Field) => field.label?.text ?? field.block_id;

/** Asks one field until the answer is one its element could give; `previous` is what was given before. */
async function fieldValue(field: Field, io: FormIo, previous?: State): Promise<State | undefined> {
  const element = field.element;
  const label = `${labelOf(field)}${field.optional ? t(io.lang, 'emulator_optional') : ''}`;
  for (;;) {
    const answer =
      element.type === 'static_select'
        ? await pick(field, label, io, previous)
        : await typed(field, label, io, previous);
    if (answer !== 'again') return answer;
  }
}

/** A select: options by number, Enter keeps the chosen one. */
async function pick(field: Field, label: string, io: FormIo, previous?: State) {
  const element = field.element;
  const options = (element.options as Option[]) ?? [];
  const initial =
    (previous?.selected_option as Option | null | undefined)?.value ??
    (element.initial_option as Option | undefined)?.value;
  const list = options.map((o, i) => `${i + 1}) ${o.text.text}${o.value === initial ? ' ←' : ''}`).join('  ');
  const answer = await io.ask(
    `${label}: ${list}\n${t(io.lang, initial ? 'emulator_pick_keep' : 'emulator_pick')}`,
  );
  if (answer === undefined) return undefined;
  const chosen = answer === '' ? options.find((o) => o.value === initial) : options[Number(answer) - 1];
  if (chosen) return { type: element.type, selected_option: chosen };
  if (answer === '' && field.optional) return { type: element.type, selected_option: null };
  io.write(t(io.lang, 'emulator_pick_range', { count: options.length }));
  return 'again' as const;
}

/** A typed field: text, a link, a date, a date and time (in the policy's zone), a file's path. */
async function typed(field: Field, label: string, io: FormIo, previous?: State) {
  const element = field.element;
  const kind = element.type;
  if (kind === 'file_input') {
    const answer = await io.ask(t(io.lang, 'emulator_file_prompt', { label }));
    if (answer === undefined) return undefined;
    if (answer === '') return { type: kind, files: [] };
    try {
      return { type: kind, files: [io.addFile(basename(answer), readFileSync(answer))] };
    } catch (error) {
      io.write(
        t(io.lang, 'emulator_file_unreadable', {
          path: answer,
          code: String((error as NodeJS.ErrnoException).code),
        }),
      );
      return 'again' as const;
    }
  }
  const shown = shownValue(element, io.timeZone, previous);
  const hint =
    kind === 'datepicker'
      ? t(io.lang, 'emulator_date_hint')
      : kind === 'datetimepicker'
        ? t(io.lang, 'emulator_datetime_hint', { zone: cityOf(io.timeZone) })
        : element.multiline
          ? t(io.lang, 'emulator_multiline_hint')
          : '';
  const keep = shown ? t(io.lang, 'emulator_keep', { value: shown }) : '';
  const answer = await io.ask(`${label}${hint}${keep}: `);
  if (answer === undefined) return undefined;
  const text = answer === '' ? shown : answer === EMPTY ? undefined : answer;
  if (text === undefined && !field.optional) {
    io.write(t(io.lang, 'emulator_required'));
    return 'again' as const;
  }
  if (kind === 'datepicker') return dateState(text, io);
  if (kind === 'datetimepicker') return dateTimeState(text, io);
  const value = text === undefined ? null : element.multiline ? text.replace(/\\n/g, '\n') : text;
  return { type: kind, value };
}

/**
 * What a field holds now, as the prompt shows it: the last answer, else what the app put in it. A field asked
 * again after it was emptied offers the app's value back (Enter restores it), so a refused "-" is never a trap.
 */
function shownValue(element: Field['element'], zone: string, previous?: State): string | undefined {
  if (element.type === 'datetimepicker') {
    const seconds = (previous?.selected_date_time ?? element.initial_date_time) as number | null | undefined;
    return typeof seconds === 'number' ? localDateTime(seconds, zone) : undefined;
  }
  const value =
    (previous?.selected_date as string | null | undefined) ??
    (previous?.value as string | null | undefined) ??
    element.initial_date ??
    element.initial_value;
  return typeof value === 'string' && value !== '' ? value.replace(/\n/g, '\\n') : undefined;
}

const localDateTime = (seconds: number, zone: string) =>
  DateTime.fromSeconds(seconds, { zone: zoneFor(zone) }).toFormat('yyyy-MM-dd HH:mm');

/** A datepicker gives a calendar day or nothing: anything else is asked again, as Slack's picker allows no other. */
function dateState(text: string | undefined, io: FormIo) {
  if (text === undefined) return { type: 'datepicker', selected_date: null };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid)
    return { type: 'datepicker', selected_date: text };
  io.write(t(io.lang, 'emulator_date_bad'));
  return 'again' as const;
}

/** A date and time read in the policy's zone (a person in Paris types Paris time), sent as Slack does: seconds. */
function dateTimeState(text: string | undefined, io: FormIo) {
  if (text === undefined) return { type: 'datetimepicker', selected_date_time: null };
  const iso = text.trim().replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/, '$1T$2');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(iso)) {
    try {
      const at = parseInstant(iso, io.timeZone, 'at');
      return { type: 'datetimepicker', selected_date_time: Math.floor(at.getTime() / 1000) };
    } catch {
      // told below
    }
  }
  io.write(t(io.lang, 'emulator_datetime_bad'));
  return 'again' as const;
}

/** "Europe/Paris" as people say it, "Paris"; "America/Port_of_Spain", "Port of Spain". */
function cityOf(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}
