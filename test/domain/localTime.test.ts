import { expect, it } from 'vitest';
import { formatLocal, localStamp, parseInstant } from '../../src/domain/time.ts';

it('shows times in the workspace zone, and a date typed alone as that date, never as midnight', () => {
  const zone = 'Europe/Paris';
  const day = parseInstant('2026-11-01', zone, 'at');
  expect(formatLocal(day, zone, 'fr')).toBe('dimanche 1 novembre 2026');
  expect(formatLocal(day, zone, 'en')).toBe('Sunday 1 November 2026');
  // 23:00 UTC on 31 October is the first minute of 1 November in Paris, not "31 October".
  expect(formatLocal(new Date('2026-10-31T23:30:00Z'), zone, 'fr')).toBe('dimanche 1 novembre 2026 à 00:30');
  // Summer time: 09:30 in Paris is 07:30 UTC.
  expect(formatLocal(parseInstant('2026-07-15T09:30', zone, 'at'), zone, 'en')).toBe(
    'Wednesday 15 July 2026 at 09:30',
  );
  expect(localStamp(new Date('2026-12-07T09:11:02Z'), zone)).toBe('2026-12-07 10:11:02 +01:00');
});
