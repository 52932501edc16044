import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Config } from '../config.ts';
import type { ConsoleWorkspaces, ServedWorkspace } from '../slack/consoleWorkspaces.ts';
import { type SlackDeps, slackActor } from '../slack/listeners/kit.ts';
import { SlackSignIn } from '../slack/signIn.ts';
import { type ConsoleOptions, createConsole, type WebWorkspace } from './app.tsx';
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
 * A Slack workspace as the console sees it: who a user is there (the policy's roles, their language and name),
 * and whether they may use the app at all: a member Slack describes, of this team or organisation.
 */
function webWorkspace(deps: ServedWorkspace): WebWorkspace {
  return {
    ctx: deps.ctx,
    actorOf: (u) => slackActor(deps, u),
    lang: (u) => deps.people.lang(u),
    nameOf: (u) => deps.people.name(u),
    standing: (u) => deps.people.standing(u, deps.teamId, deps.enterpriseId),
  };
}

/**
 * The compliance console (PROSPECT_GUARD_WEB_PORT) over the workspaces the app serves. In the emulator who signs
 * in through `:web` is the emulator's user; everywhere else people sign in with Slack (OpenID Connect).
 */
export async function serveConsole(
  workspaces: ConsoleWorkspaces,
  settings: Config['web'],
  io: { out: (line: string) => void; err: (line: string) => void; slackApiUrl?: string },
): Promise<{ running?: RunningConsole; link?: (key: string, userId: string) => string }> {
  if (!settings) return {};
  const sessions = new Sessions();
  const known = new WeakMap<SlackDeps, WebWorkspace>();
  const workspace = async (key: string) => {
    const deps = await workspaces.workspace(key);
    if (!deps) return undefined;
    const seen = known.get(deps) ?? webWorkspace(deps);
    known.set(deps, seen);
    return seen;
  };
  const signIn =
    settings.signIn &&
    new SlackSignIn({ ...settings.signIn, webUrl: settings.url as string, slackApiUrl: io.slackApiUrl });
  const running = await startConsole(
    {
      sessions,
      workspace,
      secure: settings.secure,
      log: io.err,
      ...(signIn ? { slack: { signIn, keyOf: workspaces.keyOf } } : {}),
    },
    settings,
  );
  const shown = settings.url ?? running.url;
  io.out(
    signIn
      ? `prospect-guard: compliance console on ${running.url} (people sign in with Slack at ${shown})`
      : `prospect-guard: compliance console on ${running.url} (type :web for a sign-in link)`,
  );
  return { running, link: (key, userId) => `${running.url}/signin/${sessions.link(key, userId)}` };
}
