import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingDaysEnd } from '../../src/domain/callWindow.ts';
import { CHANNELS, type ConsentRecord, type Interaction } from '../../src/domain/contacts.ts';
import { parseInstant, periodEnd, rollingWindowExit } from '../../src/domain/time.ts';
import { decide } from '../../src/policy/engine.ts';
import { policy } from '../support/policy.ts';
import { subject } from '../support/subjects.ts';

const at = (text: string) => parseInstant(text, 'Europe/Paris');
const iso = (text: string) => at(text).toISOString();
const phoneTarget = { kind: 'phone' as const, value: '+33612345678', region: 'FR' };
const consent = (channel: ConsentRecord['channel'], when: string, extra: Partial<ConsentRecord> = {}) =>
  ({
    id: `c-${channel}-${when}`,
    contactId: 'x',
    channel,
    purpose: 'prospecting',
    action: 'grant',
    at: iso(when),
    proof: { method: 'checkbox', wording: 'v1', evidence: 'proof-1' },
    recordedAt: iso(when),
    ...extra,
  }) as ConsentRecord;
const attempt = (when: string): Interaction => ({
  id: `a-${when}`,
  contactId: 'x',
  type: 'call-attempt',
  at: iso(when),
  recordedAt: iso(when),
});
const consumer = {
  id: 'x',
  email: 'alice@gmail.com',
  phone: phoneTarget.value,
  provenance: {
    source: 'form' as const,
    collection: 'direct' as const,
    collectedAt: iso('2026-09-01'),
    informedAt: iso('2026-09-01'),
  },
  createdAt: iso('2026-09-01'),
  updatedAt: iso('2026-09-01'),
};
const call = { channel: 'phone' as const, purpose: 'prospecting' };

describe('when a block lifts', () => {
  it('an objection is a block that no time lifts: no changesAt, and never a next call window', () => {
    const s = subject({
      target: phoneTarget,
      contact: consumer,
      consents: [consent('phone', '2026-09-01')],
      objections: [{ scope: 'all', at: iso('2026-10-01') }],
    });
    // Saturday evening: outside the window too, yet nothing invites a call.
    const d = decide(call, s, policy, at('2026-11-21T19:00'));
    expect(d.verdict).toBe('block');
    expect(d.changesAt).toBeUndefined();
    expect(d.nextCallWindow).toBeUndefined();
  });

  it('a sector ban has no next call window either', () => {
    const s = subject({ target: phoneTarget, contact: consumer, consents: [consent('phone', '2026-09-01')] });
    const d = decide({ ...call, product: 'energy-renovation' }, s, policy, at('2026-11-21T19:00'));
    expect(d.verdict).toBe('block');
    expect(d.nextCallWindow).toBeUndefined();
  });

  it('the 4-calls cap: the next window opens when the cap lifts, not at the next opening hour', () => {
    const s = subject({
      target: phoneTarget,
      contact: consumer,
      consents: [consent('phone', '2026-09-01')],
      interactions: ['2026-11-02T19:30', '2026-11-05T10:30', '2026-11-10T10:30', '2026-11-20T10:30'].map(
        attempt,
      ),
    });
    const d = decide(call, s, policy, at('2026-11-23T10:30'));
    expect(d.verdict).toBe('block');
    // The attempt of 2 November counts through 1 December; 2 December is a Wednesday: 10:00.
    expect(d.nextCallWindow).toBe(iso('2026-12-02T10:00'));
    expect(d.changesAt).toBe(iso('2026-12-02T10:00'));
    expect(decide(call, s, policy, at('2026-12-02T10:00')).verdict).toBe('allow');
  });

  it('the cap lifting on a Saturday waits for Monday 10:00', () => {
    const s = subject({
      target: phoneTarget,
      contact: consumer,
      consents: [consent('phone', '2026-09-01')],
      interactions: ['2026-11-06T10:30', '2026-11-09T10:30', '2026-11-10T10:30', '2026-11-20T10:30'].map(
        attempt,
      ),
    });
    // 6 November + 30 days = Sunday 6 December.
    expect(decide(call, s, policy, at('2026-11-23T10:30')).nextCallWindow).toBe(iso('2026-12-07T10:00'));
  });

  it('outside the window alone, the next window is the next opening', () => {
    const s = subject({ target: phoneTarget, contact: consumer, consents: [consent('phone', '2026-09-01')] });
    const d = decide(call, s, policy, at('2026-11-23T13:30'));
    expect(d.nextCallWindow).toBe(iso('2026-11-23T14:00'));
  });
});

describe('periods as the law counts them', () => {
  it('one month from 31 January ends when 28 February ends; from 22 October, when 22 November ends', () => {
    expect(periodEnd(at('2026-01-31T09:00'), 'P1M', 'Europe/Paris').toISOString()).toBe(iso('2026-03-01'));
    expect(periodEnd(at('2028-01-31T09:00'), 'P1M', 'Europe/Paris').toISOString()).toBe(iso('2028-03-01'));
    expect(periodEnd(at('2026-10-22T15:00'), 'P1M', 'Europe/Paris').toISOString()).toBe(iso('2026-11-23'));
  });

  it('60 calendar days from a refusal on 1 May end when 30 June ends', () => {
    expect(periodEnd(at('2026-05-01T11:00'), 'P60D', 'Europe/Paris').toISOString()).toBe(iso('2026-07-01'));
  });

  it('a call attempt counts for 30 calendar days, its own day included', () => {
    expect(rollingWindowExit(at('2026-11-02T19:30'), 'P30D', 'Europe/Paris').toISOString()).toBe(
      iso('2026-12-02'),
    );
  });

  it('5 working days skip weekends and public holidays', () => {
    // Monday 9 November 2026: 10, 12, 13, 16, 17 (11 November is a holiday).
    expect(workingDaysEnd(at('2026-11-09T18:00'), 5, 'Europe/Paris', 'FR').toISOString()).toBe(
      iso('2026-11-18'),
    );
  });
});

describe('invariants of the law (property tests)', () => {
  const channel = fc.constantFrom(...CHANNELS);
  const instant = fc.date({ min: new Date('2019-01-01'), max: new Date('2030-12-31'), noInvalidDate: true });
  const product = fc.option(fc.constantFrom(...Object.keys(policy.doc.products)), { nil: undefined });
  const dayOffset = fc.integer({ min: -800, max: 800 });
  const person = fc.record({
    b2b: fc.boolean(),
    customer: fc.constantFrom('none', 'purchase', 'contract', 'account'),
    products: fc.subarray(Object.keys(policy.doc.products)),
    consents: fc.array(fc.record({ channel, offset: dayOffset, names: fc.option(fc.boolean()) }), {
      maxLength: 4,
    }),
    informed: fc.boolean(),
  });
  type Person = typeof person extends fc.Arbitrary<infer T> ? T : never;
  const build = (p: Person, now: Date, objection?: Date) => {
    const shift = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
    const email = p.b2b ? 'jean.dupont@acme.fr' : 'alice@gmail.com';
    return subject({
      target: { kind: 'email', value: email },
      contact: {
        ...consumer,
        email,
        jobFunction: 'finance',
        provenance: {
          ...consumer.provenance,
          informedAt: p.informed ? consumer.provenance.informedAt : undefined,
        },
        customer:
          p.customer === 'none'
            ? undefined
            : {
                since: shift(-400),
                kind: p.customer as 'purchase' | 'contract' | 'account',
                products: p.products,
              },
      },
      consents: p.consents.map((c) =>
        consent(c.channel, shift(c.offset), {
          proof: { method: 'double-opt-in', wording: 'v1', evidence: 'e', namesUs: c.names ?? undefined },
        }),
      ),
      objections: objection ? [{ scope: 'all', at: objection.toISOString() }] : [],
    });
  };

  it('after an objection to all marketing, no channel of that person is ever allow', () => {
    fc.assert(
      fc.property(
        channel,
        person,
        instant,
        product,
        fc.integer({ min: 0, max: 900 }),
        (ch, p, now, prod, ago) => {
          const objectedAt = new Date(now.getTime() - ago * 86_400_000);
          const d = decide(
            { channel: ch, purpose: 'prospecting', product: prod },
            build(p, now, objectedAt),
            policy,
            now,
          );
          expect(d.verdict).not.toBe('allow');
        },
      ),
    );
  });

  it('no allow for a banned sector without a related contract in progress', () => {
    const banned = fc.constantFrom('energy-renovation', 'home-adaptation', 'cpf-training');
    const fromBan = fc.date({
      min: new Date('2025-07-02'),
      max: new Date('2030-12-31'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(channel, person, fromBan, banned, (ch, p, now, prod) => {
        const s = build(p, now);
        const contract = s.contact?.customer;
        const related = contract?.kind === 'contract' && contract.products.includes(prod);
        if (related || ch === 'post') return;
        if (prod !== 'cpf-training' && p.b2b) return; // the works bans protect consumers only
        const d = decide({ channel: ch, purpose: 'prospecting', product: prod }, s, policy, now);
        expect(d.verdict).not.toBe('allow');
      }),
    );
  });
});
