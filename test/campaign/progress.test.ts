import { expect, it } from 'vitest';
import { type Progress, throttled } from '../../src/campaign/progress.ts';
import { runCampaignCheck } from '../../src/services/campaign.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { policy } from '../support/policy.ts';

it('passes progress on at most once per interval, with the time left at the pace so far', () => {
  let clock = 0;
  const seen: Progress[] = [];
  const update = throttled(
    2000,
    (p) => seen.push(p),
    () => clock,
  );
  clock = 1000;
  update(500, 4000); // too soon
  clock = 2000;
  update(1000, 4000); // 2 ms a row: 3,000 rows left → 6 s
  clock = 3000;
  update(1500, 4000); // too soon again
  clock = 4000;
  update(2000, 4000);
  expect(seen).toEqual([
    { done: 1000, total: 4000, secondsLeft: 6 },
    { done: 2000, total: 4000, secondsLeft: 4 },
  ]);
});

it('a long check reports the rows done as it goes', async () => {
  const ctx = { store: new MemoryStore(), policy, clock: () => new Date('2026-11-23T10:00:00+01:00') };
  const emails = Array.from({ length: 2500 }, (_, i) => `p${i}@acme.fr`).join('\n');
  const done: number[] = [];
  await runCampaignCheck(
    ctx,
    { channel: 'email', product: 'accounting-software', checkedBy: 'test' },
    { kind: 'pasted', text: emails },
    {
      onProgress: (n, total) => {
        expect(total).toBe(2500);
        done.push(n);
      },
    },
  );
  expect(done).toEqual([1000, 2000, 2500]);
});

it('estimates the rows in all of a file read as a stream, exact at the end', async () => {
  const ctx = { store: new MemoryStore(), policy, clock: () => new Date('2026-11-23T10:00:00+01:00') };
  // About 700 kB: the file is read in several slices, so the first totals are estimates.
  const rows = Array.from({ length: 20_000 }, (_, i) => `Personne ${i};p${i}@acme.fr`);
  const bytes = Buffer.from(`Nom;E-mail\n${rows.join('\n')}\n`);
  const seen: [number, number][] = [];
  await runCampaignCheck(
    ctx,
    { channel: 'email', product: 'accounting-software', checkedBy: 'test' },
    { kind: 'file', bytes, fileName: 'list.csv' },
    { onProgress: (n, total) => seen.push([n, total]) },
  );
  expect(seen.length).toBeGreaterThan(10);
  for (const [n, total] of seen) expect(total).toBeGreaterThanOrEqual(n);
  expect(seen.map(([n]) => n)).toEqual([...seen.map(([n]) => n)].sort((a, b) => a - b));
  expect(seen.at(-1)).toEqual([20_000, 20_000]);
});

it('runs checks one at a time, telling who waits their place in the queue', async () => {
  const ctx = { store: new MemoryStore(), policy, clock: () => new Date('2026-11-23T10:00:00+01:00') };
  const fields = { channel: 'email', product: 'accounting-software', checkedBy: 'test' };
  const order: string[] = [];
  const places: number[] = [];
  const first = runCampaignCheck(
    ctx,
    { ...fields, name: 'First' },
    { kind: 'pasted', text: 'a@acme.fr' },
  ).then((c) => order.push(c.campaign.name));
  const second = runCampaignCheck(
    ctx,
    { ...fields, name: 'Second' },
    { kind: 'pasted', text: 'b@acme.fr' },
    { onQueued: (position) => places.push(position) },
  ).then((c) => order.push(c.campaign.name));
  await Promise.all([first, second]);
  expect(places).toEqual([1]);
  expect(order).toEqual(['First', 'Second']);
});
