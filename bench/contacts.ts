import type { ContactInput } from '../src/store/types.ts';

/** The bench's professionals: a register collected over a year by 20 salespeople, deadlines spread as in life. */
export function contacts(n: number, from = 0): ContactInput[] {
  return Array.from({ length: n }, (_, k) => k + from).map((i) => ({
    email: `person${i}@company${i % 997}.fr`,
    name: `Person ${i}`,
    company: `Company ${i % 997}`,
    jobFunction: ['finance', 'hr', 'sales', 'it'][i % 4],
    // Collected over a year by 20 salespeople, so deadlines spread out as in a real register.
    owner: `U0SELLER${i % 20}`,
    provenance: {
      source: i % 3 === 0 ? 'purchase' : 'form',
      collection: i % 3 === 0 ? 'indirect' : 'direct',
      collectedAt: new Date(Date.UTC(2026, 0, 1, 9) + (i % 365) * 86_400_000).toISOString(),
      informedAt: '2026-01-15T09:00:00.000Z',
    },
  }));
}
