import { type Channel, type Objection, objectionCovers } from '../../domain/contacts.ts';
import { readWithdrawals } from '../../domain/withdrawals.ts';
import { latestValidGrant } from './consent.ts';
import type { Facts, FactTable } from './scope.ts';

/** The person's objections and withdrawals, read by their substance (entries of earlier versions too). */
function entries(f: Facts): Objection[] {
  return f.remember('objection-entries', () => readWithdrawals(f.subject.objections, f.subject.consents));
}

/** Objections in force for this channel (GDPR art. 21): the dates of global ones and of those of this means. */
function objections(f: Facts): { global: Date[]; channel: Date[] } {
  const global: Date[] = [];
  const channel: Date[] = [];
  const add = (scope: string, iso: string) => {
    const at = new Date(iso);
    if (at > f.now) return f.flipAt(at);
    if (scope === 'all') global.push(at);
    else if (objectionCovers(scope as Channel, f.request.channel)) channel.push(at);
  };
  for (const o of entries(f)) if (o.kind !== 'withdrawal') add(o.scope, o.at);
  // A refusal during a call objects to telephone canvassing of that line (L.221-16, GDPR art. 21), whoever
  // the callee is; the store also keeps it in the suppression list.
  for (const i of f.subject.interactions) if (i.type === 'call-refusal') add('phone', i.at);
  return { global, channel };
}

/**
 * The dates the person withdrew her consent to this purpose on this channel, or on one that covers it
 * (withdrawing telephone canvassing, L.223-1 "révocable", stops automated calls to the line too): the withdraw
 * records, and the suppression list's memory of them, which outlives the contact record.
 */
function withdrawals(f: Facts): Date[] {
  const dates: Date[] = [];
  const add = (channel: Channel | 'all', purpose: string | undefined, iso: string) => {
    if (channel === 'all' || purpose !== f.purpose || !objectionCovers(channel, f.request.channel)) return;
    const at = new Date(iso);
    if (at > f.now) f.flipAt(at);
    else dates.push(at);
  };
  for (const c of f.subject.consents) if (c.action === 'withdraw') add(c.channel, c.purpose, c.at);
  for (const o of entries(f)) if (o.kind === 'withdrawal') add(o.scope, o.purpose, o.at);
  return dates;
}

/**
 * Objections (F1), and what a withdrawn consent refuses. A withdrawal is not an objection: withdrawing the
 * newsletter does not object to the channel, nor end a separate prospecting consent on it (GDPR art. 7(3): it
 * withdraws "his or her consent", that one). Withdrawing the consent to this purpose on this channel refuses
 * this purpose on it, whatever else might have allowed it: the EDPB (Guidelines 05/2020 on consent, §§ 121-123)
 * holds that a controller may not fall back on another basis (legitimate interest, the B2B regime, the soft
 * opt-in) once consent is withdrawn; and for direct marketing, telling us "stop sending me this" is the
 * objection GDPR art. 21(2)-(3) gives at any time, and that L.34-5 CPCE says must be possible "de manière simple
 * et gratuite". So a withdrawal of prospecting on a channel stops prospecting on that channel, like an
 * unsubscribe from it, and is lifted the same way (a later, valid consent to it); a withdrawal of another
 * purpose stops only that purpose.
 */
export const objectionFacts = {
  objection: (f) => {
    const { global, channel } = objections(f);
    const consent = latestValidGrant(f);
    // A later, specific, proven consent on this channel lifts an unsubscribe from it; a global objection
    // (art. 21) is lifted only by a human's review (objection_followed_by_consent).
    const lifted = (at: Date) => consent !== undefined && consent > at;
    return global.some((at) => !lifted(at)) || channel.some((at) => !lifted(at));
  },
  objection_followed_by_consent: (f) => {
    const { global } = objections(f);
    const consent = latestValidGrant(f);
    return global.length > 0 && consent !== undefined && global.every((at) => consent > at);
  },
  consent_withdrawal_refuses: (f) => {
    const consent = latestValidGrant(f);
    return withdrawals(f).some((at) => consent === undefined || consent <= at);
  },
} satisfies FactTable;
