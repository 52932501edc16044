import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Config } from '../config.ts';
import { TEAM_ID } from '../slack/emulator/workspace.ts';
import { type SlackDeps, slackActor } from '../slack/listeners/kit.ts';
import { type ConsoleOptions, createConsole } from './app.tsx';
import { Sessions } from './sessions.ts';

export interface RunningConsole {
  url: string;
  close(): Promise<void>;
}

/** Serves the console on `port` (0: any free one) of `host` (127.0.0.1 unless told). */
export function startConsole(
  options: ConsoleOptions,
  listen: { port: number; host?: string },
): Promise<RunningConsole> {
  const app = createConsole(options);
  const host = listen.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: listen.port, hostname: host }, (info: AddressInfo) => {
      const shown = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}

/**
 * The compliance console (PROSPECT_GUARD_WEB_PORT), over the emulator's workspace: who signs in through `:web`
 * is the emulator's user, with the roles the policy gives her. Sign in with Slack is not built yet.
 */
export async function serveConsole(
  deps: SlackDeps,
  settings: Config['web'],
  io: { out: (line: string) => void; err: (line: string) => void },
): Promise<{ running?: RunningConsole; link?: (userId: string) => string }> {
  if (!settings) return {};
  const sessions = new Sessions();
  const workspace = {
    ctx: deps.ctx,
    actorOf: (u: string) => slackActor(deps, u),
    lang: (u: string) => deps.people.lang(u),
    nameOf: (u: string) => deps.people.name(u),
  };
  const running = await startConsole(
    {
      sessions,
      workspace: async (team) => (team === TEAM_ID ? workspace : undefined),
      secure: settings.secure,
      log: io.err,
    },
    settings,
  );
  io.out(`prospect-guard: compliance console on ${running.url} (type :web for a sign-in link)`);
  return { running, link: (userId) => `${running.url}/signin/${sessions.link(TEAM_ID, userId)}` };
}
