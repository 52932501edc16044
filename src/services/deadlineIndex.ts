import type { Policy } from '../policy/load.ts';
import { deadlinesChangeAt, deadlinesOf, sortOut, type Timed } from '../retention/deadlines.ts';
import type { ContactRecord, Store } from '../store/index.ts';

/** What a purge deletes now (as the scan, the purge and the digest count it), and what comes due. */
export interface DeadlineCounts {
  toPurge: { contacts: number; proofs: number };
  dueWithin: number;
}

interface Entry {
  /** The contact's deadlines (data, phone consents, proofs): kind and instant only. */
  deadlines: Timed[];
  /** Past this instant the deadlines may be others: computed again (see deadlinesChangeAt). */
  validUntil: number;
}

/**
 * Every contact's deadlines, kept between requests: App Home's counts at a million contacts are a count over
 * numbers, not a million deadline computations. Built once (in slices, the app answering meanwhile), then kept
 * up to date: the store tells which contacts each change touched, and a contact whose deadlines depend on a date
 * still ahead is computed again once that date has passed.
 */
export class DeadlineIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly dirty = new Set<string>();
  private built = false;
  private building?: Promise<void>;
  private readonly stop: () => void;

  constructor(
    private readonly store: Store,
    readonly policy: Policy,
  ) {
    this.stop = store.onContactsChanged((ids) => {
      if (ids === 'all') this.built = false;
      else for (const id of ids) this.dirty.add(id);
    });
  }

  close(): void {
    this.stop();
  }

  /** What a purge deletes at `now` (contacts, consent proofs), and how many deadlines come within `days`. */
  async counts(now: Date, days: number): Promise<DeadlineCounts> {
    while (!this.built) {
      this.building ??= this.build(now).finally(() => {
        this.building = undefined;
      });
      await this.building;
    }
    const t = now.getTime();
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) await this.refresh(id, now);
    const horizon = new Date(t + days * 86_400_000);
    const counts: DeadlineCounts = { toPurge: { contacts: 0, proofs: 0 }, dueWithin: 0 };
    const tally = (deadlines: Timed[]) => {
      if (deadlines.length === 0) return;
      const sorted = sortOut(deadlines, now, horizon);
      for (const d of sorted.purge)
        if (d.kind === 'consent-proof') counts.toPurge.proofs++;
        else counts.toPurge.contacts++;
      counts.dueWithin += sorted.due.length;
    };
    const stale: string[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.validUntil <= t) stale.push(id);
      else tally(entry.deadlines);
    }
    for (const id of stale) tally((await this.refresh(id, now))?.deadlines ?? []);
    return counts;
  }

  private entryOf(record: ContactRecord, now: Date): Entry {
    return {
      deadlines: deadlinesOf(record, this.policy, now).map(({ kind, at }) => ({ kind, at })),
      validUntil: deadlinesChangeAt(record, now),
    };
  }

  private async refresh(id: string, now: Date): Promise<Entry | undefined> {
    const record = await this.store.contactRecord(id);
    if (!record) {
      this.entries.delete(id);
      return undefined;
    }
    const entry = this.entryOf(record, now);
    this.entries.set(id, entry);
    return entry;
  }

  /** Every contact once, in slices of 500 with a pause between them; changes meanwhile are marked dirty. */
  private async build(now: Date): Promise<void> {
    this.entries.clear();
    this.dirty.clear();
    for await (const page of this.store.contactPages())
      for (const [i, record] of page.entries()) {
        if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
        this.entries.set(record.contact.id, this.entryOf(record, now));
      }
    this.built = true;
  }
}

const indexes = new WeakMap<Store, DeadlineIndex>();

/** The index of a store under its current policy (a reloaded policy starts a new one). */
export function deadlineIndex(store: Store, policy: Policy): DeadlineIndex {
  let index = indexes.get(store);
  if (index?.policy !== policy) {
    index?.close();
    index = new DeadlineIndex(store, policy);
    indexes.set(store, index);
  }
  return index;
}
