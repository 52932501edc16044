import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ChangeListeners, type ContactsListener } from '../changes.ts';
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
    const { rowCount } = await this.db.query(
      `insert into claims (key) values ($1) on conflict (key) do update set at = now()
       where claims.at < now() - make_interval(secs => $2::double precision / 1000)`,
      [key, ttlMs],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * A lease as a session advisory lock on a connection of its own: held until `work` ends, or until the
   * connection dies with its replica, when the next waiting replica gets it.
   */
  async exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    const client = await connect(this.db);
    // The lease's connection can die (the database restarted, or this replica was cut off): the lease is lost
    // then, and another replica may take it. Told here rather than crashing the process.
    const lost = () => undefined;
    client.on('error', lost);
    try {
      await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [`lease:${this.scope}:${name}`]);
      try {
        return await work();
      } finally {
        await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [
          `lease:${this.scope}:${name}`,
        ]);
      }
    } finally {
      client.off('error', lost);
      client.release();
    }
  }
}
