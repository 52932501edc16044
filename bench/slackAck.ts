import { performance } from 'node:perf_hooks';
import { LogLevel } from '@slack/bolt';
import type { AppContext } from '../src/services/context.ts';
import { startEmulatedApp } from '../src/slack/emulator/harness.ts';
import { USERS } from '../src/slack/emulator/workspace.ts';

export interface AckFigures {
  requests: number;
  concurrency: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Ack latency of /can-i-email through the real Bolt HTTP receiver (signature check, routing, decision, durable
 * decision-log write, Block Kit): signed requests posted to /slack/events, `concurrency` at a time, timed from
 * send to Slack's HTTP response, whose body is the answer. Client and app share this process and its 2 cores,
 * so the figures include the client's own work.
 */
export async function benchSlackAck(
  ctx: AppContext,
  emailOf: (i: number) => string,
  requests = 5000,
  concurrency = 50,
): Promise<AckFigures> {
  const emulated = await startEmulatedApp(ctx, { logLevel: LogLevel.ERROR });
  const times: number[] = [];
  try {
    let next = 0;
    const worker = async (w: number, count: number, record: boolean) => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const user = USERS[w % USERS.length]?.id ?? 'U0SALES';
        const start = performance.now();
        const delivery = await emulated.user.command(
          `/can-i-email ${emailOf(i * 7919)} accounting-software`,
          { user },
        );
        if (delivery.status !== 200 || !delivery.ack?.blocks)
          throw new Error(`bad ack: ${delivery.status} ${delivery.raw.slice(0, 200)}`);
        if (record) times.push(performance.now() - start);
      }
    };
    // Warm-up: JIT, connection pool, locale cache.
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w, 500, false)));
    next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w, requests, true)));
    const elapsed = performance.now() - started;
    times.sort((a, b) => a - b);
    return {
      requests,
      concurrency,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times.at(-1) ?? 0,
      perSecond: requests / (elapsed / 1000),
    };
  } finally {
    await emulated.stop();
  }
}
