import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.ts';

const BOT = 'xoxb-1111-2222-abcdef';
const APP = 'xapp-1-A111-2222-abcdef';
const SECRET = '0123456789abcdef0123456789abcdef';

describe('readConfig', () => {
  it('picks the emulator without credentials, Socket Mode with an app token, HTTP mode with a signing secret', () => {
    expect(readConfig({}, '/srv').slack).toEqual({ kind: 'emulator' });
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).slack).toMatchObject({
      kind: 'socket',
      appToken: APP,
    });
    expect(readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }).slack).toEqual({
      kind: 'http',
      botToken: BOT,
      signingSecret: SECRET,
      port: 3000,
    });
    expect(
      readConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '8080' }).slack,
    ).toMatchObject({ port: 8080 });
  });

  it('resolves the store and policy paths and normalises SLACK_API_URL', () => {
    const config = readConfig(
      { PROSPECT_GUARD_DB: 'x/db.json', SLACK_API_URL: 'http://127.0.0.1:9999/api' },
      '/srv',
    );
    expect(config.dbPath).toBe('/srv/x/db.json');
    expect(config.policyPath).toBe('/srv/policy.yaml');
    expect(config.slackApiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it('turns the HTTP API on with its port, and HubSpot with both of its secrets', () => {
    expect(readConfig({}).api).toBeUndefined();
    expect(
      readConfig({
        PROSPECT_GUARD_API_PORT: '8080',
        PROSPECT_GUARD_API_HOST: '127.0.0.1',
        HUBSPOT_CLIENT_SECRET: 's',
        HUBSPOT_ACCESS_TOKEN: 't',
        HUBSPOT_PORTAL_ID: '62515',
      }).api,
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      rateLimit: 600,
      hubspot: { clientSecret: 's', accessToken: 't', apiUrl: 'https://api.hubapi.com', portalId: 62515 },
    });
  });

  it('says in one line what is missing or malformed', () => {
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ SLACK_APP_TOKEN: APP }, /^SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not$/],
      [
        { SLACK_BOT_TOKEN: BOT },
        /neither SLACK_APP_TOKEN \(Socket Mode\) nor SLACK_SIGNING_SECRET \(HTTP mode\)/,
      ],
      [
        { SLACK_BOT_TOKEN: 'xoxp-user-token-123456' },
        /^SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"/,
      ],
      [
        { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-wrong-kind-1234' },
        /^SLACK_APP_TOKEN must be an app-level token starting with "xapp-"/,
      ],
      [
        { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'secret' },
        /SLACK_SIGNING_SECRET must be the 32 hexadecimal/,
      ],
      [
        { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '80a' },
        /^PORT must be a whole number between 1 and 65535, not "80a"$/,
      ],
      [{ SLACK_API_URL: 'slack.com/api' }, /^SLACK_API_URL must be a URL/],
      [{ SLACK_API_URL: 'ftp://slack.com/api' }, /must start with http/],
      [{ PROSPECT_GUARD_API_PORT: '0' }, /^PROSPECT_GUARD_API_PORT must be a whole number/],
      [
        { PROSPECT_GUARD_API_PORT: '8080', PROSPECT_GUARD_API_RATE_LIMIT: 'lots' },
        /RATE_LIMIT must be a whole number/,
      ],
      [{ PROSPECT_GUARD_API_PORT: '8080', HUBSPOT_CLIENT_SECRET: 's' }, /needs both HUBSPOT_CLIENT_SECRET/],
      [
        {
          PROSPECT_GUARD_API_PORT: '8080',
          HUBSPOT_CLIENT_SECRET: 's',
          HUBSPOT_ACCESS_TOKEN: 't',
          HUBSPOT_API_URL: 'http://api.example.com',
        },
        /^HUBSPOT_API_URL must be an https:\/\/ address/,
      ],
      [
        {
          PROSPECT_GUARD_API_PORT: '8080',
          HUBSPOT_CLIENT_SECRET: 's',
          HUBSPOT_ACCESS_TOKEN: 't',
          HUBSPOT_PORTAL_ID: 'acme',
        },
        /^HUBSPOT_PORTAL_ID must be the number/,
      ],
    ];
    for (const [env, message] of cases) {
      expect(() => readConfig(env)).toThrow(ConfigError);
      expect(() => readConfig(env)).toThrow(message);
    }
  });
});

describe('the compliance console', () => {
  const socket = { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, PROSPECT_GUARD_WEB_PORT: '8090' };
  it('in the emulator needs only its port, and signs people in with links', () => {
    expect(readConfig({ PROSPECT_GUARD_WEB_PORT: '8090' }).web).toEqual({
      port: 8090,
      host: '127.0.0.1',
      secure: false,
    });
  });

  it('with Slack credentials signs people in with Slack: client id, secret and the address people type', () => {
    expect(() => readConfig(socket)).toThrow(
      /SLACK_CLIENT_ID and SLACK_CLIENT_SECRET .* PROSPECT_GUARD_WEB_URL/,
    );
    const config = readConfig({
      ...socket,
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'client-secret',
      PROSPECT_GUARD_WEB_URL: 'https://conformite.example.fr',
    });
    // A client id beside one bot token is for signing in, not for installing many workspaces.
    expect(config.slack.kind).toBe('socket');
    expect(config.web).toMatchObject({
      secure: true,
      url: 'https://conformite.example.fr',
      signIn: { clientId: '1234.5678', clientSecret: 'client-secret' },
    });
  });
});
