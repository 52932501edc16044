import { randomUUID } from 'node:crypto';
import { defined } from '../domain/contactMerge.ts';
import type {
  Channel,
  ConsentRecord,
  Contact,
  EventType,
  Interaction,
  Suppression,
  SuppressionScope,
} from '../domain/contacts.ts';
import { isForeignKey } from '../domain/foreignHashes.ts';
import type { Identifier } from '../domain/identifiers.ts';
import type { ConsentInput, ObjectionInput } from './types.ts';

/**
 * The records every store writes the same way: a consent with its proof, an interaction, an objection, a
 * withdrawal.
 */

export function consentRecord(contact: Contact, input: ConsentInput, now: Date): ConsentRecord {
  return {
    id: randomUUID(),
    contactId: contact.id,
    channel: input.channel,
    purpose: input.purpose,
    action: input.action,
    at: input.at.toISOString(),
    ...(input.until ? { until: input.until.toISOString() } : {}),
    ...(input.slot ? { slot: input.slot } : {}),
    proof: defined(input.proof),
    recordedAt: now.toISOString(),
  };
}

export function interactionRecord(contact: Contact, type: EventType, at: Date, now: Date): Interaction {
  return {
    id: randomUUID(),
    contactId: contact.id,
    type,
    at: at.toISOString(),
    recordedAt: now.toISOString(),
  };
}

/** An objection of the person behind `hash`, keyed by hash only. */
export function objectionRecord(
  hash: string,
  scope: SuppressionScope,
  at: Date,
  origin: string,
  reason?: string,
): Suppression {
  return { hash, scope, at: at.toISOString(), origin, ...(reason ? { reason } : {}) };
}

/** The entries of many objections, each under its identifier's keyed hash or under another tool's hash. */
export function objectionRecords(
  objections: ObjectionInput[],
  hash: (id: Identifier) => string,
  origin: string,
  reason?: string,
): Suppression[] {
  return objections.map((o) => {
    // A key that is neither would match nobody, silently: refused, whoever calls.
    if ('foreign' in o && !isForeignKey(o.foreign)) throw new Error('not a SHA-256 or MD5 suppression key');
    return objectionRecord('target' in o ? hash(o.target) : o.foreign, o.scope, o.at, origin, reason);
  });
}

/**
 * A consent withdrawn, remembered in the suppression list so it outlives the contact record: its own kind, with
 * its purpose, never merged with an objection of the same channel (domain/withdrawals.ts).
 */
export function withdrawalRecord(
  hash: string,
  channel: Channel,
  purpose: string,
  at: Date,
  origin: string,
): Suppression {
  return { hash, scope: channel, at: at.toISOString(), origin, kind: 'withdrawal', purpose };
}

/** The withdrawal entries a withdraw consent record leaves on each identifier of its contact. */
export function withdrawalsOf(record: ConsentRecord, hashes: string[]): Suppression[] {
  if (record.action !== 'withdraw') return [];
  const origin = record.proof.recordedBy ?? 'unknown';
  return [...new Set(hashes)].map((hash) =>
    withdrawalRecord(hash, record.channel, record.purpose, new Date(record.at), origin),
  );
}
