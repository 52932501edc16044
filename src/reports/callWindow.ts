import { DateTime } from 'luxon';
import { formatLocal, zoneFor } from '../domain/time.ts';
import { type Lang, t } from '../i18n.ts';
import type { Decision } from '../policy/engine.ts';

/**
 * The next calling window as the caller reads it, in her zone, and, when the callee lives in another one
 * (Martinique, Réunion), the same instant in the callee's hours: D.223-9 counts the callee's.
 */
export function nextWindowText(decision: Decision, zone: string, lang: Lang): string | undefined {
  if (!decision.nextCallWindow) return undefined;
  const at = new Date(decision.nextCallWindow);
  const here = formatLocal(at, zone, lang);
  if (!decision.calleeZone) return here;
  const there = DateTime.fromJSDate(at, { zone: zoneFor(decision.calleeZone) }).toFormat('HH:mm');
  return t(lang, 'window_callee_time', { at: here, time: there });
}
