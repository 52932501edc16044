import { LeaseLost } from './errors.ts';
import { RecentKeys } from './recentKeys.ts';
import type { Lease } from './types.ts';

/**
 * Claims and leases when one process holds the register (the memory and file stores): claims are kept an hour
 * at most, a lease is a queue in this process and its fencing token a count kept here.
 */
export class LocalLeases {
  private readonly claims = new RecentKeys(10_000, 60 * 60_000);
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly tokens = new Map<string, number>();

  claim(key: string, ttlMs: number): boolean {
    return this.claims.add(key, ttlMs);
  }

  exclusive<T>(name: string, work: (lease: Lease) => Promise<T>): Promise<T> {
    const before = this.queues.get(name) ?? Promise.resolve();
    const run = before
      .catch(() => undefined)
      .then(() => {
        const token = (this.tokens.get(name) ?? 0) + 1;
        this.tokens.set(name, token);
        return work({
          name,
          token,
          check: async () => {
            if (this.tokens.get(name) !== token) throw new LeaseLost(name);
          },
        });
      });
    this.queues.set(name, run);
    return run;
  }
}
