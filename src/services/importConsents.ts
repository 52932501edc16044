import {
  type ConsentColumn,
  consentChannelOf,
  consentColumnFor,
  consentMethodOf,
} from '../csv/consentColumns.ts';
import type { ByteSource } from '../csv/stream.ts';
import type { Contact } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type Identifier, maskIdentifier } from '../domain/identifiers.ts';
import type { ConsentInput } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { type FactFile, type FactRow, isoOf, type RowError, readFacts } from './factRows.ts';
import { type ConsentFields, knownContact, readConsent, saveConsent } from './record.ts';

/**
 * `import-consents FILE`: consents with their proof, one a row, each read by the rules of `consent grant`
 * (services/record.ts readConsent: a method the policy accepts, the wording shown, an evidence reference, not
 * dated ahead, an end after its start) and about a person in the register, as `consent grant` requires (a
 * consent is a fact about a contact we hold: add her first, with where her details came from). All or nothing:
 * every row is checked before any is written, unless `skipInvalid`. A consent already recorded (the same person,
 * channel, purpose, date and proof) is not recorded twice, so a file can be imported again after a stop.
 */

export interface ConsentImportReport {
  file: FactFile;
  /** Consents read and not yet in the register: recorded, unless the file is refused or this is a dry run. */
  toRecord: number;
  recorded: number;
  /** Rows whose consent the register already holds (an import run again): left as they are. */
  already: number;
  errors: RowError[];
  /** Whether the good rows were recorded though some were bad (`skipInvalid`). */
  skipped: boolean;
  dryRun: boolean;
  /** The first consents as they are (or would be) recorded: the person masked. */
  sample: Array<{ line: number; person: string; input: ConsentInput }>;
}

interface Pending {
  line: number;
  contact: Contact;
  target: Identifier;
  input: ConsentInput;
}

const SAMPLE = 5;

export async function importConsents(
  ctx: AppContext,
  source: ByteSource,
  fileName: string,
  options: {
    by: string;
    skipInvalid?: boolean;
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ConsentImportReport> {
  const now = ctx.clock();
  const pending: Pending[] = [];
  const seen = new Set<string>();
  let already = 0;
  const { file, errors } = await readFacts<ConsentColumn>(
    source,
    fileName,
    { columnFor: consentColumnFor, header: (fields) => checkHeader(fields, fileName) },
    async (row) => {
      const read = await readRow(ctx, row, options.by, now);
      const key = consentKey(read.contact, read.input);
      const held = await ctx.store.contactRecord(read.contact.id);
      const grants = held?.consents.filter((c) => c.action === 'grant') ?? [];
      if (seen.has(key) || grants.some((c) => consentKey(read.contact, recorded(c)) === key)) {
        already++;
        return;
      }
      seen.add(key);
      pending.push({ ...read, line: row.row.line });
    },
    options,
  );
  const sample = pending
    .slice(0, SAMPLE)
    .map((p) => ({ line: p.line, person: maskIdentifier(p.target), input: p.input }));
  const skipped = errors.length > 0 && options.skipInvalid === true;
  const report = {
    file,
    toRecord: pending.length,
    recorded: 0,
    already,
    errors,
    skipped,
    dryRun: options.dryRun === true,
    sample,
  };
  if ((errors.length > 0 && !skipped) || options.dryRun) return report;
  const detail = () =>
    `file ${file.name} (sha256 ${file.sha256}); ${file.rows} rows: ${report.recorded} recorded, ${already} already recorded, ${errors.length} rejected`;
  for (const [i, p] of pending.entries()) {
    try {
      await saveConsent(ctx, p.contact, p.target, p.input, now, `${file.name}:${p.line}`);
    } catch (error) {
      // What was written before stays, each consent audited: the import's entry says where it stopped.
      if (report.recorded > 0) await auditImport(ctx, options.by, `${detail()}; stopped at line ${p.line}`);
      throw error;
    }
    report.recorded++;
    // A long import leaves room for others: the bot keeps answering while the CLI imports through it.
    if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
  }
  await auditImport(ctx, options.by, detail());
  return report;
}

/** The columns a consent file cannot do without: whom it is about, on which channel, and when it was given. */
function checkHeader(fields: Array<ConsentColumn | undefined>, file: string): void {
  if (!fields.includes('email') && !fields.includes('phone'))
    throw new InputError('csv_no_identifier_column', { file });
  const examples = { channel: 'Canal, Channel', at: 'Date du consentement, Consent date' };
  for (const needed of ['channel', 'at'] as const)
    if (!fields.includes(needed))
      throw new InputError('csv_missing_column', { file, field: needed, allowed: examples[needed] });
}

/**
 * One row, read as `consent grant` reads its options; the person is found by her address, else her number (both
 * given must be hers). The date is required: a consent without one would be dated today, later than it was given,
 * and a consent dated after an objection lifts it.
 */
async function readRow(ctx: AppContext, { fields }: FactRow<ConsentColumn>, by: string, now: Date) {
  if (!fields.channel) throw new InputError('required', { field: 'channel' });
  if (!fields.at) throw new InputError('consent_date_required', { field: 'at' });
  const given: ConsentFields = {
    action: 'grant',
    channel: consentChannelOf(fields.channel),
    purpose: fields.purpose,
    at: isoOf(fields.at),
    method: fields.method && consentMethodOf(fields.method),
    wording: fields.wording,
    evidence: fields.evidence,
    capturedWhere: fields.capturedWhere,
    until: isoOf(fields.until),
    collectedBy: fields.collectedBy,
    namesUs: fields.namesUs,
    slotStart: isoOf(fields.slotStart),
    slotEnd: isoOf(fields.slotEnd),
    recordedBy: by,
  };
  const byEmail = fields.email ? readConsent(ctx, { ...given, email: fields.email }, now) : undefined;
  const byPhone = fields.phone ? readConsent(ctx, { ...given, phone: fields.phone }, now) : undefined;
  const found = await Promise.all(
    [byEmail, byPhone].map(async (read) => read && (await ctx.store.findContact(read.target))),
  );
  const [emailContact, phoneContact] = found;
  if (emailContact && phoneContact && emailContact.id !== phoneContact.id)
    throw new InputError('identifiers_of_two_contacts', { field: 'phone' });
  const read = emailContact || !phoneContact ? (byEmail ?? byPhone) : byPhone;
  if (!read) throw new InputError('email_or_phone_required');
  const contact = emailContact ?? phoneContact ?? (await knownContact(ctx, read.target));
  return { contact, target: read.target, input: read.input };
}

/** What makes two consents one: the person, the channel, the purpose, when, and the proof of it. */
function consentKey(contact: Contact, input: ConsentInput): string {
  const { method, wording, evidence } = input.proof;
  return JSON.stringify([
    contact.id,
    input.channel,
    input.purpose,
    input.at.toISOString(),
    method,
    wording,
    evidence,
  ]);
}

function recorded(c: {
  channel: ConsentInput['channel'];
  purpose: string;
  at: string;
  proof: ConsentInput['proof'];
}) {
  return {
    channel: c.channel,
    purpose: c.purpose,
    action: 'grant' as const,
    at: new Date(c.at),
    proof: c.proof,
  };
}

function auditImport(ctx: AppContext, by: string, detail: string): Promise<void> {
  return ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor: by,
    action: 'consent.import',
    outcome: 'done',
    detail,
  });
}
