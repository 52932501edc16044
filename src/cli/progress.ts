import { SingleBar } from 'cli-progress';
import { throttled } from '../campaign/progress.ts';

/**
 * A progress bar on stderr for long checks, only for a person at a terminal: silent when stderr is not a TTY
 * (a pipe, a log, the tests) or when the output is --json for a script.
 */
export function terminalProgress(enabled: boolean): {
  update: (done: number, total: number) => void;
  stop: () => void;
} {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: process.stderr,
    format: '{bar} {value}/{total} · ~{eta}s',
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  const update = throttled(200, ({ done, total }) => {
    if (!started) bar.start(total, done);
    started = true;
    bar.update(done);
  });
  return {
    update,
    stop: () => {
      if (started) bar.stop();
    },
  };
}
