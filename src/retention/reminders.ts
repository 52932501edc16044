import { parseDuration, subtractDuration } from '../domain/time.ts';
import type { Deadline } from './deadlines.ts';

export interface Reminder {
  deadline: Deadline;
  /** The lead time (P30D, P7D…) or `overdue`. */
  lead: string;
  key: string;
}

export const reminderKey = (d: Deadline, lead: string) =>
  `${d.contact.id}:${d.kind}:${d.consentId ?? ''}:${d.at.toISOString()}:${lead}`;

/**
 * Which reminders to send now. Each (deadline, lead time) is sent once; when several lead times have passed
 * (the app was down), only the most urgent is sent and the older ones are recorded as superseded, so nobody
 * gets three reminders for one deadline on the same morning.
 */
export function dueReminders(
  deadlines: Deadline[],
  leads: string[],
  sent: ReadonlySet<string>,
  now: Date,
  zone: string,
): { send: Reminder[]; superseded: string[] } {
  const ordered = [...leads].sort((a, b) => parseDuration(b).toMillis() - parseDuration(a).toMillis());
  const send: Reminder[] = [];
  const superseded: string[] = [];
  for (const deadline of deadlines) {
    const passed = ordered.filter((lead) => subtractDuration(deadline.at, lead, zone) <= now);
    if (deadline.at <= now) passed.push('overdue');
    const latest = passed.at(-1);
    if (!latest) continue;
    const key = reminderKey(deadline, latest);
    if (sent.has(key)) continue;
    send.push({ deadline, lead: latest, key });
    for (const older of passed.slice(0, -1)) {
      const olderKey = reminderKey(deadline, older);
      if (!sent.has(olderKey)) superseded.push(olderKey);
    }
  }
  return { send, superseded };
}
