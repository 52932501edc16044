import { decide } from '/work/main/src/policy/engine.ts';
import { loadPolicy } from '/work/main/src/policy/load.ts';
import { MemoryStore } from '/work/main/src/store/memoryStore.ts';

const policy = loadPolicy('/work/main/policy.yaml');
const store = new MemoryStore();
const now = new Date('2026-11-23T10:30:00+01:00');
await store.saveContacts(
  Array.from({ length: 1000 }, (_, i) => ({
    email: `person${i}@company${i % 997}.fr`,
    name: `Person ${i}`,
    company: `Company ${i % 997}`,
    jobFunction: ['finance', 'hr', 'sales', 'it'][i % 4],
    owner: `U0SELLER${i % 20}`,
    provenance: {
      source: i % 3 === 0 ? 'purchase' : 'form',
      collection: i % 3 === 0 ? 'indirect' : 'direct',
      collectedAt: new Date(Date.UTC(2026, 0, 1, 9) + (i % 365) * 86_400_000).toISOString(),
      informedAt: '2026-01-15T09:00:00.000Z',
    },
  })) as never,
  now,
);
const subjects = await Promise.all(
  Array.from({ length: 1000 }, (_, i) =>
    store.subjectFacts({
      kind: 'email',
      value: `person${(i * 97) % 1000}@company${((i * 97) % 1000) % 997}.fr`,
    }),
  ),
);
const req = { channel: 'email' as const, purpose: 'prospecting', product: 'accounting-software' };
for (let i = 0; i < 20000; i++) decide(req, subjects[i % 1000]!, policy, now);
const n = Number(process.argv[2] ?? 100000);
const t0 = performance.now();
for (let i = 0; i < n; i++) decide(req, subjects[i % 1000]!, policy, now);
const ms = performance.now() - t0;
console.log(Math.round(n / (ms / 1000)), 'decisions/s');
const v = new Map();
for (const s of subjects.slice(0, 50)) {
  const d = decide(req, s, policy, now);
  v.set(d.verdict, (v.get(d.verdict) ?? 0) + 1);
}
console.log(v);
