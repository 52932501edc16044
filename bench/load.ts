import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { LogLevel } from '@slack/bolt';
import type { AppContext } from '../src/services/context.ts';
import { startEmulatedApp } from '../src/slack/emulator/harness.ts';
import { signatureHeaders } from '../src/slack/emulator/slackUser.ts';
import { BOT, TEAM_ID, USERS } from '../src/slack/emulator/workspace.ts';
import { ROOT } from './root.ts';

export interface LoadFigures {
  connections: number;
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  /** The app's longest event-loop stall while under load. */
  longestStallMs: number;
}

/**
 * /can-i-email through the real Bolt HTTP receiver (signature check, routing, store lookup, decision, durable
 * decision-log write, Block Kit), under load from another process (autocannon, bench/loadClient.mjs), so the
 * client's work never counts as the app's. Requests are signed once, for 1,000 different people, and replayed.
 */
export async function benchLoad(
  ctx: AppContext,
  emailOf: (i: number) => string,
  connections: number,
  seconds = 10,
): Promise<LoadFigures> {
  const emulated = await startEmulatedApp(ctx, { logLevel: LogLevel.ERROR });
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-load-'));
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  try {
    const timestamp = Math.floor(Date.now() / 1000);
    const requests = Array.from({ length: 1000 }, (_, i) => {
      const user = USERS[i % USERS.length]?.id ?? 'U0SALES';
      const body = new URLSearchParams({
        team_id: TEAM_ID,
        channel_id: 'C0SALES',
        user_id: user,
        user_name: user,
        command: '/can-i-email',
        text: `${emailOf(i * 7919)} accounting-software`,
        api_app_id: BOT.appId,
        response_url: emulated.slack.responseUrl(),
        trigger_id: `bench.${i}`,
      }).toString();
      return {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...signatureHeaders(emulated.signingSecret, body, timestamp),
        },
      };
    });
    const config = join(dir, 'load.json');
    writeFileSync(config, JSON.stringify({ url: emulated.eventsUrl, connections, seconds, requests }));
    stalls.enable();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bench', 'loadClient.mjs'), config],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    stalls.disable();
    const result = JSON.parse(stdout);
    return {
      connections,
      requestsPerSecond: result.requestsPerSecond,
      total: result.total,
      p50: result.p50,
      p99: result.p99,
      max: result.max,
      failed: result.non2xx + result.errors + result.timeouts,
      longestStallMs: stalls.max / 1e6,
    };
  } finally {
    await emulated.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
