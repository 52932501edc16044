import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Contact,
  type CustomerRelationship,
  type Interaction,
  PROSPECT_INITIATED,
  RELATIONSHIP_KINDS,
} from '../../src/domain/contacts.ts';
import { retentionDeadline } from '../../src/domain/retention.ts';
import { dataDeadline } from '../../src/retention/deadlines.ts';
import { policy } from '../support/policy.ts';

/** Retention clocks (CNIL référentiel, délib. 2021-131): they only move forward with the facts. */
const ZONE = 'Europe/Paris';
const P3Y = { prospect: 'P3Y', customer: 'P3Y' };
const NOW = new Date('2026-11-23T09:30:00Z');

const contact = (customer?: CustomerRelationship, collectedAt = '2019-03-01T00:00:00.000Z'): Contact => ({
  id: 'c1',
  email: 'dave@corp.fr',
  provenance: { source: 'sale', collection: 'direct', collectedAt },
  customer,
  createdAt: collectedAt,
  updatedAt: collectedAt,
});
const event = (type: Interaction['type'], at: string): Interaction => ({
  id: `${type}${at}`,
  contactId: 'c1',
  type,
  at,
  recordedAt: at,
});
const deadline = (c: Contact, interactions: Interaction[] = [], periods = P3Y, now = NOW) =>
  retentionDeadline(c, interactions, periods, ZONE, now)?.toISOString();

describe('the customer clock', () => {
  it('a customer from 2019 to 2022 who bought again in June 2024 is kept until June 2027, not erased', () => {
    const ended = { since: '2019-03-01T00:00:00.000Z', until: '2022-01-09T23:00:00.000Z', products: [] };
    // Before the new purchase: 3 years after the end, 10 January 2025 (midnight in Paris).
    expect(deadline(contact(ended))).toBe('2025-01-09T23:00:00.000Z');
    const boughtAgain = { ...ended, lastPurchaseAt: '2024-05-31T22:00:00.000Z' };
    expect(deadline(contact(boughtAgain))).toBe('2027-05-31T22:00:00.000Z');
    // The engine's fact reads the same clock: the current customer is not blocked.
    expect(dataDeadline(contact(boughtAgain), [], policy, NOW)?.toISOString()).toBe(
      '2027-05-31T22:00:00.000Z',
    );
  });

  it('runs from the latest of last purchase, contract end and the customer’s own last contact', () => {
    const customer = {
      since: '2020-01-15T09:00:00.000Z',
      until: '2023-06-30T22:00:00.000Z',
      lastPurchaseAt: '2022-02-01T09:00:00.000Z',
      products: [],
    };
    expect(deadline(contact(customer))).toBe('2026-06-30T22:00:00.000Z');
    // A reply from the customer after the end restarts the clock; an open of our email does not.
    const replied = [event('reply', '2024-09-10T08:00:00.000Z'), event('open', '2025-09-10T08:00:00.000Z')];
    expect(deadline(contact(customer), replied)).toBe('2027-09-10T08:00:00.000Z');
    // A contact dated after now does not count yet.
    expect(deadline(contact(customer), [event('click', '2026-12-01T08:00:00.000Z')])).toBe(
      '2026-06-30T22:00:00.000Z',
    );
    // A contract with no end, or an end ahead, runs on: no deadline.
    expect(deadline(contact({ ...customer, until: '2027-01-01T00:00:00.000Z' }))).toBeUndefined();
    expect(deadline(contact({ since: customer.since, kind: 'contract', products: [] }))).toBeUndefined();
  });

  it('is never nearer than the prospect clock: data collected again after the relationship keeps its 3 years', () => {
    const old = { since: '2019-03-01T00:00:00.000Z', until: '2021-03-01T00:00:00.000Z', products: [] };
    expect(deadline(contact(old, '2025-02-01T10:00:00.000Z'))).toBe('2028-02-01T10:00:00.000Z');
  });
});

describe('calendar edges, in Paris', () => {
  it('a purchase on the 31st: 3 years later is the 31st; 6 months later is the end of February', () => {
    const on31 = {
      since: '2023-01-01T00:00:00.000Z',
      lastPurchaseAt: '2025-08-31T10:00:00.000Z',
      products: [],
    };
    expect(deadline(contact(on31), [], P3Y, new Date('2029-01-01'))).toBe('2028-08-31T10:00:00.000Z');
    const sixMonths = { prospect: 'P6M', customer: 'P6M' };
    expect(deadline(contact(on31, '2025-08-31T10:00:00.000Z'), [], sixMonths)).toBe(
      '2026-02-28T11:00:00.000Z', // 12:00 summer time in August is 12:00 winter time in February
    );
  });

  it('a purchase on 29 February: 3 years later is 28 February', () => {
    const leap = { since: '2024-02-29T11:00:00.000Z', products: [] };
    expect(deadline(contact(leap))).toBe('2027-02-28T11:00:00.000Z');
  });

  it('a reply on a winter morning is due on the same wall-clock time after the clocks went forward', () => {
    const c = contact(undefined, '2020-01-01T00:00:00.000Z');
    // 30 March 2024 10:00 in Paris is 09:00 UTC; 30 March 2027 10:00 (summer, from 28 March) is 08:00 UTC.
    expect(deadline(c, [event('reply', '2024-03-30T09:00:00.000Z')])).toBe('2027-03-30T08:00:00.000Z');
  });
});

/** Days from 2018-01-01 09:00 UTC, over about ten years; `now` is 2026-11-23. */
const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2018, 0, 1, 9) + n * DAY).toISOString();
const anyDay = fc.nat(3650);

const relationship: fc.Arbitrary<CustomerRelationship | undefined> = fc.option(
  fc
    .record({
      since: anyDay,
      until: fc.option(fc.nat(800), { nil: undefined }),
      last: fc.option(fc.nat(1500), { nil: undefined }),
      kind: fc.option(fc.constantFrom(...RELATIONSHIP_KINDS), { nil: undefined }),
    })
    .map(({ since, until, last, kind }) => ({
      since: day(since),
      ...(until !== undefined ? { until: day(since + until) } : {}),
      ...(last !== undefined ? { lastPurchaseAt: day(since + last) } : {}),
      ...(kind ? { kind } : {}),
      products: [],
    })),
  { nil: undefined },
);

/** A fact that only adds to what is known: a purchase, a later contract end, a contact from the person. */
const fact = fc.oneof(
  fc.record({ kind: fc.constant('purchase' as const), at: anyDay }),
  fc.record({ kind: fc.constant('contract-end' as const), at: anyDay }),
  fc.record({
    kind: fc.constant('own-contact' as const),
    at: anyDay,
    type: fc.constantFrom(...PROSPECT_INITIATED),
  }),
);

const later = (a: string | undefined, b: string) => (a && a > b ? a : b);

it('adding a purchase, a later contract end or a contact from the person never brings a deadline nearer', () => {
  fc.assert(
    fc.property(
      relationship,
      anyDay,
      fc.array(
        fc.record({ at: anyDay, type: fc.constantFrom<Interaction['type']>('reply', 'open', 'click') }),
        {
          maxLength: 3,
        },
      ),
      fact,
      fc.constantFrom('P3Y', 'P2Y'),
      (customer, collected, events, added, customerPeriod) => {
        const before = contact(customer, day(collected));
        const interactions = events.map((e) => event(e.type, day(e.at)));
        let after = before;
        let afterInteractions = interactions;
        const at = day(added.at);
        if (added.kind === 'purchase')
          after = {
            ...before,
            customer: customer
              ? { ...customer, lastPurchaseAt: later(customer.lastPurchaseAt, at) }
              : { since: at, products: [] },
          };
        else if (added.kind === 'contract-end') {
          // A running contract without an end has no deadline: its end is not a later fact, it is the end.
          if (!customer || (customer.kind === 'contract' && !customer.until)) return;
          after = { ...before, customer: { ...customer, until: later(customer.until, at) } };
        } else afterInteractions = [...interactions, event(added.type, at)];
        const periods = { prospect: 'P3Y', customer: customerPeriod };
        const was = retentionDeadline(before, interactions, periods, ZONE, NOW);
        const is = retentionDeadline(after, afterInteractions, periods, ZONE, NOW);
        const ms = (d: Date | undefined) => d?.getTime() ?? Number.POSITIVE_INFINITY;
        expect(ms(is)).toBeGreaterThanOrEqual(ms(was));
      },
    ),
    { numRuns: 2000 },
  );
});

describe('the first collection, whichever source tells it', () => {
  // CNIL référentiel 2021-131: 3 years from collection. A later import from the CRM that held her since May
  // 2023 proves the collection was then, not at our first import in June 2025 (red team, issue 26).
  it('a later source dated earlier brings the clock back to it; a later own act still moves it on', () => {
    const first = contact(undefined, '2025-06-01T00:00:00.000Z');
    const crm = {
      source: 'import' as const,
      collection: 'indirect' as const,
      collectedAt: '2023-05-02T00:00:00.000Z',
    };
    expect(deadline({ ...first, sources: [crm] })).toBe('2026-05-02T00:00:00.000Z');
    const form = {
      source: 'form' as const,
      collection: 'direct' as const,
      collectedAt: '2026-01-10T00:00:00.000Z',
    };
    expect(deadline({ ...first, sources: [crm, form] })).toBe('2029-01-10T00:00:00.000Z');
  });
});
