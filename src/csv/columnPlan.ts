import type { SuppressionScope } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type ContactColumn, columnOf, headerKey, headerWords, type IdentifierUse } from './columns.ts';
import { isOptOutDateColumn, optOutColumn } from './optOutColumns.ts';
import { detectPreset, PRESETS, type PresetColumn, type PresetId } from './presets.ts';

/**
 * How the header of a contact file is read, decided once before any row: which column fills which field, which
 * columns say the person opted out, which one gives the collection date, what is left aside, and where two
 * columns could fill one field. The summary shown before writing is this plan (reports/importPlan.ts).
 */
export interface ColumnPlan {
  headers: string[];
  /** The tool the file is an export of: named (`--from`) or recognised by its columns. */
  preset?: { id: PresetId; detected: boolean };
  /** The field each column fills, if any ("collectedAt" only for the one collection column). */
  fields: Array<PresetColumn | undefined>;
  /** The columns an email or a phone is read from, in order: the first non-empty cell of a row is hers. */
  identifiers: { email: number[]; phone: number[] };
  /** Columns that say the person opted out, and the means each covers; the column of its date, if any. */
  optOuts: Array<{ column: number; scope: SuppressionScope }>;
  optOutDate?: number;
  /** The collection date's column, and why that one: named so, the tool's creation date, or chosen. */
  collectedAt?: { column: number; why: 'named' | 'preset' | 'chosen' };
  /** Several columns for one identifier that their headers do not tell apart (the first is read first). */
  ambiguous: Array<{ field: 'email' | 'phone'; columns: number[] }>;
  /** Columns read by no field. */
  ignored: number[];
}

export interface PlanOptions {
  from?: string;
  /** `--column field=Header`: the one column a field is read from. */
  columns?: Record<string, string>;
  /** `--collected-at-column Header`, or `none` for the import's own date. */
  collectedAtColumn?: string;
}

const ORDER: Record<IdentifierUse, number> = { pro: 0, unsaid: 1, personal: 2 };

export function planColumns(headers: string[], options: PlanOptions = {}): ColumnPlan {
  const preset = presetOf(headers, options.from);
  const tool = preset ? PRESETS[preset.id] : undefined;
  const chosen = chosenColumns(headers, options.columns ?? {});
  const uses: IdentifierUse[] = [];
  const fields = headers.map((header, i): PresetColumn | undefined => {
    const forced = [...chosen].find(([, column]) => column === i)?.[0];
    if (forced) return forced;
    const own = tool?.columns[headerKey(header)];
    const shared = columnOf(header);
    uses[i] = shared?.use ?? 'unsaid';
    const field = own ?? shared?.field;
    // A field chosen with --column is read from that column only.
    return field && chosen.has(field as ContactColumn) ? undefined : field;
  });
  const identifiers = { email: ordered(fields, uses, 'email'), phone: ordered(fields, uses, 'phone') };
  const collectedAt = collectionColumn(headers, fields, preset?.id, options, chosen);
  fields.forEach((field, i) => {
    if (field === 'collectedAt' && i !== collectedAt?.column) fields[i] = undefined;
  });
  if (collectedAt) fields[collectedAt.column] = 'collectedAt';
  const optOuts = headers.flatMap((header, i) => {
    const scope = fields[i] ? undefined : optOutColumn(header);
    return scope ? [{ column: i, scope }] : [];
  });
  const optOutDate = headers.findIndex((header, i) => !fields[i] && isOptOutDateColumn(header));
  const used = new Set([...optOuts.map((o) => o.column), optOutDate]);
  const ambiguous = (['email', 'phone'] as const).flatMap((field) => {
    const columns = identifiers[field];
    const said = new Set(columns.map((c) => uses[c]));
    return columns.length > 1 && said.size < columns.length ? [{ field, columns }] : [];
  });
  return {
    headers,
    preset,
    fields,
    identifiers,
    optOuts,
    optOutDate: optOutDate >= 0 ? optOutDate : undefined,
    collectedAt,
    ambiguous,
    ignored: headers.flatMap((_, i) => (fields[i] || used.has(i) ? [] : [i])),
  };
}

/** A work address first, one that says nothing next, a personal one last; in the file's order otherwise. */
function ordered(fields: Array<PresetColumn | undefined>, uses: IdentifierUse[], field: 'email' | 'phone') {
  const columns = fields.flatMap((f, i) => (f === field ? [i] : []));
  return columns.sort((a, b) => ORDER[uses[a] ?? 'unsaid'] - ORDER[uses[b] ?? 'unsaid'] || a - b);
}

function presetOf(headers: string[], from: string | undefined): ColumnPlan['preset'] {
  if (from !== undefined) {
    const id = from.trim().toLowerCase();
    if (!(id in PRESETS))
      throw new InputError('unknown_preset', {
        field: 'from',
        value: from,
        allowed: Object.keys(PRESETS).join(', '),
      });
    return { id: id as PresetId, detected: false };
  }
  const id = detectPreset(headers);
  return id ? { id, detected: true } : undefined;
}

/** The column `--column field=Header` names, by field; a header the file does not have is an error saying which. */
function chosenColumns(headers: string[], columns: Record<string, string>): Map<ContactColumn, number> {
  const chosen = new Map<ContactColumn, number>();
  for (const [name, header] of Object.entries(columns)) {
    const field = fieldNamed(name);
    chosen.set(field, columnNamed(headers, header, 'column'));
  }
  return chosen;
}

/** The column a header names: as written, or as columns are looked up ("e-mail pro" finds "E-mail Pro"). */
export function columnNamed(headers: string[], header: string, flag: string): number {
  const exact = headers.findIndex((h) => h.trim() === header.trim());
  if (exact >= 0) return exact;
  const key = headerWords(header);
  const found = headers.findIndex((h) => headerWords(h) === key);
  if (found >= 0) return found;
  throw new InputError('csv_unknown_column', { field: flag, value: header, allowed: headers.join(' | ') });
}

const FIELDS: ContactColumn[] = [
  'email',
  'phone',
  'name',
  'firstName',
  'company',
  'function',
  'owner',
  'audience',
  'addressKind',
  'department',
  'source',
  'collection',
  'collectedAt',
  'informedAt',
  'customerSince',
  'customerUntil',
  'relationship',
  'lastPurchaseAt',
  'products',
];

/** A field as people write it on the command line: `email`, `first-name`, `collected-at`, `job-title`… */
function fieldNamed(name: string): ContactColumn {
  const camel = name.trim().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const field = camel === 'jobTitle' ? 'function' : camel;
  if ((FIELDS as string[]).includes(field)) return field as ContactColumn;
  const allowed = FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join(', ');
  throw new InputError('unknown_import_field', { field: 'column', value: name, allowed });
}

/**
 * The collection date: a column named for it ("Date de collecte") first; else the one chosen, else the tool's
 * creation date (when the tool first held the person: a retention clock started at the import would run late).
 */
function collectionColumn(
  headers: string[],
  fields: Array<PresetColumn | undefined>,
  preset: PresetId | undefined,
  options: PlanOptions,
  chosen: Map<ContactColumn, number>,
): ColumnPlan['collectedAt'] {
  const flag = options.collectedAtColumn?.trim();
  if (flag && flag.toLowerCase() !== 'none')
    return { column: columnNamed(headers, flag, 'collectedAtColumn'), why: 'chosen' };
  const forced = chosen.get('collectedAt');
  if (forced !== undefined) return { column: forced, why: 'chosen' };
  const named = headers.findIndex(
    (h, i) => fields[i] === 'collectedAt' && columnOf(h)?.field === 'collectedAt',
  );
  if (named >= 0) return { column: named, why: 'named' };
  if (flag || !preset) return undefined;
  const created = PRESETS[preset].createdAt
    .map((key) => headers.findIndex((h) => headerKey(h) === key))
    .find((i) => i >= 0);
  return created === undefined ? undefined : { column: created, why: 'preset' };
}
