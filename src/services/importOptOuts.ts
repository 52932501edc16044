import type { ColumnPlan } from '../csv/columnPlan.ts';
import { optedOut } from '../csv/optOutColumns.ts';
import type { SuppressionScope } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { recordedAgainst } from './approvedWatch.ts';
import type { AppContext } from './context.ts';
import { queueWebhooks } from './webhooks.ts';

/**
 * Rows written to the store at a time, contacts and opt-outs alike: one journal entry (and one fsync) each,
 * small enough that writing one never holds the app's other work up for long, large enough that a million rows
 * are not a million fsyncs.
 */
export const WRITE_SLICE = 5000;

/** A person the file says opted out: every identifier of her row that reads, the means, and since when. */
export interface OptOut {
  scope: SuppressionScope;
  identifiers: Identifier[];
  at: Date;
}

/**
 * What the row's opt-out columns say (Brevo's BLACKLISTED, HubSpot's "Unsubscribed from all email", Salesforce's
 * "Do Not Call"…): each "yes" is an objection on the means it covers, whatever else the row holds. It is recorded
 * at the import: an export says she is unsubscribed as of the export, so an older consent in the register never
 * outweighs it, and a date column that is unreadable or ahead never loses the objection (GDPR art. 21(3)). A
 * cell that says neither yes nor no rejects the row at its column, since an unsubscribe read as nothing would be
 * allowed.
 */
export function optOutsOf(plan: ColumnPlan, cells: string[], identifiers: Identifier[], now: Date): OptOut[] {
  const found: OptOut[] = [];
  for (const { column, scope } of plan.optOuts) {
    const header = plan.headers[column] as string;
    const said = optedOut(cells[column]);
    if (said === undefined) throw new InputError('not_yes_no', { field: header, value: cells[column] ?? '' });
    if (said && identifiers.length > 0) found.push({ scope, identifiers, at: now });
  }
  return found;
}

/**
 * The file's opt-outs, recorded after its contacts (so each reaches every identifier of the person), grouped by
 * means, told to the webhooks and to the campaigns approved since, like any objection (GDPR art. 21(3)).
 */
export async function recordOptOuts(ctx: AppContext, optOuts: OptOut[], by: string): Promise<number> {
  const groups = new Map<string, OptOut[]>();
  for (const o of optOuts) {
    const key = `${o.scope} ${o.at.getTime()}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  for (const group of groups.values()) {
    const { scope, at: when } = group[0] as OptOut;
    const people = group.flatMap((o) => o.identifiers);
    for (let at = 0; at < people.length; at += WRITE_SLICE) {
      const slice = people.slice(at, at + WRITE_SLICE);
      await ctx.store.addObjection(slice, scope, when, 'import');
      await queueWebhooks(ctx, 'objection', { at: when, scope, origin: by, identifiers: slice });
      recordedAgainst(ctx, slice);
    }
  }
  return optOuts.length;
}
