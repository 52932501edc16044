import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';

/**
 * The distinct recipients of a list, kept as 128-bit fingerprints (the first 16 bytes of each value's sha256)
 * rather than as strings: a million recipients take 16 MB plus a table, not a hundred. Two different values
 * share a fingerprint with a probability near 10⁻²⁷ for a million, far below any other error.
 *
 * The list's hash is the sha256 of the fingerprints in sorted order: the same people in another order or in
 * another file give the same hash, and nothing in it can be read back to an address.
 */
const WIDTH = 16;

/** sha256 in one call where Node has it (20.12+): no hash object per value, three times faster. */
const sha256 =
  typeof crypto.hash === 'function'
    ? (value: string) => crypto.hash('sha256', value, 'buffer')
    : (value: string) => createHash('sha256').update(value).digest();

export class DistinctSet {
  private keys = new Uint8Array(WIDTH * 1024);
  private marks = new Uint8Array(1024);
  private table = new Int32Array(2048); // open addressing: index + 1, 0 is empty
  size = 0;

  /** Adds a value; its index if it is new, or -1 if it was already there. */
  add(value: string): number {
    const digest = sha256(value);
    if (this.size * 2 >= this.table.length) this.grow();
    const mask = this.table.length - 1;
    for (let slot = digest.readUInt32BE(0) & mask; ; slot = (slot + 1) & mask) {
      const at = this.table[slot] as number;
      if (at === 0) break;
      if (this.sameKey(at - 1, digest)) return -1;
    }
    const index = this.size++;
    if ((index + 1) * WIDTH > this.keys.length) {
      this.keys = grown(this.keys, this.keys.length * 2);
      this.marks = grown(this.marks, this.marks.length * 2);
    }
    this.keys.set(digest.subarray(0, WIDTH), index * WIDTH);
    this.place(index);
    return index;
  }

  /** Marks a value by its index (the allowed ones, for the cleaned list's hash). */
  mark(index: number): void {
    this.marks[index] = 1;
  }

  /** The hash of every value, or of the marked ones only. */
  hash(markedOnly = false): string {
    const hash = createHash('sha256');
    for (const index of this.sorted()) {
      if (!markedOnly || this.marks[index])
        hash.update(this.keys.subarray(index * WIDTH, (index + 1) * WIDTH));
    }
    return hash.digest('hex');
  }

  private sameKey(index: number, digest: Buffer): boolean {
    const base = index * WIDTH;
    for (let i = 0; i < WIDTH; i++) if (this.keys[base + i] !== digest[i]) return false;
    return true;
  }

  /** Puts a stored fingerprint in the table, at the slot its first four bytes name (or the next free one). */
  private place(index: number): void {
    const mask = this.table.length - 1;
    const [k, base] = [this.keys, index * WIDTH];
    // The same slot as `add` finds from the digest's first four bytes, read big-endian.
    let slot =
      (((k[base] ?? 0) << 24) | ((k[base + 1] ?? 0) << 16) | ((k[base + 2] ?? 0) << 8) | (k[base + 3] ?? 0)) &
      mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = index + 1;
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let i = 0; i < this.size; i++) this.place(i);
  }

  private compare(a: number, b: number): number {
    for (let i = 0; i < WIDTH; i++) {
      const d = (this.keys[a * WIDTH + i] as number) - (this.keys[b * WIDTH + i] as number);
      if (d !== 0) return d;
    }
    return 0;
  }

  /**
   * The indexes in the order of their fingerprints: fingerprints are uniform, so a counting sort on the first
   * two bytes leaves buckets of a few values each, then sorted by insertion. Linear time for a million.
   */
  private sorted(): Uint32Array {
    const keys = this.keys;
    const bucket = (i: number) => ((keys[i * WIDTH] as number) << 8) | (keys[i * WIDTH + 1] as number);
    const starts = new Uint32Array(65537);
    for (let i = 0; i < this.size; i++) starts[bucket(i) + 1] = (starts[bucket(i) + 1] as number) + 1;
    for (let b = 1; b <= 65536; b++) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
    const next = starts.slice(0, 65536);
    const order = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const b = bucket(i);
      order[next[b] as number] = i;
      next[b] = (next[b] as number) + 1;
    }
    for (let b = 0; b < 65536; b++) {
      const [from, to] = [starts[b] as number, starts[b + 1] as number];
      for (let j = from + 1; j < to; j++) {
        const v = order[j] as number;
        let k = j - 1;
        while (k >= from && this.compare(order[k] as number, v) > 0) {
          order[k + 1] = order[k] as number;
          k--;
        }
        order[k + 1] = v;
      }
    }
    return order;
  }
}

function grown(array: Uint8Array<ArrayBuffer>, length: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(length);
  next.set(array);
  return next;
}
