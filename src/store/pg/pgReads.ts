import type pg from 'pg';
import type { Campaign } from '../../domain/campaign.ts';
import {
  type ConsentRecord,
  type Contact,
  type Interaction,
  type Objection,
  personHashes,
  type SubjectFacts,
  type Suppression,
} from '../../domain/contacts.ts';
import { type Identifier, identifiersOf } from '../../domain/identifiers.ts';
import { personObjections } from '../../domain/withdrawals.ts';
import type {
  AuditEntry,
  ContactRecord,
  DecisionLogEntry,
  DecisionStats,
  HourCount,
  PurgeResult,
  StoreCounts,
} from '../types.ts';
import { rowsOf } from './db.ts';
import { decisionStats, objectionStats } from './pgStats.ts';
import { CONTACTS_HOLDING } from './pgWrites.ts';

/** What is read from the register in PostgreSQL, each lookup on an indexed column. */
export abstract class PgReads {
  protected constructor(
    readonly location: string,
    protected readonly db: pg.Pool,
    protected readonly key: Buffer,
  ) {}

  abstract hash(target: Identifier): string;

  async findContact(target: Identifier): Promise<Contact | undefined> {
    return rowsOf<Contact>(await this.db.query(CONTACTS_HOLDING, [[target.value]]))[0];
  }

  async contactById(id: string): Promise<Contact | undefined> {
    return rowsOf<Contact>(await this.db.query('select data from contacts where id = $1', [id]))[0];
  }

  /** The person reached at `target`, with objections on any of their identifiers (as the file store reads them). */
  async subjectFacts(target: Identifier): Promise<SubjectFacts> {
    return (await this.subjectFactsMany([target]))[0] as SubjectFacts;
  }

  /** The consents and interactions of these contacts, by contact, in the order recorded: two queries. */
  private async recordsOf(ids: string[]) {
    const [consents, interactions] = await Promise.all([
      this.db.query('select data from consents where contact_id = any($1) order by seq', [ids]),
      this.db.query('select data from interactions where contact_id = any($1) order by seq', [ids]),
    ]);
    return {
      consentsOf: group(rowsOf<ConsentRecord>(consents), (c) => c.contactId),
      interactionsOf: group(rowsOf<Interaction>(interactions), (i) => i.contactId),
    };
  }

  /**
   * The facts of many people at once, in the order asked: four queries for a whole slice of a campaign list
   * instead of four per recipient.
   */
  async subjectFactsMany(targets: Identifier[]): Promise<SubjectFacts[]> {
    const contacts = rowsOf<Contact>(await this.db.query(CONTACTS_HOLDING, [targets.map((t) => t.value)]));
    const byValue = new Map(contacts.flatMap((c) => identifiersOf(c).map((i) => [i.value, c] as const)));
    const found = targets.map((t) => byValue.get(t.value));
    const identifiers = targets.map((target, i) => personHashes(target, found[i], (id) => this.hash(id)));
    const [suppressions, { consentsOf, interactionsOf }] = await Promise.all([
      this.db.query('select data from suppressions where hash = any($1) order by seq', [identifiers.flat()]),
      this.recordsOf(contacts.map((c) => c.id)),
    ]);
    const objectionsOf = group(rowsOf<Suppression>(suppressions), (s) => s.hash);
    return targets.map((target, i) => {
      const contact = found[i];
      const consents = contact ? (consentsOf.get(contact.id) ?? []) : [];
      const objections: Objection[] = personObjections(
        (identifiers[i] ?? []).flatMap((hash) => objectionsOf.get(hash) ?? []),
        consents,
      );
      return {
        target,
        contact,
        consents,
        interactions: contact ? (interactionsOf.get(contact.id) ?? []) : [],
        objections,
      };
    });
  }

  async recentDecisions(askedBy: string, limit: number): Promise<DecisionLogEntry[]> {
    return rowsOf<DecisionLogEntry>(
      await this.db.query('select data from decisions where asked_by = $1 order by seq desc limit $2', [
        askedBy,
        limit,
      ]),
    );
  }

  async auditTrail(filter: { actor?: string; action?: string } = {}): Promise<AuditEntry[]> {
    return rowsOf<AuditEntry>(
      await this.db.query(
        'select data from audit where ($1::text is null or actor = $1) and ($2::text is null or action = $2) order by seq',
        [filter.actor ?? null, filter.action ?? null],
      ),
    );
  }

  async auditTail(n: number): Promise<AuditEntry[]> {
    return rowsOf<AuditEntry>(
      await this.db.query('select data from audit order by seq desc limit $1', [Math.max(0, n)]),
    );
  }

  async contactRecords(): Promise<ContactRecord[]> {
    const records: ContactRecord[] = [];
    for await (const page of this.contactPages()) records.push(...page);
    return records;
  }

  /**
   * Pages by `seq` (keyset): each is one indexed range read, then its consents and interactions by contact. The
   * next page is asked for before this one is handed over, so the database prepares it while the caller works.
   */
  async *contactPages(size = 5000): AsyncIterable<ContactRecord[]> {
    const page = (after: string) =>
      this.db.query<{ seq: string; data: Contact }>(
        'select seq, data from contacts where seq > $1 order by seq limit $2',
        [after, size],
      );
    let next = page('0');
    for (;;) {
      const { rows } = await next;
      if (rows.length === 0) return;
      const last = rows.at(-1)?.seq ?? '0';
      next = rows.length < size ? Promise.resolve({ rows: [] } as never) : page(last);
      next.catch(() => undefined); // awaited on the next turn; a caller that stops early must not leave it unhandled
      const { consentsOf, interactionsOf } = await this.recordsOf(rows.map((r) => r.data.id));
      yield rows.map(({ data: contact }) => ({
        contact,
        consents: consentsOf.get(contact.id) ?? [],
        interactions: interactionsOf.get(contact.id) ?? [],
      }));
      if (rows.length < size) return;
    }
  }

  async contactRecord(id: string): Promise<ContactRecord | undefined> {
    const contact = await this.contactById(id);
    if (!contact) return undefined;
    const [consents, interactions] = await Promise.all([
      this.db.query('select data from consents where contact_id = $1 order by seq', [id]),
      this.db.query('select data from interactions where contact_id = $1 order by seq', [id]),
    ]);
    return { contact, consents: rowsOf(consents), interactions: rowsOf(interactions) };
  }

  async purgedTotals(): Promise<PurgeResult> {
    const rows = (
      await this.db.query<{ kind: keyof PurgeResult; count: string }>('select kind, count from purged')
    ).rows;
    const totals: PurgeResult = { contacts: 0, consents: 0, interactions: 0, decisions: 0 };
    for (const row of rows) totals[row.kind] = Number(row.count);
    return totals;
  }

  async recordsAbout(
    hashes: string[],
  ): Promise<{ suppressions: Suppression[]; decisions: DecisionLogEntry[] }> {
    const [suppressions, decisions] = await Promise.all([
      this.db.query('select data from suppressions where hash = any($1) order by seq', [hashes]),
      this.db.query('select data from decisions where target_hash = any($1) order by seq', [hashes]),
    ]);
    return { suppressions: rowsOf(suppressions), decisions: rowsOf(decisions) };
  }

  async remindersSent(): Promise<ReadonlySet<string>> {
    return new Set(
      (await this.db.query<{ key: string }>('select key from reminders')).rows.map((r) => r.key),
    );
  }

  async findCampaign(id: string): Promise<Campaign | undefined> {
    return rowsOf<Campaign>(await this.db.query('select data from campaigns where id = $1', [id]))[0];
  }

  async campaigns(): Promise<Campaign[]> {
    return rowsOf<Campaign>(await this.db.query('select data from campaigns order by id'));
  }

  async objectionsSince(at: Date): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      "select count(*) as n from suppressions where at >= $1 and kind = 'objection'",
      [at.toISOString()],
    );
    return Number(rows[0]?.n ?? 0);
  }

  objectionStats(since: Date, until: Date): Promise<HourCount[]> {
    return objectionStats(this.db, since, until);
  }

  decisionStats(since: Date, until: Date): Promise<DecisionStats> {
    return decisionStats(this.db, since, until);
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.db.query<Record<keyof StoreCounts, string>>(
      `select (select count(*) from contacts) as contacts, (select count(*) from consents) as consents,
        (select count(*) from interactions) as interactions, (select count(*) from suppressions) as suppressions,
        (select count(*) from decisions) as decisions`,
    );
    const row = rows[0] as Record<keyof StoreCounts, string>;
    return {
      contacts: Number(row.contacts),
      consents: Number(row.consents),
      interactions: Number(row.interactions),
      suppressions: Number(row.suppressions),
      decisions: Number(row.decisions),
    };
  }
}

/** Records by a key, in the order given. */
function group<T>(records: T[], keyOf: (record: T) => string): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const record of records) {
    const list = by.get(keyOf(record));
    if (list) list.push(record);
    else by.set(keyOf(record), [record]);
  }
  return by;
}
