import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { Lang } from '../../src/i18n.ts';
import { type Actor, COMPLIANCE_ROLES } from '../../src/policy/access.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import type { AppContext } from '../../src/services/context.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { createConsole } from '../../src/web/app.tsx';
import { Sessions } from '../../src/web/sessions.ts';

/**
 * The compliance console over a memory store, as its tests drive it: a DPO (every compliance role, French) and a
 * salesperson without roles (English), signed in through one-time links, requests through `app().request`.
 */
export const ROOT = resolve(import.meta.dirname, '..', '..');
export const TEAM = 'T0TEST';
export const NOW = new Date('2026-11-23T10:30:00+01:00');

export const ACTORS: Record<string, Actor> = {
  U0DPO: { id: 'slack:U0DPO', userId: 'U0DPO', roles: COMPLIANCE_ROLES, via: 'slack' },
  U0SALES: { id: 'slack:U0SALES', userId: 'U0SALES', roles: [], via: 'slack' },
};
const NAMES: Record<string, string> = { U0DPO: 'Dana Pons', U0SALES: 'Sam Vidal' };

export interface ConsoleHarness {
  store: MemoryStore;
  ctx: AppContext;
  sessions: Sessions;
  logs: string[];
  /** How Slack describes each user now (`member` unless set here): a test may deactivate someone. */
  standings: Map<string, string>;
  /** Moves the console's clock (sessions and links; `ctx.clock` stays at NOW unless `now` is changed). */
  advance(ms: number): void;
  app(): ReturnType<typeof createConsole>;
  signIn(userId: string): Promise<{ cookie: string; csrf: string; setCookie: string }>;
  get(path: string, cookie: string): Promise<Response>;
  post(path: string, cookie: string, fields: Record<string, string>): Promise<Response>;
}

export function consoleHarness(now: Date = NOW): ConsoleHarness {
  const store = new MemoryStore();
  const ctx: AppContext = { store, policy: loadPolicy(join(ROOT, 'policy.yaml')), clock: () => now };
  let clock = now.getTime();
  const sessions = new Sessions(() => clock);
  const logs: string[] = [];
  const standings = new Map<string, string>();
  const lang = async (u: string): Promise<Lang> => (u === 'U0DPO' ? 'fr' : 'en');
  const workspace = {
    ctx,
    actorOf: async (u: string) => ACTORS[u] as Actor,
    lang,
    nameOf: async (u: string) => NAMES[u] ?? u,
    standing: async (u: string) => standings.get(u) ?? 'member',
  };
  const app = () =>
    createConsole({
      sessions,
      secure: false,
      log: (line) => logs.push(line),
      workspace: async (team) => (team === TEAM ? workspace : undefined),
    });
  const get = async (path: string, cookie: string) => app().request(path, { headers: { cookie } });
  const post = async (path: string, cookie: string, fields: Record<string, string>) =>
    app().request(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  async function signIn(userId: string) {
    const response = await app().request(`/signin/${sessions.link(TEAM, userId)}`);
    expect(response.status).toBe(303);
    const setCookie = response.headers.get('set-cookie') ?? '';
    const cookie = setCookie.split(';')[0] as string;
    const page = await (await get('/register', cookie)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    return { cookie, csrf, setCookie };
  }
  return {
    store,
    ctx,
    sessions,
    logs,
    standings,
    advance: (ms) => {
      clock += ms;
    },
    app,
    signIn,
    get,
    post,
  };
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};
const decode = (text: string) => text.replace(/&(amp|quot|#39|lt|gt);/g, (e) => ENTITIES[e] ?? e);
const attr = (tag: string, name: string) => decode(new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '');

/**
 * The fields a page's form would send as rendered (its inputs' values, each select's chosen option), the form
 * found by the end of its action: what a browser submits when nobody touches anything.
 */
export function formOf(html: string, actionEnd: string): Record<string, string> {
  const forms = html.match(/<form[^>]*>[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => attr(/<form[^>]*>/.exec(f)?.[0] ?? '', 'action').endsWith(actionEnd));
  if (!form) throw new Error(`no form ending in ${actionEnd}`);
  const fields: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input[^>]*>/g))
    if (attr(input, 'name')) fields[attr(input, 'name')] = attr(input, 'value');
  for (const [, open = '', options = ''] of form.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    const chosen =
      /<option[^>]*selected[^>]*>/.exec(options)?.[0] ?? /<option[^>]*>/.exec(options)?.[0] ?? '';
    fields[attr(open, 'name')] = attr(chosen, 'value');
  }
  return fields;
}

/** A page's text as read, without its tags (attributes, such as an option's value, are not read). */
export const textOf = (html: string) => decode(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
