/** A bounded set of recently seen keys that forgets after `ttlMs`: enough to spot Slack's redeliveries. */
export class RecentKeys {
  private readonly keys = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds the key; false if it was already there (a duplicate) less than `ttlMs` ago. */
  add(key: string, ttlMs = this.ttlMs): boolean {
    const now = this.now();
    const seenAt = this.keys.get(key);
    if (seenAt !== undefined && now - seenAt < ttlMs) return false;
    this.keys.delete(key);
    this.keys.set(key, now);
    // Map keeps insertion order: the oldest keys come first.
    for (const [old, at] of this.keys) {
      if (this.keys.size <= this.max && now - at < this.ttlMs) break;
      this.keys.delete(old);
    }
    return true;
  }
}
