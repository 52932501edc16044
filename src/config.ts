import { resolve } from 'node:path';

/**
 * How the app reaches Slack, chosen from what is set:
 * - `socket`: SLACK_BOT_TOKEN + SLACK_APP_TOKEN (no public URL needed; what app-manifest.yml sets up);
 * - `http`: SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET, listening on PORT for /slack/events;
 * - `emulator`: nothing set — the same app wired to the built-in Slack emulator, driven from the terminal.
 */
export type SlackMode =
  | { kind: 'socket'; botToken: string; appToken: string; signingSecret?: string }
  | { kind: 'http'; botToken: string; signingSecret: string; port: number }
  | {
      kind: 'oauth';
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      signingSecret: string;
      port: number;
    }
  | { kind: 'emulator' };

/** Where the register is: a file (the default), or a PostgreSQL database. */
export type StoreSetting = { kind: 'file'; path: string } | { kind: 'postgres'; url: string };

/**
 * Where the register's hash key comes from: PROSPECT_GUARD_HASH_KEY, the secret itself (32 characters or more),
 * else PROSPECT_GUARD_HASH_KEY_FILE, a key file in hex (how PostgreSQL replicas share the key a file store made).
 * A file store given no secret keeps its own key file beside it. The stores make the key (store/key.ts).
 */
export interface HashKeySetting {
  secret?: string;
  file?: string;
}

export interface Config {
  slack: SlackMode;
  /** Base URL of the Slack Web API, ending with a slash; undefined means Slack's own. */
  slackApiUrl?: string;
  /** The store: a file path (the default), or a PostgreSQL URL (postgres://…); `store` says which. */
  dbPath: string;
  store: StoreSetting;
  hashKey: HashKeySetting;
  policyPath: string;
  /** PROSPECT_GUARD_DEBUG: an internal error shows its stack. */
  debug: boolean;
  /** The HTTP API for CRMs and sequencers: on when PROSPECT_GUARD_API_PORT is set. */
  api?: {
    port: number;
    /** The interface it listens on: every one by default (behind a proxy), 127.0.0.1 for this machine only. */
    host?: string;
    rateLimit: number;
    hubspot?: { clientSecret: string; accessToken: string; apiUrl: string; portalId?: number };
  };
  /** The compliance console: on when PROSPECT_GUARD_WEB_PORT is set; 127.0.0.1 unless PROSPECT_GUARD_WEB_HOST. */
  web?: WebSettings;
}

export interface WebSettings {
  port: number;
  host: string;
  /** Served over https (PROSPECT_GUARD_WEB_URL): the cookies are Secure. */
  secure: boolean;
  /** PROSPECT_GUARD_WEB_URL: the address people type, under which Slack sends them back after signing in. */
  url?: string;
  /** Sign in with Slack (every mode but the emulator's): the app's client id and secret. */
  signIn?: { clientId: string; clientSecret: string };
}

/** A configuration problem, told in one line a person can act on. */
export class ConfigError extends Error {}

const SLACK_VARS = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const;

function token(env: NodeJS.ProcessEnv, name: string, prefix: string, what: string): string {
  const value = env[name]?.trim() ?? '';
  if (!value.startsWith(prefix) || value.length < prefix.length + 8 || /\s/.test(value)) {
    throw new ConfigError(
      `${name} must be ${what} starting with "${prefix}" (Slack app settings → ${prefix === 'xapp-' ? 'Basic Information → App-Level Tokens' : 'OAuth & Permissions'})`,
    );
  }
  return value;
}

function port(raw: string | undefined, name = 'PORT'): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ConfigError(`${name} must be a whole number between 1 and 65535, not "${raw}"`);
  }
  return value;
}

/** PROSPECT_GUARD_API_PORT turns the API on; PROSPECT_GUARD_API_RATE_LIMIT is per key, per minute (600). */
function apiSettings(env: NodeJS.ProcessEnv): Config['api'] {
  if (!env.PROSPECT_GUARD_API_PORT?.trim()) return undefined;
  const raw = env.PROSPECT_GUARD_API_RATE_LIMIT?.trim();
  const rateLimit = raw ? Number(raw) : 600;
  if (!Number.isInteger(rateLimit) || rateLimit < 1)
    throw new ConfigError(
      `PROSPECT_GUARD_API_RATE_LIMIT must be a whole number of requests a minute, not "${raw}"`,
    );
  const [clientSecret, accessToken] = [env.HUBSPOT_CLIENT_SECRET?.trim(), env.HUBSPOT_ACCESS_TOKEN?.trim()];
  if (Boolean(clientSecret) !== Boolean(accessToken))
    throw new ConfigError(
      'HubSpot needs both HUBSPOT_CLIENT_SECRET (signatures) and HUBSPOT_ACCESS_TOKEN (look-ups)',
    );
  const apiUrl = env.HUBSPOT_API_URL?.trim() || 'https://api.hubapi.com';
  // The token travels to it: https, or http to this machine only (a test's fake HubSpot).
  if (!/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(apiUrl))
    throw new ConfigError(`HUBSPOT_API_URL must be an https:// address, not "${apiUrl}"`);
  const portalRaw = env.HUBSPOT_PORTAL_ID?.trim();
  if (portalRaw && !/^\d+$/.test(portalRaw))
    throw new ConfigError(`HUBSPOT_PORTAL_ID must be the number of your HubSpot account, not "${portalRaw}"`);
  const host = env.PROSPECT_GUARD_API_HOST?.trim();
  return {
    port: port(env.PROSPECT_GUARD_API_PORT, 'PROSPECT_GUARD_API_PORT'),
    ...(host ? { host } : {}),
    rateLimit,
    ...(clientSecret && accessToken
      ? {
          hubspot: {
            clientSecret,
            accessToken,
            apiUrl,
            ...(portalRaw ? { portalId: Number(portalRaw) } : {}),
          },
        }
      : {}),
  };
}

function apiUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`SLACK_API_URL must be a URL such as https://slack.com/api/, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`SLACK_API_URL must start with http:// or https://, not "${url.protocol}"`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * Many workspaces: SLACK_CLIENT_ID + SLACK_CLIENT_SECRET + SLACK_STATE_SECRET + SLACK_SIGNING_SECRET, no bot
 * token (each workspace's comes from its installation), HTTP mode with /slack/install and /slack/oauth_redirect.
 */
function oauthMode(env: NodeJS.ProcessEnv): SlackMode {
  if (env.SLACK_BOT_TOKEN?.trim())
    throw new ConfigError(
      'SLACK_CLIENT_ID is set with SLACK_BOT_TOKEN: choose one workspace (the token) or many (OAuth)',
    );
  const value = (name: string) => {
    const v = env[name]?.trim();
    if (!v)
      throw new ConfigError(`SLACK_CLIENT_ID is set but ${name} is not (OAuth install for many workspaces)`);
    return v;
  };
  const signingSecret = value('SLACK_SIGNING_SECRET');
  if (!/^[0-9a-f]{32}$/i.test(signingSecret))
    throw new ConfigError(
      'SLACK_SIGNING_SECRET must be the 32 hexadecimal characters of Basic Information → Signing Secret',
    );
  const stateSecret = value('SLACK_STATE_SECRET');
  if (stateSecret.length < 16) throw new ConfigError('SLACK_STATE_SECRET must be at least 16 characters');
  return {
    kind: 'oauth',
    clientId: value('SLACK_CLIENT_ID'),
    clientSecret: value('SLACK_CLIENT_SECRET'),
    stateSecret,
    signingSecret,
    port: port(env.PORT),
  };
}

function slackMode(env: NodeJS.ProcessEnv): SlackMode {
  // With one bot token, a client id is for Sign in with Slack (the console); without, it installs many workspaces.
  const oneToken = Boolean(env.SLACK_BOT_TOKEN?.trim()) && !env.SLACK_STATE_SECRET?.trim();
  if (env.SLACK_CLIENT_ID?.trim() && !oneToken) return oauthMode(env);
  const set = SLACK_VARS.filter((name) => env[name]?.trim());
  if (set.length === 0) return { kind: 'emulator' };
  if (!set.includes('SLACK_BOT_TOKEN')) {
    throw new ConfigError(
      `${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set but SLACK_BOT_TOKEN is not`,
    );
  }
  const botToken = token(env, 'SLACK_BOT_TOKEN', 'xoxb-', 'a bot token');
  const signingSecret = env.SLACK_SIGNING_SECRET?.trim() || undefined;
  if (signingSecret !== undefined && !/^[0-9a-f]{32}$/i.test(signingSecret)) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET must be the 32 hexadecimal characters of Basic Information → Signing Secret',
    );
  }
  if (env.SLACK_APP_TOKEN?.trim()) {
    return {
      kind: 'socket',
      botToken,
      appToken: token(env, 'SLACK_APP_TOKEN', 'xapp-', 'an app-level token'),
      signingSecret,
    };
  }
  if (signingSecret) return { kind: 'http', botToken, signingSecret, port: port(env.PORT) };
  throw new ConfigError(
    'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is',
  );
}

/**
 * Where the store and the policy are: the only settings the command line needs. The store is PostgreSQL when
 * PROSPECT_GUARD_DATABASE_URL (or DATABASE_URL) is set, else the file at PROSPECT_GUARD_DB.
 */
export function readPaths(
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Pick<Config, 'dbPath' | 'policyPath'> {
  const database = env.PROSPECT_GUARD_DATABASE_URL?.trim() || env.DATABASE_URL?.trim();
  if (database && !/^postgres(ql)?:\/\//i.test(database))
    throw new ConfigError(
      `${env.PROSPECT_GUARD_DATABASE_URL?.trim() ? 'PROSPECT_GUARD_DATABASE_URL' : 'DATABASE_URL'} must be a PostgreSQL URL (postgres://user:password@host:5432/database)`,
    );
  return {
    dbPath: database || resolve(cwd, env.PROSPECT_GUARD_DB?.trim() || 'data/prospect-guard.json'),
    policyPath: resolve(cwd, env.PROSPECT_GUARD_POLICY?.trim() || 'policy.yaml'),
  };
}

/** The hash key's setting, as the stores take it (the variables are read here, never in a store). */
export function readHashKey(env: NodeJS.ProcessEnv): HashKeySetting {
  const secret = env.PROSPECT_GUARD_HASH_KEY ?? '';
  const file = env.PROSPECT_GUARD_HASH_KEY_FILE ?? '';
  return { ...(secret !== '' ? { secret } : {}), ...(file !== '' ? { file } : {}) };
}

/** The setting as the variables it was read from, for what still takes an environment (a workspace's layout). */
export function hashKeyVariables(setting: HashKeySetting): NodeJS.ProcessEnv {
  return {
    ...(setting.secret ? { PROSPECT_GUARD_HASH_KEY: setting.secret } : {}),
    ...(setting.file ? { PROSPECT_GUARD_HASH_KEY_FILE: setting.file } : {}),
  };
}

/** What the store needs: where it is, its hash key, and whether errors show their stack. */
export function readStoreSettings(
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Pick<Config, 'dbPath' | 'policyPath' | 'store' | 'hashKey' | 'debug'> {
  const paths = readPaths(env, cwd);
  const store: StoreSetting = /^postgres(ql)?:\/\//i.test(paths.dbPath)
    ? { kind: 'postgres', url: paths.dbPath }
    : { kind: 'file', path: paths.dbPath };
  return { ...paths, store, hashKey: readHashKey(env), debug: Boolean(env.PROSPECT_GUARD_DEBUG) };
}

/** PROSPECT_GUARD_WEB_URL, the address people type (https behind a proxy), makes the session cookie Secure. */
function webSettings(env: NodeJS.ProcessEnv, slack: SlackMode): Config['web'] {
  if (!env.PROSPECT_GUARD_WEB_PORT?.trim()) return undefined;
  const url = env.PROSPECT_GUARD_WEB_URL?.trim() ?? '';
  if (url && !/^https?:\/\/[^\s/]+/.test(url))
    throw new ConfigError(`PROSPECT_GUARD_WEB_URL must be an https:// address, not "${url}"`);
  const web = {
    port: port(env.PROSPECT_GUARD_WEB_PORT, 'PROSPECT_GUARD_WEB_PORT'),
    host: env.PROSPECT_GUARD_WEB_HOST?.trim() || '127.0.0.1',
    secure: url.startsWith('https://'),
    ...(url ? { url } : {}),
  };
  if (slack.kind === 'emulator') return web;
  // Outside the emulator people sign in with Slack: Slack sends them back to PROSPECT_GUARD_WEB_URL.
  const clientId = env.SLACK_CLIENT_ID?.trim();
  const clientSecret = env.SLACK_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret || !url)
    throw new ConfigError(
      'the compliance console signs people in with Slack: set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Basic Information → App Credentials) and PROSPECT_GUARD_WEB_URL (the address people type, listed in OAuth & Permissions → Redirect URLs as …/signin/slack/callback)',
    );
  return { ...web, signIn: { clientId, clientSecret } };
}

/** Reads and checks every setting in one place; `cwd` resolves relative paths. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const api = apiSettings(env);
  const slack = slackMode(env);
  const web = webSettings(env, slack);
  return {
    slack,
    slackApiUrl: apiUrl(env.SLACK_API_URL),
    ...readStoreSettings(env, cwd),
    ...(api ? { api } : {}),
    ...(web ? { web } : {}),
  };
}
