/** How far a long check has gone: rows done, rows in all, and the seconds left at the pace so far. */
export interface Progress {
  done: number;
  total: number;
  secondsLeft: number;
}

/**
 * A progress callback that passes news on at most once per `intervalMs` (Slack's rate limits; a terminal that
 * does not flicker), with an estimate of the time left. The clock is injected so tests control it.
 */
export function throttled(
  intervalMs: number,
  report: (progress: Progress) => void,
  now: () => number = Date.now,
): (done: number, total: number) => void {
  const started = now();
  let last = started;
  return (done, total) => {
    const at = now();
    if (at - last < intervalMs || done === 0) return;
    last = at;
    const perRow = (at - started) / done;
    report({ done, total, secondsLeft: Math.ceil((perRow * (total - done)) / 1000) });
  };
}
