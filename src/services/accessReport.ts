import {
  asObjections,
  type ConsentRecord,
  type Contact,
  type Interaction,
  type Objection,
  objectionKey,
  objectionsByScope,
  type Provenance,
  type Suppression,
} from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { foreignKeysOf } from '../domain/foreignHashes.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';
import { readWithdrawals, withdrawalsByPurpose } from '../domain/withdrawals.ts';
import type { Controller } from '../policy/controllerSchema.ts';
import { type ChannelBasis, channelBases } from '../policy/legalBases.ts';
import { type Deadline, deadlinesOf } from '../retention/deadlines.ts';
import type { DecisionLogEntry } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { oneOf } from './parse.ts';
import { personIdentifiers } from './record.ts';

/** The formats of an access request's answer: JSON for machines, a page or a PDF for the person. */
export const EXPORT_FORMATS = ['json', 'html', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An objection or a withdrawal as the suppression list told it, with where it was told (JSON only). */
export type Told = Objection & Pick<Suppression, 'origin' | 'reason'>;

/**
 * Everything held on one person, gathered for an access request (GDPR art. 15): what she is recorded with, where
 * it came from, on what ground we may approach her, until when it is kept, and what she told us. The JSON export
 * and the report she reads are both made from it.
 */
export interface AccessReport {
  at: Date;
  zone: string;
  policy: { name: string; revision: string };
  controller?: Controller;
  target: Identifier;
  contact?: Contact;
  /** Her current addresses and numbers (the one asked about when she is not in the register). */
  identifiers: Identifier[];
  /** How many former identifiers are kept, only as keyed hashes, so that her objections still bind them. */
  formerIdentifiers: number;
  /** The first collection, then every later source, oldest first (GDPR art. 14(2)(f), 15(1)(g)). */
  sources: Provenance[];
  bases: ChannelBasis[];
  deadlines: Deadline[];
  consents: ConsentRecord[];
  interactions: Interaction[];
  objections: Told[];
  withdrawals: Told[];
  /** Each question asked about her and its answer: no person is named, only the time, channel and verdict. */
  decisions: DecisionLogEntry[];
}

/** What the register holds on the person asked about, as of the context's clock; nothing is written. */
export async function gatherAccessReport(ctx: AppContext, target: Identifier): Promise<AccessReport> {
  const now = ctx.clock();
  const { contact, ids } = await personIdentifiers(ctx, target);
  const former = contact?.formerHashes ?? [];
  // Another tool's hashes of her addresses too (import-suppressions): her objection told that way is hers.
  const hashes = [
    ...new Set([...ids.map((id) => ctx.store.hash(id)), ...former, ...ids.flatMap(foreignKeysOf)]),
  ];
  const facts = await ctx.store.subjectFacts(target);
  const about = await ctx.store.recordsAbout(hashes);
  const record = contact && { contact, consents: facts.consents, interactions: facts.interactions };
  return {
    at: now,
    zone: ctx.policy.timeZone,
    policy: { name: ctx.policy.doc.policy.name, revision: ctx.policy.revision },
    controller: ctx.policy.doc.controller,
    target,
    contact,
    identifiers: contact ? identifiersOf(contact) : [target],
    formerIdentifiers: former.length,
    sources: contact ? [...(contact.provenance ? [contact.provenance] : []), ...(contact.sources ?? [])] : [],
    bases: channelBases(facts, ctx.policy, now),
    deadlines: record ? deadlinesOf(record, ctx.policy, now) : [],
    consents: facts.consents,
    interactions: facts.interactions,
    // Every time the person objected, not only the first (art. 15: the whole record, in the order told); the
    // consents she withdrew apart, with their purpose: a withdrawal is not an objection (domain/withdrawals.ts).
    objections: suppressionsOf(about.suppressions, facts.consents, 'objection'),
    withdrawals: suppressionsOf(about.suppressions, facts.consents, 'withdrawal'),
    decisions: about.decisions,
  };
}

/** The report a person reads needs the controller's name and where to write: a policy without them cannot. */
export function assertReadable(report: AccessReport, format: ExportFormat): Controller | undefined {
  if (format !== 'json' && !report.controller) throw new InputError('controller_missing');
  return report.controller;
}

/**
 * Each date of the suppression entries, read by its substance as an objection or as a withdrawal with its
 * purpose (an entry of an earlier version by the person's consent records), with where it was told.
 */
function suppressionsOf(
  suppressions: Suppression[],
  consents: ConsentRecord[],
  kind: 'objection' | 'withdrawal',
): Told[] {
  const told = suppressions.flatMap((s) => {
    const { origin, reason } = s;
    const dates = readWithdrawals(asObjections(s), consents);
    return dates
      .filter((o) => (o.kind === 'withdrawal') === (kind === 'withdrawal'))
      .map((o) => ({ ...o, origin, ...(reason && o.kind !== 'withdrawal' ? { reason } : {}) }));
  });
  // The suppression list keeps one entry per identifier: a person with an email and a phone told it once.
  const once = new Map(told.map((o) => [`${objectionKey(o)}|${o.origin}`, o]));
  return [...once.values()].sort((a, b) => a.at.localeCompare(b.at));
}

/** Her objections by scope and her withdrawals by purpose, as she told them (first date, then the later ones). */
export function toldOnce(report: AccessReport) {
  return {
    objections: objectionsByScope(report.objections),
    withdrawals: withdrawalsByPurpose(report.withdrawals),
  };
}

const EXTENSIONS: Record<ExportFormat, RegExp> = { json: /\.json$/i, html: /\.html?$/i, pdf: /\.pdf$/i };

/**
 * The format of an access request's answer: `--format` when given, else the output file's extension (.html,
 * .pdf, .json), else JSON (the machine format scripts read on standard output). A PDF goes to a file only, and a
 * file whose extension says another format than `--format` is a slip, refused before anything is read.
 */
export function exportFormat(format: string | undefined, out: string | undefined): ExportFormat {
  const byName = out ? EXPORT_FORMATS.find((f) => EXTENSIONS[f].test(out)) : undefined;
  const chosen = format === undefined ? (byName ?? 'json') : oneOf(format, EXPORT_FORMATS, 'format');
  if (out && byName && byName !== chosen)
    throw new InputError('export_file_type', { field: 'out', value: out, allowed: extensionOf(chosen) });
  if (chosen === 'pdf' && !out) throw new InputError('required', { field: 'out' });
  return chosen;
}

const extensionOf = (format: ExportFormat) => (format === 'html' ? '.html' : `.${format}`);
