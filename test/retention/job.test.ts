import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RetentionScan } from '../../src/retention/deadlines.ts';
import type { Reminder } from '../../src/retention/reminders.ts';
import type { AppContext } from '../../src/services/context.ts';
import {
  type ReminderPoster,
  runRetention,
  startRetentionScheduler,
} from '../../src/services/retentionJob.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';

class FakePoster implements ReminderPoster {
  digests: RetentionScan[] = [];
  reminders: [string, string[]][] = [];
  failFor = new Set<string>();
  async digest(_channel: string, scan: RetentionScan) {
    this.digests.push(scan);
  }
  async remind(owner: string, reminders: Reminder[]) {
    if (this.failFor.has(owner)) throw new Error('ratelimited');
    this.reminders.push([owner, reminders.map((r) => r.lead)]);
  }
}

let store: FileStore;
let path: string;
afterEach(async () => store?.close());

async function open(at: string, p = policy): Promise<AppContext> {
  store = await FileStore.open(path, { env: HASH_ENV });
  return { store, policy: p, clock: () => new Date(at) };
}

/** Alice (owner U0SALES) comes due on 2026-11-23 at 10:00 Paris; Bob (owner U0OTHER) a day later. */
async function seed() {
  path = join(tempDir(), 'db.json');
  const ctx = await open('2026-01-01T00:00:00Z');
  const at = new Date('2023-11-23T09:00:00Z');
  await store.saveContact(
    {
      email: 'alice@corp.fr',
      owner: 'U0SALES',
      provenance: { source: 'form', collection: 'direct', collectedAt: at.toISOString() },
    },
    at,
  );
  await store.saveContact(
    {
      email: 'bob@corp.fr',
      owner: 'U0OTHER',
      provenance: { source: 'form', collection: 'direct', collectedAt: '2023-11-24T09:00:00Z' },
    },
    at,
  );
  await store.close();
  return ctx;
}

describe('retention runs', () => {
  it('never repeats a reminder, even across a restart, and retries one Slack refused', async () => {
    await seed();
    const poster = new FakePoster();
    poster.failFor.add('U0OTHER');
    let ctx = await open('2026-10-25T09:30:00Z'); // clocks went back at 03:00 that morning
    const first = await runRetention(ctx, poster);
    expect(first).toMatchObject({ sent: 1, digestPosted: true, failedOwners: ['U0OTHER'] });
    await store.close(); // the app restarts
    ctx = await open('2026-10-25T10:30:00Z');
    poster.failFor.clear();
    const second = await runRetention(ctx, poster);
    expect(second.sent).toBe(1);
    expect(poster.reminders).toEqual([
      ['U0SALES', ['P30D']],
      ['U0OTHER', ['P30D']],
    ]);
  });

  it('after the app was down on the reminder day, sends the most urgent reminder once at the next run', async () => {
    await seed();
    const poster = new FakePoster();
    const ctx = await open('2026-11-23T09:30:00Z'); // Alice overdue, Bob due tomorrow; nothing was ever sent
    await runRetention(ctx, poster);
    await runRetention(ctx, poster);
    expect(poster.reminders).toEqual([
      ['U0SALES', ['overdue']],
      ['U0OTHER', ['P1D']],
    ]);
  });

  it('purges at the deadline when the policy says auto, and audits who, how many and under which rule', async () => {
    await seed();
    const auto = {
      ...policy,
      doc: { ...policy.doc, retention: { ...policy.doc.retention, on_deadline: 'auto' as const } },
    };
    const ctx = await open('2026-11-23T09:00:00Z', auto);
    await store.addObjection(
      [{ kind: 'email', value: 'alice@corp.fr' }],
      'all',
      new Date('2026-06-01'),
      'test',
    );
    const poster = new FakePoster();
    const run = await runRetention(ctx, poster);
    expect(run.purged).toMatchObject({ contacts: 1 });
    // Nobody is reminded about what the run just purged.
    expect(poster.reminders).toEqual([['U0OTHER', ['P1D']]]);
    expect(await store.findContact({ kind: 'email', value: 'alice@corp.fr' })).toBeUndefined();
    expect(await store.findContact({ kind: 'email', value: 'bob@corp.fr' })).toBeDefined();
    // The objection outlives the contact.
    expect((await store.subjectFacts({ kind: 'email', value: 'alice@corp.fr' })).objections).toHaveLength(1);
    const [entry] = await store.auditTrail({ action: 'retention.purge' });
    expect(entry).toMatchObject({ actor: 'scheduler', outcome: 'done' });
    expect(entry?.detail).toMatch(
      /^1 contacts, 0 consents, 0 interactions, 0 decisions; rules retention-prospect-non-customer$/,
    );
    expect(await store.purgedTotals()).toMatchObject({ contacts: 1 });
  });

  it('catches up once at start when the last scheduled run was missed, and not again after', async () => {
    await seed();
    const poster = new FakePoster();
    // Monday 23 November 2026 at 10:15 Paris: the 09:00 run did not happen.
    let ctx = await open('2026-11-23T09:15:00Z');
    let scheduler = startRetentionScheduler(ctx, poster, (e) => {
      throw e;
    });
    await scheduler.ready;
    scheduler.stop();
    expect(poster.digests).toHaveLength(1);
    await store.close();
    ctx = await open('2026-11-23T09:20:00Z');
    scheduler = startRetentionScheduler(ctx, poster, (e) => {
      throw e;
    });
    await scheduler.ready;
    scheduler.stop();
    expect(poster.digests).toHaveLength(1);
  });
});
