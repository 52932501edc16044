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
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  try {
    const requests = canIRequests(emulated.signingSecret, emulated.slack.responseUrl(), emailOf);
    stalls.enable();
    const result = await runLoad(emulated.eventsUrl, requests, connections, seconds, emulated.signingSecret);
    stalls.disable();
    return { ...result, longestStallMs: stalls.max / 1e6 };
  } finally {
    await emulated.stop();
  }
}

/** A thousand signed /can-i-email commands, for as many people, ready to replay. */
export function canIRequests(signingSecret: string, responseUrl: string, emailOf: (i: number) => string) {
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: 1000 }, (_, i) => {
    const user = USERS[i % USERS.length]?.id ?? 'U0SALES';
    const body = new URLSearchParams({
      team_id: TEAM_ID,
      channel_id: 'C0SALES',
      user_id: user,
      user_name: user,
      command: '/can-i-email',
      text: `${emailOf(i * 7919)} accounting-software`,
      api_app_id: BOT.appId,
      response_url: responseUrl,
      trigger_id: `bench.${i}.${timestamp}`,
    }).toString();
    return {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signatureHeaders(signingSecret, body, timestamp),
      },
    };
  });
}

/** The requests replayed against `url` by autocannon in another process, for `seconds`. */
export async function runLoad(
  url: string,
  requests: ReturnType<typeof canIRequests>,
  connections: number,
  seconds: number,
  signingSecret: string | undefined,
): Promise<Omit<LoadFigures, 'longestStallMs'>> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-load-'));
  try {
    const config = join(dir, 'load.json');
    writeFileSync(config, JSON.stringify({ url, connections, seconds, requests, signingSecret }));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bench', 'loadClient.mjs'), config],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const result = JSON.parse(stdout);
    return {
      connections,
      requestsPerSecond: result.requestsPerSecond,
      total: result.total,
      p50: result.p50,
      p99: result.p99,
      max: result.max,
      failed: result.non2xx + result.errors + result.timeouts,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
