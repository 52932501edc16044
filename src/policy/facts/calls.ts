import { DateTime } from 'luxon';
import { calleeOf, regionUnknown } from '../../domain/callee.ts';
import {
  callWindowStatus,
  countryZone,
  isLocalOnlyHoliday,
  LOCAL_HOLIDAY_REGIONS,
  workingDaysEnd,
} from '../../domain/callWindow.ts';
import { CALL_ATTEMPTS } from '../../domain/contacts.ts';
import {
  parseDuration,
  periodEnd,
  rollingWindowExit,
  rollingWindowStart,
  zoneFor,
} from '../../domain/time.ts';
import { grantValid } from './consent.ts';
import type { Facts, FactTable } from './scope.ts';

const COUNTED_ATTEMPTS: ReadonlySet<string> = new Set(CALL_ATTEMPTS);
const LOCAL_REGIONS: ReadonlySet<string> = new Set(LOCAL_HOLIDAY_REGIONS);

const callee = (f: Facts) => calleeOf(f.subject.target, f.subject.contact);

/** The callee's time zone (D.223-9): where they live, else their number's region, else the policy's. */
export function callZone(f: Facts): string {
  const { country } = callee(f);
  if (!country) return f.zone;
  return f.params.call_time_zones[country] ?? (country === 'FR' ? f.zone : countryZone(country)) ?? f.zone;
}

/** The out-of-hours slots the consumer agreed to (D.223-9 al. 2) that include now. */
function slotsNow(f: Facts): { start: Date; end: Date }[] {
  const slots: { start: Date; end: Date }[] = [];
  for (const record of f.subject.consents) {
    if (record.channel !== f.request.channel || !record.slot || !grantValid(f, record)) continue;
    if (new Date(record.at) > f.now) continue;
    const start = new Date(record.slot.start);
    const end = new Date(record.slot.end);
    f.flipAt(start);
    f.flipAt(end);
    if (start <= f.now && f.now < end) slots.push({ start, end });
  }
  return slots;
}

/** A "slot" of a day or a year is not the precise date and time the text asks for (call_slot_max_length). */
function slotTooBroad(f: Facts, slot: { start: Date; end: Date }): boolean {
  return slot.end.getTime() - slot.start.getTime() > parseDuration(f.params.call_slot_max_length).toMillis();
}

/** Telephone canvassing (D.223-9, L.223-1): hours, holidays, attempts, refusals, callbacks, calls abroad. */
export const callFacts = {
  inside_call_window: (f) => {
    const status = callWindowStatus(f.now, callZone(f), f.policy.callWindow);
    f.flipAt(status.changesAt);
    if (!status.inside) f.nextCallWindow = status.nextOpening;
    return status.inside;
  },
  call_slot_agreed: (f) => slotsNow(f).some((slot) => !slotTooBroad(f, slot)),
  call_slot_too_broad: (f) => slotsNow(f).some((slot) => slotTooBroad(f, slot)),
  local_public_holiday: (f) => {
    const { country, region } = callee(f);
    const local = DateTime.fromJSDate(f.now, { zone: zoneFor(callZone(f)) });
    f.flipAt(local.startOf('day').plus({ days: 1 }).toJSDate());
    const home = f.policy.callWindow.holidays;
    if (region && LOCAL_REGIONS.has(region)) return isLocalOnlyHoliday(local, home, region);
    if (country && country !== home) return false;
    // A French mobile says nothing of the département: the callee may live in Alsace-Moselle.
    return (
      regionUnknown(f.subject.target, callee(f)) &&
      ['57', '67', '68'].some((dept) => isLocalOnlyHoliday(local, home, dept))
    );
  },
  callee_place_unrecognised: (f) => callee(f).unrecognised !== undefined,
  target_abroad: (f) => {
    const { country } = callee(f);
    return country !== undefined && !f.params.home_regions.includes(country);
  },
  // "Trente jours calendaires" (D.223-9) are the consumer's days, in her zone as the hours are: counted in Paris, a
  // Guadeloupe attempt would stop counting at 19:00 there on its 30th day, a fifth call in 30 of her days.
  call_attempts_in_window: (f) => {
    const window = f.params.call_attempts_window;
    const zone = callZone(f);
    const since = rollingWindowStart(f.now, window, zone);
    let count = 0;
    for (const i of f.subject.interactions) {
      if (!COUNTED_ATTEMPTS.has(i.type)) continue;
      const at = new Date(i.at);
      if (at > f.now || at < since) continue;
      count++;
      f.flipAt(rollingWindowExit(at, window, zone));
    }
    return count;
  },
  call_refused: (f) => f.subject.interactions.some((i) => i.type === 'call-refusal' && f.before(i.at)),
  // "Soixante jours calendaires révolus à compter de ce refus" (D.223-9, 2022 wording).
  refused_within_pause: (f) =>
    f.subject.interactions.some((i) => {
      if (i.type !== 'call-refusal' || !f.before(i.at)) return false;
      const end = periodEnd(new Date(i.at), f.params.refusal_pause, callZone(f));
      f.flipAt(end);
      return f.now < end;
    }),
  callback_requested: (f) =>
    f.subject.interactions.some((i) => {
      if (i.type !== 'callback-request' || !f.before(i.at)) return false;
      const days = f.params.callback_working_days;
      const end = workingDaysEnd(new Date(i.at), days, callZone(f), f.policy.callWindow.holidays);
      f.flipAt(end);
      return f.now < end;
    }),
} satisfies FactTable;
