import { describe, expect, it } from 'vitest';
import type { ConsentRecord, Contact, Interaction } from '../../src/domain/contacts.ts';
import { deadlinesOf, scanRetention } from '../../src/retention/deadlines.ts';
import { dueReminders } from '../../src/retention/reminders.ts';
import { policy } from '../support/policy.ts';

const contact = (overrides: Partial<Contact> = {}): Contact => ({
  id: 'c1',
  email: 'alice@corp.fr',
  owner: 'U0SALES',
  provenance: { source: 'form', collection: 'direct', collectedAt: '2023-11-23T09:00:00.000Z' },
  createdAt: '2023-11-23T09:00:00.000Z',
  updatedAt: '2023-11-23T09:00:00.000Z',
  ...overrides,
});
const event = (type: Interaction['type'], at: string): Interaction => ({
  id: `${type}${at}`,
  contactId: 'c1',
  type,
  at,
  recordedAt: at,
});
const consent = (action: 'grant' | 'withdraw', at: string, until?: string): ConsentRecord => ({
  id: `${action}${at}`,
  contactId: 'c1',
  channel: 'phone',
  purpose: 'prospecting',
  action,
  at,
  until,
  proof: { method: 'oral-recorded', wording: 'v1' },
  recordedAt: at,
});
const record = (c: Contact, interactions: Interaction[] = [], consents: ConsentRecord[] = []) => ({
  contact: c,
  interactions,
  consents,
});
const kinds = (list: ReturnType<typeof deadlinesOf>) => list.map((d) => [d.kind, d.at.toISOString()]);

describe('retention deadlines', () => {
  it('a prospect: 3 years from collection, due before the minute and overdue at it', async () => {
    const r = record(contact());
    expect(kinds(deadlinesOf(r, policy, new Date('2026-11-01')))).toEqual([
      ['prospect', '2026-11-23T09:00:00.000Z'],
    ]);
    const before = await scanRetention([r], policy, new Date('2026-11-23T08:59:59Z'));
    const at = await scanRetention([r], policy, new Date('2026-11-23T09:00:00Z'));
    expect([before.due.length, before.overdue.length, at.due.length, at.overdue.length]).toEqual([
      1, 0, 0, 1,
    ]);
  });

  it('29 February + 3 years is 28 February; a click restarts the clock, an open does not', () => {
    const leap = contact({
      provenance: { source: 'form', collection: 'direct', collectedAt: '2024-02-29T11:00:00.000Z' },
    });
    expect(kinds(deadlinesOf(record(leap), policy, new Date('2026-01-01')))).toEqual([
      ['prospect', '2027-02-28T11:00:00.000Z'],
    ]);
    const opened = record(contact(), [event('open', '2025-06-01T08:00:00.000Z')]);
    const clicked = record(contact(), [event('click', '2025-06-01T08:00:00.000Z')]);
    expect(kinds(deadlinesOf(opened, policy, new Date('2026-01-01')))[0]?.[1]).toBe(
      '2026-11-23T09:00:00.000Z',
    );
    expect(kinds(deadlinesOf(clicked, policy, new Date('2026-01-01')))[0]?.[1]).toBe(
      '2028-06-01T08:00:00.000Z',
    );
  });

  it('a customer: none while a contract lasts, 3 years after it ends', () => {
    const ongoing = contact({
      customer: { since: '2024-01-01T00:00:00.000Z', kind: 'contract', products: [] },
    });
    expect(deadlinesOf(record(ongoing), policy, new Date('2026-11-23'))).toEqual([]);
    const running = contact({
      customer: { since: '2024-01-01T00:00:00.000Z', until: '2027-03-31T22:00:00.000Z', products: [] },
    });
    expect(deadlinesOf(record(running), policy, new Date('2026-11-23'))).toEqual([]);
    const ended = contact({
      customer: { since: '2024-01-01T00:00:00.000Z', until: '2025-03-31T22:00:00.000Z', products: [] },
    });
    expect(kinds(deadlinesOf(record(ended), policy, new Date('2026-11-23')))).toEqual([
      ['customer', '2028-03-31T22:00:00.000Z'],
    ]);
  });

  it('one-off purchases are no contract: 3 years from the last purchase (H2)', () => {
    const bought = contact({
      customer: {
        since: '2023-01-10T00:00:00.000Z',
        lastPurchaseAt: '2024-05-31T22:00:00.000Z',
        products: [],
      },
    });
    expect(kinds(deadlinesOf(record(bought), policy, new Date('2026-11-23')))).toEqual([
      ['customer', '2027-05-31T22:00:00.000Z'],
    ]);
    // Collected at that sale: a collection later than the relationship's end would keep its own 3 years.
    const once = contact({
      provenance: { source: 'sale', collection: 'direct', collectedAt: '2023-01-10T00:00:00.000Z' },
      customer: { since: '2023-01-10T00:00:00.000Z', products: [] },
    });
    expect(kinds(deadlinesOf(record(once), policy, new Date('2026-11-23')))).toEqual([
      ['customer', '2026-01-10T00:00:00.000Z'],
    ]);
  });

  it('a phone consent ends after 12 months or when withdrawn; its proof is kept 3 more years', () => {
    const c = contact({ customer: { since: '2024-01-01T00:00:00.000Z', kind: 'contract', products: [] } });
    const granted = record(c, [], [consent('grant', '2026-09-01T08:00:00.000Z')]);
    expect(kinds(deadlinesOf(granted, policy, new Date('2026-11-23')))).toEqual([
      ['phone-consent', '2027-09-01T08:00:00.000Z'],
      ['consent-proof', '2030-09-01T08:00:00.000Z'],
    ]);
    const withdrawn = record(
      c,
      [],
      [consent('grant', '2026-09-01T08:00:00.000Z'), consent('withdraw', '2026-10-01T08:00:00.000Z')],
    );
    expect(kinds(deadlinesOf(withdrawn, policy, new Date('2026-11-23')))).toEqual([
      ['consent-proof', '2029-10-01T08:00:00.000Z'],
    ]);
  });
});

describe('reminder plan', () => {
  const deadline = deadlinesOf(record(contact()), policy, new Date('2026-01-01'));
  const plan = (at: string, sent: string[] = []) =>
    dueReminders(deadline, ['P30D', 'P7D', 'P1D'], new Set(sent), new Date(at), policy.timeZone);

  it('sends each lead time once, on its day (30 days before 10:00 in Paris is 10:00 summer time)', () => {
    expect(plan('2026-10-24T07:59:00Z').send).toEqual([]);
    const first = plan('2026-10-24T08:00:00Z');
    expect(first.send.map((r) => r.lead)).toEqual(['P30D']);
    expect(plan('2026-10-25T09:00:00Z', [first.send[0]?.key as string]).send).toEqual([]);
    expect(plan('2026-11-16T09:00:00Z', [first.send[0]?.key as string]).send.map((r) => r.lead)).toEqual([
      'P7D',
    ]);
    expect(plan('2026-11-24T09:00:00Z').send.map((r) => r.lead)).toEqual(['overdue']);
  });

  it('after downtime sends only the most urgent reminder and records the missed ones as superseded', () => {
    const late = plan('2026-11-22T10:00:00Z');
    expect(late.send.map((r) => r.lead)).toEqual(['P1D']);
    expect(late.superseded.map((k) => k.split(':').at(-1))).toEqual(['P30D', 'P7D']);
  });
});
