import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../src/retention/reminders.ts';
import { type ReminderPoster, startRetentionScheduler } from '../../src/services/retentionJob.ts';
import { PgStore } from '../../src/store/pg/pgStore.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';
import { freshDatabase } from './pg.ts';

/** Records what it posts; `hangFor` never answers for that owner, as a replica killed while posting. */
class Poster implements ReminderPoster {
  posted: string[] = [];
  digests = 0;
  /** Lets the hung post end: as a replica cut off from the database, but not from Slack, would go on. */
  release?: () => void;
  constructor(private readonly hangFor?: string) {}
  async digest() {
    this.digests++;
  }
  async remind(owner: string, reminders: Reminder[]) {
    if (owner === this.hangFor)
      await new Promise<void>((resolve) => {
        this.release = resolve;
      });
    this.posted.push(...reminders.map((r) => `${owner}:${r.key}`));
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
};

describe('the retention schedule on several replicas', () => {
  it('runs an occurrence once; a replica killed mid-run is finished by another, no reminder posted twice', async () => {
    const url = await freshDatabase();
    const clock = () => new Date('2026-11-23T11:00:00+01:00'); // a Monday: today's 09:00 run is due
    const [a, b] = await Promise.all([
      PgStore.open(url, { env: HASH_ENV }),
      PgStore.open(url, { env: HASH_ENV }),
    ]);
    const seededAt = new Date('2023-11-23T09:00:00Z');
    for (const [email, owner, collectedAt] of [
      ['alice@corp.fr', 'U0SALES', '2023-11-23T09:00:00Z'],
      ['bob@corp.fr', 'U0OTHER', '2023-11-24T09:00:00Z'],
      ['carol@corp.fr', 'U0THIRD', '2023-11-25T09:00:00Z'],
    ] as const)
      await a.saveContact(
        { email, owner, provenance: { source: 'form', collection: 'direct', collectedAt } },
        seededAt,
      );
    const posterA = new Poster('U0OTHER');
    const posterB = new Poster();
    const errorsA: Error[] = [];
    const replicaA = startRetentionScheduler({ store: a, policy, clock }, posterA, (e) => errorsA.push(e));
    await until(() => posterA.posted.length > 0 && posterA.release !== undefined);
    const replicaB = startRetentionScheduler({ store: b, policy, clock }, posterB, () => undefined);
    // B waits for the lease A holds; A dies: its connection goes, and the lease with it.
    await new Promise((r) => setTimeout(r, 200));
    expect(posterB.digests).toBe(0);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted",
    );
    await admin.end();
    await replicaB.ready;
    expect(posterB.posted.map((p) => p.split(':')[0])).toEqual(['U0OTHER', 'U0THIRD']);
    // A was only cut off from the database: its post ends, and its fencing token, now stale, stops it before
    // it records anything or reminds U0THIRD a second time.
    posterA.release?.();
    await until(() => errorsA.length > 0);
    expect(errorsA[0]?.name).toBe('LeaseLost');
    expect(posterA.posted.map((p) => p.split(':')[0])).toEqual(['U0SALES', 'U0OTHER']);
    // The occurrence is recorded: neither replica runs it again.
    const again = startRetentionScheduler({ store: b, policy, clock }, posterB, () => undefined);
    await again.ready;
    expect(posterB.digests).toBe(1);
    for (const replica of [replicaA, replicaB, again]) replica.stop();
    await Promise.all([a.close().catch(() => undefined), b.close()]);
  });
});
