import { contactRecord, contactRecords, recordsAbout } from './reads.ts';
import type { StoreData } from './snapshot.ts';
import type { StoreState } from './state.ts';
import type {
  AuditEntry,
  ContactRecord,
  DecisionLogEntry,
  DecisionStats,
  HourCount,
  PurgeResult,
  StoreCounts,
} from './types.ts';

/** What the memory and file stores read from the register in memory (its indexes and counts), never changing it. */
export abstract class StateReads {
  protected abstract state: StoreState;

  protected get data(): StoreData {
    return this.state.data;
  }

  async recentDecisions(askedBy: string, limit: number): Promise<DecisionLogEntry[]> {
    return (this.state.decisionsBy.get(askedBy) ?? []).slice(-limit).reverse();
  }

  async auditTrail(filter: { actor?: string; action?: string } = {}): Promise<AuditEntry[]> {
    return this.state.auditTrail(filter);
  }

  async auditTail(n: number): Promise<AuditEntry[]> {
    return n > 0 ? this.data.audit.slice(-n).reverse() : [];
  }

  async contactRecords(): Promise<ContactRecord[]> {
    return contactRecords(this.state);
  }

  async *contactPages(size = 5000): AsyncIterable<ContactRecord[]> {
    const records = await contactRecords(this.state);
    for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
  }

  async contactRecord(id: string): Promise<ContactRecord | undefined> {
    return contactRecord(this.state, id);
  }

  async purgedTotals(): Promise<PurgeResult> {
    return { ...this.data.purged };
  }

  async recordsAbout(hashes: string[]) {
    return recordsAbout(this.state, hashes);
  }

  async objectionsSince(at: Date): Promise<number> {
    return this.state.objectionsSince(at);
  }

  async objectionStats(since: Date, until: Date): Promise<HourCount[]> {
    return this.state.stats.objectionStats(since, until);
  }

  async decisionStats(since: Date, until: Date): Promise<DecisionStats> {
    return this.state.stats.decisionStats(since, until);
  }

  async counts(): Promise<StoreCounts> {
    return this.state.counts();
  }
}
