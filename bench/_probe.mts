import { loadPolicy } from '/work/main/src/policy/load.ts';
import { runCheckJob } from '/work/main/src/services/checkJob.ts';
import { MemoryStore } from '/work/main/src/store/memoryStore.ts';

const policy = loadPolicy('/work/main/policy.yaml');
const store = new MemoryStore();
const rows = 100_000;
const parts: string[] = ['Nom;Société;E-mail;Commentaire\r\n'];
for (let i = 0; i < rows; i++)
  parts.push(
    `Personne ${i};Société ${i % 50};person${i}@company${i % 997}.fr;"reçu au salon; à rappeler"\r\n`,
  );
const bytes = Buffer.from(parts.join(''), 'latin1');
for (const run of [1, 2]) {
  const t0 = performance.now();
  const c = await runCheckJob(
    {
      name: 'x',
      channel: 'email',
      product: 'accounting-software',
      audience: 'b2b',
      plannedStart: new Date('2026-11-24T10:00:00+01:00'),
      template: 'Bonjour',
      checkedBy: 'x',
      list: { kind: 'file', bytes, fileName: 'c.csv' },
      maxRows: 1e6,
      now: new Date('2026-11-23T10:00:00+01:00'),
      outputs: {
        lang: 'fr',
        details: { path: `/tmp/d${run}.csv`, format: 'csv' },
        cleaned: { path: `/tmp/c${run}.csv`, format: 'csv' },
      },
    },
    policy,
    async (ts) => Promise.all(ts.map((x) => store.subjectFacts(x))),
  );
  console.log('ms', Math.round(performance.now() - t0), c.counts.review);
}
