import {
  ADDRESS_KINDS,
  type AddressKind,
  AUDIENCES,
  type Audience,
  CHANNELS,
  type Channel,
  EVENT_TYPES,
  type EventType,
  RELATIONSHIP_KINDS,
  type RelationshipKind,
  SOURCE_TYPES,
  type SourceType,
  type SuppressionScope,
} from '../domain/contacts.ts';
import { type Field, InputError } from '../domain/errors.ts';
import { emailIdentifier, type Identifier, phoneIdentifier } from '../domain/identifiers.ts';
import { parseInstant } from '../domain/time.ts';
import type { Policy } from '../policy/load.ts';
import { productLabels, productsMatching } from '../policy/products.ts';

/** Readers for what users type, shared by the CLI and Slack; each error names the option it is about. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], field: Field): T {
  const v = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) {
    throw new InputError('not_one_of', { field, value, allowed: allowed.join(', ') });
  }
  return v as T;
}

export const channel = (value: string): Channel => oneOf(value, CHANNELS, 'channel');
export const audience = (value: string): Audience => oneOf(value, AUDIENCES, 'audience');
export const eventType = (value: string): EventType => oneOf(value, EVENT_TYPES, 'type');
export const scope = (value: string): SuppressionScope => oneOf(value, [...CHANNELS, 'all'], 'channel');
export const addressKind = (value: string): AddressKind => oneOf(value, ADDRESS_KINDS, 'addressKind');
export const relationship = (value: string): RelationshipKind =>
  oneOf(value, RELATIONSHIP_KINDS, 'relationship');

const YES = ['yes', 'oui', 'true', 'y', 'o', '1'];
const NO = ['no', 'non', 'false', 'n', '0'];

export function yesNo(value: string, field: Field): boolean {
  const v = value.trim().toLowerCase();
  if (YES.includes(v)) return true;
  if (NO.includes(v)) return false;
  throw new InputError('not_yes_no', { field, value });
}

export function source(value: string): { source: SourceType; detail?: string } {
  const [type = '', ...rest] = value.split(':');
  return { source: oneOf(type, SOURCE_TYPES, 'source'), detail: rest.join(':').trim() || undefined };
}

/** A date or date-time typed or read from a file, in the policy's time zone (JJ/MM/AAAA, ISO 8601: domain/dates.ts). */
export function instant(value: string, policy: Policy, field: Field): Date {
  return parseInstant(value, policy.timeZone, field);
}

/**
 * A date from a file's date column: what `instant` reads, and an Excel serial too (45678, 45678,5 at noon), as a
 * CSV saved by Excel from a column formatted "Standard" holds. Never for a typed flag: 45678 there is a slip.
 */
export function fileInstant(value: string, policy: Policy, field: Field): Date {
  return parseInstant(value, policy.timeZone, field, { excelSerial: true });
}

export function optionalInstant(value: string | undefined, policy: Policy, field: Field): Date | undefined {
  return value === undefined ? undefined : instant(value, policy, field);
}

/** A product category from what people type: its id, its label or a keyword (see policy/products.ts). */
export function product(
  value: string | undefined,
  policy: Policy,
  field: Field = 'product',
): string | undefined {
  if (value === undefined) return undefined;
  const found = productsMatching(policy, value);
  if (found.length === 1) return found[0];
  const ids = found.length > 1 ? found : Object.keys(policy.doc.products);
  // People read the products' names in their language; `allowed` keeps the ids for programs.
  const params = { field, value, allowed: ids.join(', '), choices: productLabels(policy, ids) };
  throw new InputError(found.length > 1 ? 'ambiguous_product' : 'unknown_category', params);
}

/** Exactly one of --email / --phone, normalised. */
export function person(options: { email?: string; phone?: string }): Identifier {
  if (options.email !== undefined && options.phone !== undefined) {
    throw new InputError('email_and_phone');
  }
  if (options.email !== undefined) return emailIdentifier(options.email);
  if (options.phone !== undefined) return phoneIdentifier(options.phone);
  throw new InputError('email_or_phone_required');
}

/** What the user typed, trimmed; nothing for an empty field. */
export const clean = (value: string | undefined) =>
  value === undefined ? undefined : value.trim() || undefined;

/** How far ahead of our clock a date may be (the user's clock may run a little fast). */
export const CLOCK_SKEW_MS = 60_000;

/** A fact is recorded when it happened: a consent, an event, an objection or a collection is never in the future. */
export function notInFuture(at: Date, now: Date, field: Field): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new InputError('future_date', { field });
}
