import type { Policy } from '../policy/load.ts';
import {
  type DeadlineKind,
  deadlinesChangeAt,
  deadlinesOf,
  sortOut,
  type Timed,
} from '../retention/deadlines.ts';
import type { ContactRecord, Store } from '../store/index.ts';

/** What a purge deletes now (as the scan, the purge and the digest count it), and what comes due. */
export interface DeadlineCounts {
  toPurge: { contacts: number; proofs: number };
  dueWithin: number;
}

/** How many deadlines of each kind fall in one week. */
export type WeekCounts = Record<DeadlineKind, number>;

/** One deadline coming, as the index keeps it: whose (a contact id), what, when. */
export interface DueAt extends Timed {
  id: string;
}

export interface DeadlineOverview {
  counts: DeadlineCounts;
  weeks: WeekCounts[];
  /** The soonest of what comes due within the days asked (`counts.dueWithin` says how many in all). */
  due: DueAt[];
}

const WEEK_MS = 7 * 86_400_000;

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
    return (await this.overview(now, { weeks: 0, days, limit: 0 })).counts;
  }

  /**
   * In one pass over the kept numbers (never a million deadline computations): what a purge deletes now, what
   * comes due within `days` (the `limit` soonest by contact id), and each of the `weeks` weeks from `now` by kind
   * (week 0 starts now: the console's chart).
   */
  async overview(now: Date, ask: { weeks: number; days: number; limit: number }): Promise<DeadlineOverview> {
    const t = now.getTime();
    const within = t + ask.days * 86_400_000;
    const horizon = new Date(Math.max(within, t + ask.weeks * WEEK_MS));
    const counts: DeadlineCounts = { toPurge: { contacts: 0, proofs: 0 }, dueWithin: 0 };
    const weeks: WeekCounts[] = Array.from({ length: ask.weeks }, () => ({
      prospect: 0,
      customer: 0,
      'phone-consent': 0,
      'consent-proof': 0,
    }));
    const due: DueAt[] = [];
    for (const [id, deadlines] of await this.current(now)) {
      if (deadlines.length === 0) continue;
      const sorted = sortOut(deadlines, now, horizon);
      for (const d of sorted.purge)
        if (d.kind === 'consent-proof') counts.toPurge.proofs++;
        else counts.toPurge.contacts++;
      for (const d of sorted.due) {
        const slot = weeks[Math.floor((d.at.getTime() - t) / WEEK_MS)];
        if (slot) slot[d.kind]++;
        if (d.at.getTime() > within) continue;
        counts.dueWithin++;
        if (ask.limit > 0) due.push({ id, kind: d.kind, at: d.at });
      }
    }
    due.sort((a, b) => a.at.getTime() - b.at.getTime());
    return { counts, weeks, due: due.slice(0, ask.limit) };
  }

  /** Every contact's deadlines as of `now`: built once, then what changed or whose dates passed computed again. */
  private async current(now: Date): Promise<Array<[string, Timed[]]>> {
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
    const all: Array<[string, Timed[]]> = [];
    const stale: string[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.validUntil <= t) stale.push(id);
      else all.push([id, entry.deadlines]);
    }
    for (const id of stale) all.push([id, (await this.refresh(id, now))?.deadlines ?? []]);
    return all;
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
