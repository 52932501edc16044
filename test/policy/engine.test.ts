import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type ConsentRecord } from '../../src/domain/contacts.ts';
import { parseInstant } from '../../src/domain/time.ts';
import { decide } from '../../src/policy/engine.ts';
import { policy } from '../support/policy.ts';
import { subject } from '../support/subjects.ts';

const at = (text: string) => parseInstant(text, 'Europe/Paris');
const consent = (channel: ConsentRecord['channel'], when: string): ConsentRecord => ({
  id: `c-${channel}`,
  contactId: 'x',
  channel,
  purpose: 'prospecting',
  action: 'grant',
  at: at(when).toISOString(),
  proof: { method: 'checkbox', wording: 'v1' },
  recordedAt: at(when).toISOString(),
});
const known = {
  id: 'x',
  email: 'alice@gmail.com',
  provenance: {
    source: 'form' as const,
    collection: 'direct' as const,
    collectedAt: at('2026-03-01').toISOString(),
    informedAt: at('2026-03-01').toISOString(),
  },
  createdAt: at('2026-03-01').toISOString(),
  updatedAt: at('2026-03-01').toISOString(),
};
const phoneTarget = { kind: 'phone' as const, value: '+33612345678', region: 'FR' };

describe('decide', () => {
  it('is pure: same inputs, same answer, and no clock read', () => {
    const s = subject({ contact: known, consents: [consent('email', '2026-03-01')] });
    const now = at('2026-11-23T10:00');
    expect(decide({ channel: 'email', purpose: 'prospecting' }, s, policy, now)).toEqual(
      decide({ channel: 'email', purpose: 'prospecting' }, s, policy, now),
    );
  });

  it('says when a call becomes possible: Saturday evening → Monday 10:00', () => {
    const s = subject({
      target: phoneTarget,
      contact: { ...known, phone: phoneTarget.value },
      consents: [consent('phone', '2026-09-01')],
    });
    const d = decide({ channel: 'phone', purpose: 'prospecting' }, s, policy, at('2026-11-21T19:00'));
    expect(d.verdict).toBe('block');
    expect(d.nextCallWindow).toBe(at('2026-11-23T10:00').toISOString());
  });

  it('after 13:00 the next window opens at 14:00 the same day; Friday 20:00 → Monday', () => {
    const s = subject({
      target: phoneTarget,
      contact: { ...known, phone: phoneTarget.value },
      consents: [consent('phone', '2026-09-01')],
    });
    expect(
      decide({ channel: 'phone', purpose: 'prospecting' }, s, policy, at('2026-11-23T13:30')).nextCallWindow,
    ).toBe(at('2026-11-23T14:00').toISOString());
    expect(
      decide({ channel: 'phone', purpose: 'prospecting' }, s, policy, at('2026-11-27T20:00')).nextCallWindow,
    ).toBe(at('2026-11-30T10:00').toISOString());
  });

  it('skips Easter Monday and Whit Monday', () => {
    const s = subject({
      target: phoneTarget,
      contact: { ...known, phone: phoneTarget.value },
      consents: [consent('phone', '2026-09-01')],
    });
    for (const day of ['2027-03-29T11:00', '2027-05-17T11:00']) {
      expect(decide({ channel: 'phone', purpose: 'prospecting' }, s, policy, at(day)).verdict).toBe('block');
    }
    expect(
      decide({ channel: 'phone', purpose: 'prospecting' }, s, policy, at('2027-03-30T11:00')).verdict,
    ).toBe('allow');
  });

  it('retention: 3 years from 2024-02-29 ends on 2027-02-28', () => {
    const leap = {
      ...known,
      provenance: {
        ...known.provenance,
        collectedAt: at('2024-02-29').toISOString(),
        informedAt: at('2024-02-29').toISOString(),
      },
    };
    const s = subject({ contact: leap, consents: [consent('email', '2024-02-29')] });
    expect(
      decide({ channel: 'email', purpose: 'prospecting' }, s, policy, at('2027-02-27T23:59')).verdict,
    ).toBe('allow');
    expect(
      decide({ channel: 'email', purpose: 'prospecting' }, s, policy, at('2027-02-28T00:00')).verdict,
    ).toBe('block');
  });

  it('reports the retention deadline as the time the answer changes', () => {
    const s = subject({ contact: known, consents: [consent('email', '2026-03-01')] });
    const d = decide({ channel: 'email', purpose: 'prospecting' }, s, policy, at('2026-11-23T10:00'));
    expect(d.changesAt).toBe(at('2029-03-01').toISOString());
  });
});

describe('invariants (property tests)', () => {
  const channel = fc.constantFrom(...CHANNELS);
  const instant = fc.date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true });
  const facts = fc.record({
    consentChannels: fc.subarray([...CHANNELS]),
    informed: fc.boolean(),
    customer: fc.boolean(),
    b2b: fc.boolean(),
    product: fc.option(fc.constantFrom(...Object.keys(policy.doc.products)), { nil: undefined }),
  });
  const build = (f: { consentChannels: string[]; informed: boolean; customer: boolean; b2b: boolean }) =>
    subject({
      target: { kind: 'email', value: f.b2b ? 'jean.dupont@acme.fr' : 'alice@gmail.com' },
      contact: {
        ...known,
        email: f.b2b ? 'jean.dupont@acme.fr' : 'alice@gmail.com',
        jobFunction: 'finance',
        provenance: { ...known.provenance, informedAt: f.informed ? known.provenance.informedAt : undefined },
        customer: f.customer ? { since: known.createdAt, products: ['accounting-software'] } : undefined,
      },
      consents: f.consentChannels.map((c) => consent(c as ConsentRecord['channel'], '2026-03-01')),
    });

  it('an objection always blocks its channel', () => {
    fc.assert(
      fc.property(channel, facts, instant, fc.boolean(), (ch, f, now, all) => {
        const s = {
          ...build(f),
          objections: [{ scope: all ? ('all' as const) : ch, at: new Date(now.getTime() - 1).toISOString() }],
        };
        expect(
          decide({ channel: ch, purpose: 'prospecting', product: f.product }, s, policy, now).verdict,
        ).toBe('block');
      }),
    );
  });

  it('never allows without a rule that gives a legal basis', () => {
    fc.assert(
      fc.property(channel, facts, instant, (ch, f, now) => {
        const d = decide({ channel: ch, purpose: 'prospecting', product: f.product }, build(f), policy, now);
        if (d.verdict === 'allow') {
          const basisRules = new Set(policy.rules.filter((r) => r.basis !== false).map((r) => r.id));
          expect(d.reasons.some((r) => r.verdict === 'allow' && basisRules.has(r.rule))).toBe(true);
        }
      }),
    );
  });

  it('a rule outside its validity window never applies', () => {
    fc.assert(
      fc.property(channel, facts, instant, (ch, f, now) => {
        const d = decide({ channel: ch, purpose: 'prospecting', product: f.product }, build(f), policy, now);
        for (const reason of d.reasons) {
          const entries = policy.rules.filter((r) => r.id === reason.rule);
          if (entries.length === 0) continue;
          expect(
            entries.some(
              (r) => (!r.validFrom || now >= r.validFrom) && (!r.validUntil || now < r.validUntil),
            ),
          ).toBe(true);
        }
      }),
    );
  });
});
