import fc from 'fast-check';
import { expect, it } from 'vitest';
import { DistinctSet } from '../../src/campaign/distinct.ts';

const hashOf = (values: string[], marked: (v: string) => boolean = () => false) => {
  const set = new DistinctSet();
  for (const v of values) {
    const index = set.add(v);
    if (index >= 0 && marked(v)) set.mark(index);
  }
  return { set, all: set.hash(), marked: set.hash(true) };
};

it('keeps each value once, whatever the order, with the same hash for the same values', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 300 }), (values) => {
      const distinct = new Set(values);
      const forward = hashOf(values);
      const backward = hashOf([...values].reverse());
      expect(forward.set.size).toBe(distinct.size);
      expect(backward.all).toBe(forward.all);
    }),
  );
});

it('gives another hash when one value changes, and hashes the marked values apart', () => {
  const a = hashOf(['a@x.fr', 'b@x.fr', 'c@x.fr'], (v) => v !== 'c@x.fr');
  const b = hashOf(['a@x.fr', 'b@x.fr', 'd@x.fr']);
  expect(b.all).not.toBe(a.all);
  expect(a.marked).toBe(hashOf(['b@x.fr', 'a@x.fr']).all);
});

it('holds a hundred thousand values through its growth, each found again', () => {
  const set = new DistinctSet();
  for (let i = 0; i < 100_000; i++) expect(set.add(`person${i}@company.fr`)).toBe(i);
  for (let i = 0; i < 100_000; i += 997) expect(set.add(`person${i}@company.fr`)).toBe(-1);
  expect(set.size).toBe(100_000);
});
