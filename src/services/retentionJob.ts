import type { Cron } from 'croner';
import { Cron as CronJob } from 'croner';
import { kept } from '../domain/kept.ts';
import { parseDuration } from '../domain/time.ts';
import { SCHEDULER } from '../policy/access.ts';
import type { RetentionScan } from '../retention/deadlines.ts';
import { dueReminders, type Reminder } from '../retention/reminders.ts';
import type { Lease, PurgeResult } from '../store/index.ts';
import { discardEndedLists } from './campaignLists.ts';
import type { AppContext } from './context.ts';
import { purgeOverdue, retentionScan, withoutPurged } from './retention.ts';

/** Where reminders go: the compliance digest and each owner's own list. Slack implements it; tests fake it. */
export interface ReminderPoster {
  digest(channel: string, scan: RetentionScan, reminders: Reminder[]): Promise<void>;
  remind(owner: string, reminders: Reminder[]): Promise<void>;
}

export interface RetentionRun {
  purged?: PurgeResult;
  sent: number;
  digestPosted: boolean;
  failedOwners: string[];
}

/**
 * One run: purge what is overdue if the policy says so, then post the digest and each owner's reminders. A
 * reminder is recorded as sent only once Slack accepted it, so an error means "try again next run", never a
 * lost or a doubled reminder. Run under a lease (several replicas), it checks the lease before each post and
 * records with it: a replica that lost it stops (LeaseLost) and leaves the rest to the one that holds it now.
 */
export async function runRetention(
  ctx: AppContext,
  poster: ReminderPoster,
  lease?: Lease,
): Promise<RetentionRun> {
  const { policy, store } = ctx;
  const now = ctx.clock();
  const run: RetentionRun = { sent: 0, digestPosted: false, failedOwners: [] };
  const leads = policy.doc.params.retention_reminder_leads;
  const horizonDays = Math.max(0, ...leads.map((l) => Math.ceil(parseDuration(l).as('days'))));
  // One day more than the longest lead: "30 days before" in the zone can be 30 days and an hour (DST).
  let scan = await retentionScan(ctx, undefined, horizonDays + 1);
  if (policy.doc.retention.on_deadline === 'auto') {
    // Each line is computed again at the moment it is deleted: a contact whose clock moved since the scan stays.
    const purge = await purgeOverdue(ctx, SCHEDULER, { scan });
    run.purged = purge.removed;
    scan = withoutPurged(scan, purge);
  }
  // The checked lists of campaigns that can no longer be approved or sent go too (services/campaignLists.ts).
  await discardEndedLists(ctx);
  const sentBefore = await store.remindersSent();
  const deadlines = [...scan.overdue, ...scan.lapsed, ...scan.due];
  const send: Reminder[] = [];
  const superseded: string[] = [];
  // Planned in slices: three calendar subtractions per deadline add up at 100,000 contacts.
  for (let i = 0; i < deadlines.length; i += 1000) {
    const part = dueReminders(deadlines.slice(i, i + 1000), leads, sentBefore, now, policy.timeZone);
    send.push(...part.send);
    superseded.push(...part.superseded);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (scan.overdue.length + scan.lapsed.length + scan.due.length > 0) {
    await lease?.check();
    try {
      await poster.digest(policy.doc.retention.reminders.channel, scan, send);
      run.digestPosted = true;
    } catch {
      run.digestPosted = false;
    }
  }
  const byOwner = new Map<string, Reminder[]>();
  for (const reminder of send) kept(byOwner, reminder.deadline.contact.owner ?? '', () => []).push(reminder);
  for (const [owner, reminders] of byOwner) {
    // Contacts without an owner are reminded through the digest only.
    await lease?.check();
    if (owner) {
      try {
        await poster.remind(owner, reminders);
      } catch {
        run.failedOwners.push(owner);
        continue;
      }
    } else if (!run.digestPosted) continue;
    await store.markReminders(
      reminders.map((r) => r.key),
      now,
      lease,
    );
    run.sent += reminders.length;
  }
  await store.markReminders(superseded, now, lease);
  return run;
}

/**
 * The reminder schedule of the policy (cron and time zone). At start it catches up once if the last scheduled
 * run was missed (the app was down); runs never overlap.
 */
export function startRetentionScheduler(
  ctx: AppContext,
  poster: ReminderPoster,
  onError: (error: Error) => void,
): { stop: () => void; runNow: () => Promise<RetentionRun | undefined>; ready: Promise<void> } {
  const { schedule, time_zone } = ctx.policy.doc.retention.reminders;
  let chain: Promise<RetentionRun | undefined> = Promise.resolve(undefined);
  const runOnce = (scheduledFor?: Date) => {
    chain = chain
      .catch(() => undefined)
      // One run per occurrence across replicas: each waits for the lease, and whoever gets it after the run
      // was recorded does nothing. A replica that dies mid-run frees the lease: the next one finishes the run,
      // skipping the reminders already recorded as posted.
      .then(() =>
        ctx.store.exclusive('retention-run', async (lease) => {
          const key = scheduledFor ? `run:${scheduledFor.toISOString()}` : undefined;
          if (key && (await ctx.store.remindersSent()).has(key)) return undefined;
          const result = await runRetention(ctx, poster, lease);
          if (key) await ctx.store.markReminders([key], ctx.clock(), lease);
          return result;
        }),
      )
      .catch((error: Error) => {
        onError(error);
        return undefined;
      });
    return chain;
  };
  const job: Cron = new CronJob(schedule, { timezone: time_zone, protect: true }, () => {
    const at = ctx.clock();
    at.setSeconds(0, 0);
    void runOnce(at);
  });
  // The latest scheduled time before now: if no run was recorded for it, the app was down then.
  const ready = (async () => {
    const now = ctx.clock();
    const probe = new CronJob(schedule, { timezone: time_zone, paused: true });
    const runs = probe.nextRuns(400, new Date(now.getTime() - 8 * 86_400_000)).filter((d) => d <= now);
    const last = runs.at(-1);
    if (last && !(await ctx.store.remindersSent()).has(`run:${last.toISOString()}`)) await runOnce(last);
  })();
  return {
    stop: () => job.stop(),
    runNow: () => runOnce(),
    ready,
  };
}
