import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ChangeListeners, type ContactsListener } from '../changes.ts';
import { LeaseLost } from '../errors.ts';
import type { Lease } from '../types.ts';
import { connect, listenFor, notify } from './db.ts';
import { PgReads } from './pgReads.ts';

/** What replicas coordinate through the register: Slack deliveries claimed once, leases held one at a time. */
export abstract class PgLeases extends PgReads {
  /** The workspace's schema ('' for the default one): its leases and change notices are its own. */
  protected scope = '';

  private get channel(): string {
    return this.scope ? `prospect_guard_contacts_${this.scope}` : 'prospect_guard_contacts';
  }

  protected readonly changes = new ChangeListeners();
  protected readonly token = randomUUID();
  protected listener?: pg.PoolClient;

  protected closed = false;

  /**
   * Hears the contacts other replicas changed. A lost connection is made again; what was said meanwhile is
   * lost, so the listeners are told everything may have changed.
   */
  protected async listen(): Promise<void> {
    const client = await listenFor(this.db, this.channel, (payload) => {
      const [from, ids] = JSON.parse(payload) as [string, string[] | 'all'];
      if (from !== this.token) this.changes.tell(ids);
    });
    client.on('error', () => {
      client.release(true);
      if (this.listener !== client) return;
      this.listener = undefined;
      const retry = () =>
        this.closed ||
        this.listen()
          .then(() => this.changes.tell('all'))
          .catch(() => setTimeout(retry, 1000).unref());
      setTimeout(retry, 100).unref();
    });
    this.listener = client;
  }

  /** Tells the other replicas which contacts changed, once the transaction commits (NOTIFY). */
  protected async touched(client: pg.PoolClient, ids: string[] | 'all'): Promise<void> {
    if (ids !== 'all' && ids.length === 0) return;
    await notify(
      client,
      this.channel,
      JSON.stringify([this.token, ids !== 'all' && ids.length > 200 ? 'all' : ids]),
    );
  }

  onContactsChanged(listener: ContactsListener): () => void {
    return this.changes.add(listener);
  }

  private claimed = 0;

  async claim(key: string, ttlMs: number): Promise<boolean> {
    // Now and then, claims older than a day go: Slack redelivers within minutes.
    if (++this.claimed % 1000 === 0)
      await this.db.query("delete from claims where at < now() - interval '1 day'");
    // Committed without waiting for the disk (synchronous_commit off, this transaction only): a claim lost in
    // a crash only lets a redelivery be answered twice, and every Slack request makes one, so the fsync it
    // saves is half the cost of an answer. One round trip: the key is escaped, the lifetime a number.
    const client = await connect(this.db);
    try {
      const results = (await client.query(
        `begin; set local synchronous_commit = off;
         insert into claims (key) values (${client.escapeLiteral(key)}) on conflict (key) do update set at = now()
         where claims.at < now() - make_interval(secs => ${Number(ttlMs) / 1000});
         commit;`,
      )) as unknown as pg.QueryResult[];
      return (results[2]?.rowCount ?? 0) > 0;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The lease's name in the database: each workspace's schema has its own. */
  protected leaseKey(name: string): string {
    return `lease:${this.scope}:${name}`;
  }

  /**
   * A lease as a session advisory lock on a connection of its own: held until `work` ends, or until the
   * connection dies with its replica, when the next waiting replica gets it and a greater fencing token.
   */
  async exclusive<T>(name: string, work: (lease: Lease) => Promise<T>): Promise<T> {
    const key = this.leaseKey(name);
    const client = await connect(this.db);
    // The lease's connection can die (the database restarted, or this replica was cut off): the lease is lost
    // then, and another replica may take it. Noted here rather than crashing the process.
    let lost = false;
    const onError = () => {
      lost = true;
    };
    client.on('error', onError);
    try {
      await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [key]);
      const { rows } = await client.query<{ token: string }>(
        `insert into leases (name, token) values ($1, 1)
         on conflict (name) do update set token = leases.token + 1 returning token`,
        [key],
      );
      const token = Number(rows[0]?.token);
      const check = async () => {
        if (lost) throw new LeaseLost(name);
        const now = await this.db.query<{ token: string }>('select token from leases where name = $1', [key]);
        if (Number(now.rows[0]?.token) !== token) throw new LeaseLost(name);
      };
      try {
        return await work({ name, token, check });
      } finally {
        if (!lost) await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      }
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }
}
