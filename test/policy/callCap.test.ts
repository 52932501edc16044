import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { callWindowStatus } from '../../src/domain/callWindow.ts';
import type { ConsentRecord, Contact, Interaction } from '../../src/domain/contacts.ts';
import { parseTarget } from '../../src/domain/identifiers.ts';
import { parseInstant } from '../../src/domain/time.ts';
import { decide } from '../../src/policy/engine.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { policy } from '../support/policy.ts';
import { subject } from '../support/subjects.ts';

// Issue 25, "the call window after a cap": D.223-9 (décret n° 2022-1313): at most 4 calls or attempts to a
// consumer in 30 calendar days, and only Monday to Friday 10:00-13:00 and 14:00-20:00, not on public holidays
// (L.3133-1), in the consumer's time zone. When the cap blocks, "you may call again at…" is the first opening
// hour, in her zone, at or after the minute the cap lifts.

const PARIS = 'Europe/Paris';
const GUADELOUPE = 'America/Guadeloupe';
const local = (text: string, zone: string) => parseInstant(text, zone);
const consent: ConsentRecord = {
  id: 'c',
  contactId: 'x',
  channel: 'phone',
  purpose: 'prospecting',
  action: 'grant',
  at: '2026-09-01T08:00:00Z',
  proof: { method: 'oral-recorded', wording: 'v1', evidence: 'rec-1' },
  recordedAt: '2026-09-01T08:00:00Z',
};
const consumer = (phone: string): Contact => ({
  id: 'x',
  phone,
  provenance: {
    source: 'form',
    collection: 'direct',
    collectedAt: '2026-09-01T08:00:00Z',
    informedAt: '2026-09-01T08:00:00Z',
  },
  createdAt: '2026-09-01T08:00:00Z',
  updatedAt: '2026-09-01T08:00:00Z',
});
const attempts = (at: Date[]): Interaction[] =>
  at.map((when, i) => ({
    id: `a${i}`,
    contactId: 'x',
    type: 'call-attempt',
    at: when.toISOString(),
    recordedAt: when.toISOString(),
  }));
const call = { channel: 'phone' as const, purpose: 'prospecting' };
const person = (number: string, at: Date[]) => {
  const target = parseTarget(number);
  return subject({
    target,
    contact: consumer(target.value),
    consents: [consent],
    interactions: attempts(at),
  });
};
const shown = (iso: string | undefined, zone: string) =>
  iso ? DateTime.fromISO(iso, { zone }).toFormat('ccc yyyy-MM-dd HH:mm') : undefined;
const capRule = (d: ReturnType<typeof decide>) =>
  d.reasons.find((r) => r.rule === 'phone-b2c-frequency-and-refusal')?.verdict;

describe('when the 4-calls cap blocks, the next call is at an opening hour after it lifts', () => {
  it('the cap lifting at the end of a Friday (Saturday 00:00) waits for Monday 10:00', () => {
    // Attempts from Thursday 5 November: it counts through Friday 4 December, its 30th day.
    const s = person(
      '06 12 34 56 78',
      ['2026-11-05T19:30', '2026-11-10T10:30', '2026-11-12T10:30', '2026-11-20T10:30'].map((t) =>
        local(t, PARIS),
      ),
    );
    const d = decide(call, s, policy, local('2026-12-04T19:45', PARIS));
    expect(d.verdict).toBe('block');
    expect(capRule(d)).toBe('block');
    expect(shown(d.nextCallWindow, PARIS)).toBe('Mon 2026-12-07 10:00');
    expect(d.changesAt).toBe(d.nextCallWindow);
  });

  it('the cap lifting on a public holiday (Christmas, a Friday) waits for the next working day’s opening', () => {
    const s = person(
      '06 12 34 56 78',
      ['2026-11-25T10:30', '2026-11-26T10:30', '2026-12-01T10:30', '2026-12-02T10:30'].map((t) =>
        local(t, PARIS),
      ),
    );
    const d = decide(call, s, policy, local('2026-12-03T11:00', PARIS));
    expect(capRule(d)).toBe('block');
    expect(shown(d.nextCallWindow, PARIS)).toBe('Mon 2026-12-28 10:00');
  });

  it('the cap lifting on 11 November (a Wednesday) opens on Thursday at 10:00', () => {
    const s = person(
      '06 12 34 56 78',
      ['2026-10-12T10:30', '2026-10-20T10:30', '2026-10-21T10:30', '2026-11-02T10:30'].map((t) =>
        local(t, PARIS),
      ),
    );
    const d = decide(call, s, policy, local('2026-11-05T11:00', PARIS));
    expect(shown(d.nextCallWindow, PARIS)).toBe('Thu 2026-11-12 10:00');
  });

  it('the minute exactly: blocked one minute before the window it names, allowed at that minute', () => {
    const s = person(
      '06 12 34 56 78',
      ['2026-11-05T19:30', '2026-11-10T10:30', '2026-11-12T10:30', '2026-11-20T10:30'].map((t) =>
        local(t, PARIS),
      ),
    );
    const next = decide(call, s, policy, local('2026-12-04T11:00', PARIS)).nextCallWindow as string;
    const at = new Date(next);
    expect(decide(call, s, policy, new Date(at.getTime() - 60_000)).verdict).toBe('block');
    expect(decide(call, s, policy, at).verdict).toBe('allow');
  });

  it('a Guadeloupe number typed nationally: the 30 days are hers, the next window opens at 10:00 her time', () => {
    // Attempts on Thursday 5 November, Guadeloupe time: they count through Friday 4 December there. Counted in
    // Paris days, the cap would lift at 19:00 in Guadeloupe on that Friday, inside her hours.
    const s = person(
      '06 90 12 34 56',
      ['2026-11-05T10:30', '2026-11-10T10:30', '2026-11-12T10:30', '2026-11-20T10:30'].map((t) =>
        local(t, GUADELOUPE),
      ),
    );
    const friday = decide(call, s, policy, local('2026-12-04T19:00', GUADELOUPE));
    expect(capRule(friday)).toBe('block');
    expect(shown(friday.nextCallWindow, GUADELOUPE)).toBe('Mon 2026-12-07 10:00');
  });

  it('property: the next window is at or after the minute the cap lifts, inside the hours of her zone', () => {
    const zones = {
      '06 12 34 56 78': PARIS,
      '06 90 12 34 56': GUADELOUPE,
      '0692 12 34 56': 'Indian/Reunion',
    };
    const start = local('2026-09-01T00:00', PARIS).getTime();
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(zones) as (keyof typeof zones)[])),
        fc.array(fc.integer({ min: 0, max: 29 * 24 * 60 }), { minLength: 4, maxLength: 7 }),
        fc.integer({ min: 40 * 24 * 60, max: 90 * 24 * 60 }),
        (number, minutesBefore, nowOffset) => {
          const now = new Date(start + nowOffset * 60_000);
          const s = person(
            number,
            minutesBefore.map((m) => new Date(now.getTime() - m * 60_000)),
          );
          const d = decide(call, s, policy, now);
          if (capRule(d) !== 'block') return;
          const next = new Date(d.nextCallWindow as string);
          // The cap lifts when the fourth most recent attempt stops counting: her day 30 days after it.
          const zone = zones[number];
          const recent = [...minutesBefore].sort((a, b) => a - b)[3] as number;
          const day = DateTime.fromMillis(now.getTime() - recent * 60_000, { zone }).startOf('day');
          const lifts = day.plus({ days: 30 }).toJSDate();
          expect(next.getTime()).toBeGreaterThanOrEqual(lifts.getTime());
          expect(callWindowStatus(next, zone, policy.callWindow).inside).toBe(true);
          expect(decide(call, s, policy, next).verdict).toBe('allow');
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the command line tells when to call again', () => {
  it('after four attempts, can-i phone names the next opening in her time, not the minute the cap lifts', async () => {
    const run = cli(tempDir(), { lang: 'en', at: '2026-12-04T19:45:00+01:00' });
    await run(
      'contact',
      'add',
      '--phone',
      '06 12 34 56 78',
      '--source',
      'form',
      '--collected-at',
      '2026-09-01',
      '--informed-at',
      '2026-09-01',
    );
    await run(
      'consent',
      'grant',
      '--phone',
      '06 12 34 56 78',
      '--channel',
      'phone',
      '--method',
      'oral-recorded',
      '--wording',
      'v1',
      '--evidence',
      'rec-1',
      '--at',
      '2026-09-01',
    );
    for (const at of ['2026-11-05T19:30', '2026-11-10T10:30', '2026-11-12T10:30', '2026-11-20T10:30'])
      expect(
        (await run('event', '--phone', '06 12 34 56 78', '--type', 'call-attempt', '--at', at)).status,
      ).toBe(0);
    const answer = await run('can-i', 'phone', '06 12 34 56 78', '--json');
    expect(answer.status).toBe(1);
    const json = JSON.parse(answer.out);
    expect(shown(json.nextCallWindow, PARIS)).toBe('Mon 2026-12-07 10:00');
  });
});

// Found by a newcomer's trial: "next window 15:00" read by a Paris salesperson calling Martinique is right for
// her, but the callee's hours are the law's (D.223-9): both are given when they differ.
describe("the callee's own time beside the caller's", () => {
  it('names the next window in Paris time and in Martinique time for a Martinique number', async () => {
    // Saturday 12 December 2026, 11:00 in Paris: closed on Saturdays; Monday 10:00 in Martinique is 15:00 in Paris.
    const run = cli(tempDir(), { lang: 'fr', at: '2026-12-12T11:00:00+01:00' });
    const add = ['contact', 'add', '--phone', '06 96 12 34 56', '--source', 'form'];
    await run(...add, '--collected-at', '2026-09-01', '--informed-at', '2026-09-01');
    const proof = [
      '--method',
      'oral-recorded',
      '--wording',
      'v1',
      '--evidence',
      'rec-1',
      '--at',
      '2026-09-01',
    ];
    await run('consent', 'grant', '--phone', '06 96 12 34 56', '--channel', 'phone', ...proof);
    const answer = await run('can-i', 'phone', '06 96 12 34 56');
    expect(answer.out).toContain(
      "Prochaine plage d'appel : lundi 14 décembre 2026 à 15:00 (10:00, heure locale de la personne appelée)",
    );
    const json = JSON.parse((await run('can-i', 'phone', '06 96 12 34 56', '--json')).out);
    expect(json.calleeZone).toBe('America/Martinique');
    // A mainland number: one time only.
    await run(
      'contact',
      'add',
      '--phone',
      '06 12 34 56 78',
      '--source',
      'form',
      '--collected-at',
      '2026-09-01',
    );
    const mainland = await run('can-i', 'phone', '06 12 34 56 78');
    expect(mainland.out).not.toContain('heure locale de la personne appelée');
  });
});
