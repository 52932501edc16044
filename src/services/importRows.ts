import type { ColumnPlan } from '../csv/columnPlan.ts';
import type { ContactField } from '../domain/errors.ts';
import { InputError } from '../domain/errors.ts';
import { emailIdentifier, type Identifier, phoneIdentifier } from '../domain/identifiers.ts';
import { normaliseWords } from '../domain/words.ts';
import type { ContactInput } from '../store/index.ts';
import { type ContactFields, contactInput } from './contacts.ts';
import type { AppContext } from './context.ts';
import { clean } from './parse.ts';

/**
 * Reading one row of a contact import. A row is kept as long as something usable remains: a field that only
 * describes the person (département, owner, products bought) and cannot be read is left out and reported, and
 * so is an email or phone that does not parse when the other one does. A field that decides which rules apply
 * or when the contact must be erased (provenance, customer relationship, audience, address kind) is never left
 * out: a row that would be recorded with a legal basis or a retention clock it does not have is rejected.
 */

/** Left out when unreadable, the row kept without them; an identifier only when the other one is good. */
const DESCRIPTIVE: ContactField[] = ['department', 'owner', 'products'];

/** A field left out of a row: which, from which column, and why. */
export interface DroppedField {
  field: ContactField;
  column: string;
  error: InputError;
}

/** Fields that are read but never recorded (presets.ts): what a CRM says that is not a fact we keep. */
const NOT_RECORDED = new Set(['lifecycle', 'consentFlag', 'crmOwner']);

/**
 * A row's cells by field, and the column each came from. An email or a phone is the first non-empty cell of
 * its columns in the plan's order (a work address before a personal one); any other field read twice keeps its
 * first non-empty cell. `identifiers` are every address and number of the row, for her opt-outs.
 */
export function recordOf(
  plan: ColumnPlan,
  cells: string[],
): { fields: ContactFields; columnOf: Map<string, string>; identifiers: Identifier[] } {
  const record: Record<string, string> = {};
  const columnOf = new Map<string, string>();
  const take = (name: string, i: number) => {
    const cell = cells[i];
    if (cell === undefined || !cell.trim() || record[name]) return;
    record[name] = cell;
    columnOf.set(name, plan.headers[i] as string);
  };
  for (const i of [...plan.identifiers.email, ...plan.identifiers.phone]) take(plan.fields[i] as string, i);
  plan.fields.forEach((name, i) => {
    if (name && name !== 'email' && name !== 'phone' && !NOT_RECORDED.has(name)) take(name, i);
  });
  const identifiers = [
    ...plan.identifiers.email.flatMap((i) => readable(() => emailIdentifier(cells[i] ?? ''))),
    ...plan.identifiers.phone.flatMap((i) => readable(() => phoneIdentifier(cells[i] ?? ''))),
  ];
  return { fields: withFullName(record), columnOf, identifiers };
}

function readable(read: () => Identifier): Identifier[] {
  try {
    return [read()];
  } catch {
    return [];
  }
}

/**
 * A row read into what the store keeps, with the fields left out; throws the row's problem when nothing usable
 * remains. The whole row is tried first (nearly every row is good); only a row that fails is taken apart.
 */
export function readRow(
  fields: ContactFields,
  columnOf: Map<string, string>,
  ctx: AppContext,
  now: Date,
): { input: ContactInput; dropped: DroppedField[] } {
  try {
    return { input: contactInput(fields, ctx, now, 'import'), dropped: [] };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  const kept: ContactFields = { ...fields };
  const dropped: DroppedField[] = [];
  const drop = (field: ContactField, error: InputError) => {
    dropped.push({ field, column: columnOf.get(field) ?? field, error });
    delete kept[field];
  };
  const email = clean(kept.email) ? problemOf(() => emailIdentifier(kept.email as string)) : undefined;
  const phone = clean(kept.phone) ? problemOf(() => phoneIdentifier(kept.phone as string)) : undefined;
  const anchor = clean(kept.email) && !email ? 'email' : clean(kept.phone) && !phone ? 'phone' : undefined;
  // No identifier that reads: nothing to keep the row by.
  if (!anchor) throw email ?? phone ?? new InputError('email_or_phone_required');
  if (email) drop('email', email);
  if (phone) drop('phone', phone);
  for (const field of DESCRIPTIVE) {
    if (!clean(kept[field])) continue;
    const alone = problemOf(() => contactInput({ [anchor]: kept[anchor], [field]: kept[field] }, ctx, now));
    if (alone) drop(field, alone);
  }
  // What remains is read whole: a problem now is with a field that is never left out, and rejects the row.
  return { input: contactInput(kept, ctx, now, 'import'), dropped };
}

function problemOf(read: () => unknown): InputError | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

/** First name and last name in two columns make one name ("Amélie" + "Girard" → "Amélie Girard"). */
function withFullName(record: Record<string, string>): ContactFields {
  const { firstName, ...fields } = record;
  // A full name beside the parts (Pipedrive's "Person - Name" and "Person - First name") already holds both.
  if (
    firstName &&
    fields.name &&
    ` ${normaliseWords(fields.name)} `.includes(` ${normaliseWords(firstName)} `)
  )
    return fields as ContactFields;
  const name = [firstName, fields.name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return { ...fields, ...(name ? { name } : {}) } as ContactFields;
}
