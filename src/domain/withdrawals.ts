import {
  type Channel,
  type ConsentRecord,
  distinctObjections,
  type Objection,
  objectionKey,
  type Suppression,
} from './contacts.ts';

/**
 * A withdrawn consent, beside the objections. Withdrawing consent (GDPR art. 7(3), L.223-1 "révocable") ends the
 * consents of that purpose on that channel, and of what the channel covers for it (phone: automated calls too);
 * it is not an objection to the channel (art. 21), and it does not end a consent of another purpose on it.
 * The suppression list remembers it as its own kind, with its purpose, so that it outlives the contact record
 * when the contact is purged.
 */

/**
 * The withdrawals and objections of a person read by their substance. Earlier versions recorded a withdrawal as
 * an objection of its channel (`reason: 'consent-withdrawal'`, read as a withdrawal without a purpose): a date of
 * such an entry is the withdrawal of the consent record withdrawn on that channel at that instant, when the
 * record is still there, and takes its purpose. A date without such a record stays an objection of the channel:
 * those entries were renewed by later opt-outs of the same scope, so an unmatched date may be an opt-out, and
 * an objection must never be read as less than one (art. 21(3)); a withdrawal read as an objection only blocks
 * more, as the register always did.
 */
export function readWithdrawals(objections: Objection[], consents: ConsentRecord[]): Objection[] {
  if (!objections.some((o) => o.kind === 'withdrawal' && o.purpose === undefined)) return objections;
  return objections.map((o) => {
    if (o.kind !== 'withdrawal' || o.purpose !== undefined) return o;
    const record = consents.find(
      (c) =>
        c.action === 'withdraw' && c.channel === o.scope && new Date(c.at).getTime() === Date.parse(o.at),
    );
    return record ? { ...o, purpose: record.purpose } : { scope: o.scope, at: o.at };
  });
}

/** What the engine sees of a person's suppression entries: each told once, read by their substance. */
export function personObjections(suppressions: Suppression[], consents: ConsentRecord[]): Objection[] {
  const seen = new Map<string, Objection>();
  // Once read, an entry of an earlier version may be the same withdrawal as one of the new kind: told once.
  for (const o of readWithdrawals(distinctObjections(suppressions), consents)) seen.set(objectionKey(o), o);
  return [...seen.values()];
}

/** A person's withdrawals as she told them: one per channel and purpose, since its first date, with later ones. */
export function withdrawalsByPurpose(
  objections: Objection[],
): Array<{ channel: Channel; purpose: string; since: string; again: string[] }> {
  const byKey = new Map<string, { channel: Channel; purpose: string; dates: string[] }>();
  for (const o of objections) {
    if (o.kind !== 'withdrawal' || o.purpose === undefined || o.scope === 'all') continue;
    const key = `${o.scope}:${o.purpose}`;
    const entry = byKey.get(key) ?? { channel: o.scope, purpose: o.purpose, dates: [] };
    entry.dates.push(o.at);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map(({ channel, purpose, dates }) => {
    const [since, ...again] = [...new Set(dates)].sort() as [string, ...string[]];
    return { channel, purpose, since, again };
  });
}
