import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { LogLevel } from '@slack/bolt';
import type { AppContext } from '../src/services/context.ts';
import { startEmulatedApp } from '../src/slack/emulator/harness.ts';

export interface RetentionFigures {
  ms: number;
  messages: number;
  longestStallMs: number;
}

/**
 * A full retention run at the store's size, through the real Slack layer and the fake Web API: scan of every
 * contact, reminder plan, the compliance digest and one DM per owner (with the 1 message/s/channel queue).
 */
export async function benchRetention(ctx: AppContext): Promise<RetentionFigures> {
  const emulated = await startEmulatedApp(ctx, { logLevel: LogLevel.ERROR });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  try {
    loop.enable();
    const start = performance.now();
    const calls = await emulated.remindNow();
    const ms = performance.now() - start;
    loop.disable();
    return {
      ms,
      messages: calls.filter((c) => c.method === 'chat.postMessage').length,
      longestStallMs: loop.max / 1e6,
    };
  } finally {
    await emulated.stop();
  }
}
