import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApp } from '../../src/main.ts';
import type { FakeSignIn } from '../../src/slack/emulator/fakeSignIn.ts';
import { FakeSlack } from '../../src/slack/emulator/fakeSlack.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';

/**
 * Sign in with Slack, end to end: the app in HTTP mode (one bot token) with the console, Slack played by the
 * fake on loopback. The browser is `fetch` without following redirects, so each step is seen.
 */
const CLIENT_ID = '1234.5678';
let slack: FakeSlack;
let store: FileStore;
let base = '';
let stop: () => void = () => undefined;
let running: Promise<void>;
const out: string[] = [];
const err: string[] = [];

beforeAll(async () => {
  store = await FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV });
  slack = await new FakeSlack().start();
  const stopSignal = new Promise<void>((resolve) => {
    stop = resolve;
  });
  running = runApp(
    { store, policy, clock: () => new Date('2026-11-23T10:30:00+01:00') },
    {
      slack: { kind: 'http', botToken: 'xoxb-test-1234567890', signingSecret: '0'.repeat(32), port: 0 },
      slackApiUrl: slack.apiUrl,
      dbPath: store.location,
      policyPath: policy.file,
      store: { kind: 'file', path: store.location },
      hashKey: {},
      debug: false,
      web: {
        port: 0,
        host: '127.0.0.1',
        secure: false,
        url: 'http://console.example.test',
        signIn: { clientId: CLIENT_ID, clientSecret: 'client-secret' },
      },
    },
    {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      input: Readable.from([]),
      interactive: false,
      stopSignal,
    },
  );
  for (let waited = 0; !base && waited < 5000; waited += 50) {
    base = /compliance console on (\S+)/.exec(out.join('\n'))?.[1] ?? '';
    if (!base) await new Promise((done) => setTimeout(done, 50));
  }
});

afterAll(async () => {
  stop();
  await running;
  await slack.stop();
  await store.close();
});

const manual = (path: string, cookie = '') =>
  fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie, 'accept-language': 'fr-FR' } });
/** The cookie a response sets that has a value (the session, or the flow's), as a browser would send it back. */
const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] as string)
    .find((pair) => !pair.endsWith('=')) ?? '';

/** Starts the flow, plays the person approving on Slack's page, and comes back to the console. */
async function signInWithSlack(who: FakeSignIn, tamper: { state?: string; cookie?: string } = {}) {
  const start = await manual('/signin/slack');
  expect(start.status).toBe(302);
  const authorize = start.headers.get('location') ?? '';
  const state = new URL(authorize).searchParams.get('state') ?? '';
  const code = slack.openId.authorize(authorize, who);
  const callback = `/signin/slack/callback?code=${code}&state=${tamper.state ?? state}`;
  return {
    back: await manual(callback, tamper.cookie ?? cookieOf(start)),
    callback,
    flowCookie: cookieOf(start),
  };
}

describe('Sign in with Slack', () => {
  it('sends the browser to Slack with the openid profile scopes, a state bound to the browser and a nonce', async () => {
    const signedOut = await manual('/register');
    expect(signedOut.status).toBe(401);
    const page = await signedOut.text();
    expect(page).toContain('href="/signin/slack"');
    expect(page).toContain('Se connecter avec Slack');
    const start = await manual('/signin/slack');
    const url = new URL(start.headers.get('location') ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://slack.com/openid/connect/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      scope: 'openid profile',
      client_id: CLIENT_ID,
      redirect_uri: 'http://console.example.test/signin/slack/callback',
    });
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(start.headers.get('set-cookie')).toMatch(
      /^pg_signin=[\w-]{43}; Max-Age=600; Path=\/signin\/slack; HttpOnly; SameSite=Lax/,
    );
  });

  it('opens a session for a member of the workspace, with her name and roles, once', async () => {
    const { back, callback, flowCookie } = await signInWithSlack({ userId: 'U0DPO' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/register');
    const session = cookieOf(back);
    expect(session).toMatch(/^pg_console=/);
    const register = await manual('/register', session);
    expect(register.status).toBe(200);
    expect(await register.text()).toContain('Dominique Conformité');
    // The DPO's role comes from the policy, as in Slack.
    expect((await manual('/deadlines', session)).status).toBe(200);
    // The same answer from Slack cannot be played again.
    const again = await manual(callback, flowCookie);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('expiré ou a été commencée dans un autre navigateur');
    // The code was exchanged with the app's secret for the console's redirect URI.
    const exchange = slack.calls.find((c) => c.method === 'openid.connect.token');
    expect(exchange?.args).toMatchObject({
      client_id: CLIENT_ID,
      client_secret: 'client-secret',
      redirect_uri: 'http://console.example.test/signin/slack/callback',
    });
  });

  it('refuses an answer that reaches another browser, or one that is not for this console', async () => {
    const stranger = await signInWithSlack({ userId: 'U0DPO' }, { cookie: 'pg_signin=someone-else' });
    expect(stranger.back.status).toBe(401);
    for (const claims of [
      { aud: '9999.0000' },
      { iss: 'https://evil.example' },
      { exp: Math.floor(Date.now() / 1000) - 3600 },
      { nonce: 'not-the-nonce' },
      { aud: ['9999.0000', CLIENT_ID] },
      { azp: '9999.0000' },
      { iat: Math.floor(Date.now() / 1000) + 3600 },
      { sub: undefined },
      { 'https://slack.com/user_id': 'U0SALES' },
    ]) {
      const { back } = await signInWithSlack({ userId: 'U0DPO', claims });
      expect(back.status, JSON.stringify(claims)).toBe(401);
      expect(cookieOf(back)).not.toMatch(/^pg_console=./);
      expect(await back.text()).toContain('n’est pas valable pour cette console');
    }
    const mismatch = await signInWithSlack({
      userId: 'U0DPO',
      userInfo: { 'https://slack.com/user_id': 'U0SALES' },
    });
    expect(mismatch.back.status).toBe(401);
    const cancelled = await manual('/signin/slack/callback?error=access_denied&state=x');
    expect(cancelled.status).toBe(401);
  });

  it('lets in no one of another workspace, no guest, no deactivated account and no one Slack cannot describe', async () => {
    const other = await signInWithSlack({ userId: 'U0DPO', teamId: 'T0ELSEWHERE' });
    expect(other.back.status).toBe(403);
    expect(await other.back.text()).toContain('n’utilise pas prospect-guard ici');
    for (const userId of ['U0GUEST', 'U0GONE', 'U0PARTNER', 'U0NOBODY']) {
      const { back } = await signInWithSlack({ userId });
      expect(back.status, userId).toBe(403);
      expect(await back.text()).toContain('seuls les membres de l’espace de travail');
    }
    const refusals = (await store.auditTrail()).filter(
      (e) => e.action === 'access' && e.outcome === 'refused',
    );
    expect(refusals.map((e) => e.actor)).toEqual(
      expect.arrayContaining(['slack:U0GUEST', 'slack:U0GONE', 'slack:U0PARTNER', 'slack:U0NOBODY']),
    );
    expect(err.join('\n')).not.toMatch(/at .*\.ts:\d+/);
  });
});
