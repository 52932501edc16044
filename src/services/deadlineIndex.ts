import type { Policy } from '../policy/load.ts';
import { deadlinesChangeAt, deadlinesOf } from '../retention/deadlines.ts';
import type { ContactRecord, Store } from '../store/types.ts';

export interface DeadlineCounts {
  overdue: number;
  dueWithin: number;
}

interface Entry {
  /** The contact's deadlines (data, phone consents, proofs), as instants. */
  times: number[];
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

  /** How many deadlines have passed at `now`, and how many come within `days` after it. */
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
    const horizon = t + days * 86_400_000;
    const counts = { overdue: 0, dueWithin: 0 };
    const tally = (times: number[]) => {
      for (const at of times) {
        if (at <= t) counts.overdue++;
        else if (at <= horizon) counts.dueWithin++;
      }
    };
    const stale: string[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.validUntil <= t) stale.push(id);
      else tally(entry.times);
    }
    for (const id of stale) tally((await this.refresh(id, now))?.times ?? []);
    return counts;
  }

  private entryOf(record: ContactRecord, now: Date): Entry {
    return {
      times: deadlinesOf(record, this.policy, now).map((d) => d.at.getTime()),
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
