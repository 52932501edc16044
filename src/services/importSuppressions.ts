import { optedOut, optOutColumn } from '../csv/optOutColumns.ts';
import type { ByteSource } from '../csv/stream.ts';
import {
  notAnObjection,
  type SuppressionColumn,
  scopeOfCell,
  suppressionColumnFor,
} from '../csv/suppressionColumns.ts';
import { CHANNELS, type SuppressionScope } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { foreignKey, readForeignHash } from '../domain/foreignHashes.ts';
import { emailIdentifier, type Identifier, maskIdentifier, phoneIdentifier } from '../domain/identifiers.ts';
import type { ObjectionInput } from '../store/index.ts';
import { recordedAgainst, recordedAgainstKeys } from './approvedWatch.ts';
import type { AppContext } from './context.ts';
import { type FactFile, type FactRow, isoOf, type RowError, readFacts } from './factRows.ts';
import * as parse from './parse.ts';
import { queueWebhooks } from './webhooks.ts';

/**
 * `import-suppressions FILE`: another tool's suppression list (Brevo's blocklist, Mailchimp's unsubscribed,
 * HubSpot's or lemlist's unsubscribes, a Customer Match list). Each person in it objected there, and an objection
 * told to one tool binds us once we hold it (GDPR art. 21(2)-(3); L.34-5 CPCE): each row is an objection, kept in
 * the suppression list like an `optout` (it outlives the contact, her purge and her erasure), told to the webhooks
 * and to the approved campaigns; the person may be in the register or not. A row gives an address, a number, or
 * another tool's hash of one (64 hexadecimal digits: SHA-256; 32: MD5), kept as such (domain/foreignHashes.ts) and
 * matched when someone asks. All or nothing, as contact imports: every row is read before any is written.
 */

/** The means an identifier's objection covers when neither the file nor `--scope` says. */
const DEFAULT_SCOPES: Record<Identifier['kind'], SuppressionScope[]> = {
  email: ['email'],
  // A number on a blocklist, means unsaid: every means that reaches a number (texts, messages, calls, which
  // cover automated calls), and not the person's address.
  phone: ['sms', 'messaging', 'phone'],
};

export interface SuppressionImportReport {
  file: FactFile;
  /** Rows that are objections, and what they gave: addresses, numbers, hashes by algorithm. */
  objected: number;
  emails: number;
  phones: number;
  sha256: number;
  md5: number;
  /** Objections by means: one per identifier and means. */
  byScope: Partial<Record<SuppressionScope, number>>;
  /** Rows the file says are no objection: a bounce, a person still subscribed, opt-out columns saying no. */
  notObjections: number;
  errors: RowError[];
  /** An identifier left out of a row kept by another one (a mistyped number beside a good address). */
  dropped: RowError[];
  skipped: boolean;
  dryRun: boolean;
  /** The first objections as they are (or would be) recorded: the person masked, a hash shortened. */
  sample: Array<{ line: number; person: string; scopes: SuppressionScope[]; at?: Date }>;
}

/** One person of a row: her identifier, or another tool's hash of it, and how a reader is shown it. */
interface Person {
  kind: Identifier['kind'];
  who: { target: Identifier } | { foreign: string };
  shown: string;
}

const IDENTIFIER_COLUMNS = ['email', 'phone', 'emailHash', 'phoneHash', 'person'] as const;
const WRITE_SLICE = 5000;
const SAMPLE = 5;

export async function importSuppressions(
  ctx: AppContext,
  source: ByteSource,
  fileName: string,
  options: {
    by: string;
    scope?: string;
    skipInvalid?: boolean;
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<SuppressionImportReport> {
  const now = ctx.clock();
  const { objections, sample, ...read } = await readSuppressions(ctx, source, fileName, options, now);
  const skipped = read.errors.length > 0 && options.skipInvalid === true;
  const report = { ...read, skipped, dryRun: options.dryRun === true, sample };
  if ((read.errors.length > 0 && !skipped) || options.dryRun) return report;
  const audit = (detail: string) =>
    ctx.store.audit({
      at: now.toISOString(),
      actor: options.by,
      action: 'objection.import',
      outcome: 'done',
      detail,
    });
  for (let at = 0; at < objections.length; at += WRITE_SLICE)
    await record(ctx, objections.slice(at, at + WRITE_SLICE), now, options.by, report.file.name).catch(
      async (error) => {
        // The slices written stay (objections are never undone): the import's entry says how far it went.
        if (at > 0) await audit(`${importDetail(report)}; stopped after ${at} objections written`);
        throw error;
      },
    );
  await audit(importDetail(report));
  return report;
}

type SuppressionOptions = Parameters<typeof importSuppressions>[3];

/** Every row read before any is written: the objections each person's row makes, counted and sampled. */
async function readSuppressions(
  ctx: AppContext,
  source: ByteSource,
  fileName: string,
  options: SuppressionOptions,
  now: Date,
) {
  const chosen = options.scope ? [parse.oneOf(options.scope, [...CHANNELS, 'all'], 'scope')] : undefined;
  const objections: ObjectionInput[] = [];
  const counts = { objected: 0, emails: 0, phones: 0, sha256: 0, md5: 0, notObjections: 0 };
  const byScope: SuppressionImportReport['byScope'] = {};
  const sample: SuppressionImportReport['sample'] = [];
  const dropped: RowError[] = [];
  const { file, errors } = await readFacts<SuppressionColumn>(
    source,
    fileName,
    {
      columnFor: suppressionColumnFor,
      header: (fields) => {
        if (!fields.some((f) => f && f !== 'at' && f !== 'scope' && f !== 'reason'))
          throw new InputError('csv_no_identifier_column', { file: fileName });
      },
      headerless: { column: 'person', when: (cells) => cells.length === 1 && readsAsPerson(cells[0] ?? '') },
    },
    async (row) => {
      const read = readRow(ctx, row, now);
      if (!read) {
        counts.notObjections++;
        return;
      }
      counts.objected++;
      for (const { field, error } of read.dropped)
        dropped.push({ line: row.row.line, error, field, column: row.columnOf.get(field), raw: row.row.raw });
      for (const person of read.people) {
        const scopes = read.scopes ?? chosen ?? DEFAULT_SCOPES[person.kind];
        for (const scope of scopes) {
          objections.push({ ...person.who, scope, at: read.at ?? now });
          byScope[scope] = (byScope[scope] ?? 0) + 1;
        }
        counts[countedAs(person)]++;
        if (sample.length < SAMPLE)
          sample.push({ line: row.row.line, person: person.shown, scopes, at: read.at });
      }
    },
    options,
  );
  return { file, ...counts, byScope, errors, dropped, sample, objections };
}

/** Which count a person of the list adds to: an address, a number, or a hash by its algorithm. */
function countedAs(person: Person): 'emails' | 'phones' | 'sha256' | 'md5' {
  if ('target' in person.who) return person.who.target.kind === 'email' ? 'emails' : 'phones';
  return person.who.foreign.startsWith('foreign:md5:') ? 'md5' : 'sha256';
}

/**
 * One row: the people it names, the means it covers (its opt-out columns, else its scope column; undefined when
 * it does not say) and when the person objected; nothing when the row says it is no objection.
 */
function readRow(
  ctx: AppContext,
  { fields, columnOf, headers, row }: FactRow<SuppressionColumn>,
  now: Date,
):
  | {
      people: Person[];
      scopes?: SuppressionScope[];
      at?: Date;
      dropped: Array<{ field: string; error: InputError }>;
    }
  | undefined {
  const flagged = flaggedScopes(headers, row.cells, columnOf);
  if (flagged?.length === 0) return undefined;
  if (fields.reason && notAnObjection(fields.reason)) return undefined;
  const at = fields.at ? parse.instant(isoOf(fields.at) as string, ctx.policy, 'at') : undefined;
  // An objection is told when it was made: a date ahead is a mistake in the file (a date read the wrong way).
  if (at) parse.notInFuture(at, now, 'at');
  const scope = fields.scope ? scopeOfCell(fields.scope) : undefined;
  if (fields.scope && !scope)
    throw new InputError('not_one_of', {
      field: 'scope',
      value: fields.scope,
      allowed: [...CHANNELS, 'all'].join(', '),
    });
  // A person is kept by what reads of her: her objection is not lost for a mistyped number beside her address.
  const people: Person[] = [];
  const dropped: Array<{ field: string; error: InputError }> = [];
  for (const column of IDENTIFIER_COLUMNS)
    try {
      people.push(...personOf(fields[column], column));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      dropped.push({ field: column, error });
    }
  if (people.length === 0) throw dropped[0]?.error ?? new InputError('email_or_phone_required');
  return { people, scopes: flagged ?? (scope ? [scope] : undefined), at, dropped };
}

/**
 * What the row's opt-out columns say, if the file has any: the means of each that says yes (none: the person did
 * not opt out). A cell that says neither yes nor no rejects the row, as in a contact import.
 */
function flaggedScopes(
  headers: string[],
  cells: string[],
  columnOf: Map<string, string>,
): SuppressionScope[] | undefined {
  const flags = headers.flatMap((header, i) => {
    const scope = optOutColumn(header);
    return scope ? [{ header, scope, cell: cells[i] ?? '' }] : [];
  });
  if (flags.length === 0) return undefined;
  const scopes = new Set<SuppressionScope>();
  for (const { header, scope, cell } of flags) {
    const said = optedOut(cell);
    if (said === undefined) {
      columnOf.set('optOut', header);
      throw new InputError('not_yes_no', { field: 'optOut', value: cell });
    }
    if (said) scopes.add(scope);
  }
  return [...scopes];
}

/** A cell of an identifier column: nothing when empty; else the person it names, or its problem at the column. */
function personOf(cell: string | undefined, column: SuppressionColumn): Person[] {
  if (!cell) return [];
  const hash = readForeignHash(cell);
  const kind = column === 'phone' || column === 'phoneHash' ? 'phone' : 'email';
  if (hash) {
    const shown = `${hash.algorithm}:${hash.hex.slice(0, 8)}…`;
    return [{ kind, who: { foreign: foreignKey(hash.algorithm, hash.hex) }, shown }];
  }
  if (column === 'emailHash' || column === 'phoneHash')
    throw new InputError('invalid_hash', { field: column, value: cell });
  const asPhone = column === 'phone' || (column === 'person' && !cell.includes('@'));
  // A whole domain (lemlist exports them beside addresses) is no person: an objection is a person's (art. 21).
  if (!asPhone && /^@?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(cell.trim()))
    throw new InputError('suppression_domain', { field: column, value: cell });
  const person = asPhone ? phoneIdentifier(cell) : emailIdentifier(cell);
  return [{ kind: person.kind, who: { target: person }, shown: maskIdentifier(person) }];
}

/** Whether the first cell of a file is already a person (a bare list) rather than a header. */
function readsAsPerson(cell: string): boolean {
  if (readForeignHash(cell)) return true;
  try {
    return Boolean(cell.includes('@') ? emailIdentifier(cell) : phoneIdentifier(cell));
  } catch {
    return false;
  }
}

/**
 * A slice of the list, in one write; then told as any objection is (services/record.ts optOut): to each webhook
 * endpoint, one event per means, and to the approved campaigns that may hold these people.
 */
async function record(ctx: AppContext, slice: ObjectionInput[], now: Date, by: string, name: string) {
  await ctx.store.addObjections(slice, by, `suppression list ${name}`);
  for (const scope of new Set(slice.map((o) => o.scope))) {
    const mine = slice.filter((o) => o.scope === scope);
    const identifiers = mine.flatMap((o) => ('target' in o ? [o.target] : []));
    const foreign = mine.flatMap((o) => ('foreign' in o ? [o.foreign] : []));
    await queueWebhooks(ctx, 'objection', { at: now, scope, origin: by, identifiers, foreign });
    recordedAgainst(ctx, identifiers);
    recordedAgainstKeys(ctx, foreign);
  }
}

/** The import's own entry: which file (its sha256 proves which bytes) and what became of its rows; nobody named. */
function importDetail(report: Omit<SuppressionImportReport, 'sample'>): string {
  const means = Object.entries(report.byScope).map(([scope, n]) => `${scope} ${n}`);
  return [
    `file ${report.file.name} (sha256 ${report.file.sha256})`,
    `${report.file.rows} rows: ${report.objected} objections (${report.emails} emails, ${report.phones} phones, ${report.sha256} sha256, ${report.md5} md5 hashes)`,
    `by means ${means.join(', ') || '-'}`,
    `${report.notObjections} not objections`,
    `${report.dropped.length} identifiers left out`,
    `${report.errors.length} rejected`,
  ].join('; ');
}
