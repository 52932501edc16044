import { createHash, randomBytes } from 'node:crypto';
import { WebClient } from '@slack/web-api';

/**
 * Sign in with Slack (OpenID Connect, https://docs.slack.dev/authentication/sign-in-with-slack): the console
 * sends the browser to Slack with a `state` (bound to a cookie of this browser) and a `nonce`; Slack sends it
 * back with a code, exchanged here for an ID token at `openid.connect.token`. The token comes straight from
 * Slack over TLS, so its claims are checked (issuer, audience, expiry, nonce) rather than its signature (OpenID
 * Connect Core 3.1.3.7, item 6), and the identity is read again from `openid.connect.userInfo` with the access
 * token: both must name the same user and team.
 */

export interface SlackSignInSettings {
  clientId: string;
  clientSecret: string;
  /** The address people type for the console (PROSPECT_GUARD_WEB_URL); the callback is under it. */
  webUrl: string;
  /** Slack's Web API (SLACK_API_URL in tests); the authorize page is always slack.com's. */
  slackApiUrl?: string;
}

/** Who Slack says signed in. */
export interface SlackIdentity {
  userId: string;
  teamId: string;
  enterpriseId?: string;
}

/** Why a sign-in was not accepted (logged as such; the person reads one sentence). */
export type SignInFailure =
  | 'state' // no flow started in this browser, expired, or another browser's
  | 'denied' // the person cancelled on Slack's page
  | 'exchange' // Slack refused the code or could not be reached
  | 'token'; // the ID token is not for us, expired, or its nonce is not ours

export class SignInError extends Error {
  constructor(readonly reason: SignInFailure) {
    super(`sign in with Slack refused: ${reason}`);
  }
}

export const ISSUER = 'https://slack.com';
const AUTHORIZE = 'https://slack.com/openid/connect/authorize';
/** Time to click through Slack's page. */
export const FLOW_MS = 10 * 60 * 1000;
/** Clocks differ: an ID token a minute past its expiry is still taken. */
const SKEW_S = 60;
/**
 * Flows started but not finished, at most: anyone may start one without signing in, so the oldest goes first
 * beyond this (its browser starts again), and memory and time per request stay bounded under a flood.
 */
export const MAX_FLOWS = 10_000;

const random = () => randomBytes(32).toString('base64url');
const digest = (value: string) => createHash('sha256').update(value).digest('hex');

export class SlackSignIn {
  /** Flows started, by hashed state: their nonce and when they lapse. */
  private readonly flows = new Map<string, { nonce: string; expires: number }>();

  constructor(
    private readonly settings: SlackSignInSettings,
    private readonly now: () => number = Date.now,
  ) {}

  get redirectUri(): string {
    return `${this.settings.webUrl.replace(/\/+$/, '')}/signin/slack/callback`;
  }

  /** A new flow: the state to keep in the browser's cookie, and Slack's page to send it to. */
  start(team?: string): { state: string; url: string } {
    this.sweep();
    while (this.flows.size >= MAX_FLOWS) this.flows.delete(this.flows.keys().next().value as string);
    const state = random();
    const nonce = random();
    this.flows.set(digest(state), { nonce, expires: this.now() + FLOW_MS });
    const url = new URL(AUTHORIZE);
    url.search = new URLSearchParams({
      response_type: 'code',
      scope: 'openid profile',
      client_id: this.settings.clientId,
      state,
      nonce,
      redirect_uri: this.redirectUri,
      ...(team ? { team } : {}),
    }).toString();
    return { state, url: url.toString() };
  }

  /** Slack's answer: the state must be this browser's flow (spent at once), then the code is exchanged. */
  async finish(
    query: { code?: string; state?: string; error?: string },
    cookieState?: string,
  ): Promise<SlackIdentity> {
    const flow = this.claim(query.state, cookieState);
    if (query.error) throw new SignInError('denied');
    if (!query.code) throw new SignInError('exchange');
    const client = new WebClient(undefined, {
      slackApiUrl: this.settings.slackApiUrl,
      retryConfig: { retries: 1 },
    });
    const tokens = await client.openid.connect
      .token({
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
        code: query.code,
        redirect_uri: this.redirectUri,
        grant_type: 'authorization_code',
      })
      .catch(() => {
        throw new SignInError('exchange');
      });
    const claims = this.checkedClaims(tokens.id_token, flow.nonce);
    const info = await client.openid.connect.userInfo({ token: tokens.access_token }).catch(() => {
      throw new SignInError('exchange');
    });
    const identity = identityOf(claims);
    const again = identityOf(info as unknown as Record<string, unknown>);
    const same = (['userId', 'teamId', 'enterpriseId'] as const).every((k) => again[k] === identity[k]);
    if (!same) throw new SignInError('token');
    return identity;
  }

  private claim(state: string | undefined, cookieState: string | undefined) {
    if (!state || state !== cookieState) throw new SignInError('state');
    const key = digest(state);
    const flow = this.flows.get(key);
    this.flows.delete(key);
    if (!flow || flow.expires <= this.now()) throw new SignInError('state');
    return flow;
  }

  private checkedClaims(idToken: string | undefined, nonce: string): Record<string, unknown> {
    const claims = payloadOf(idToken);
    const id = this.settings.clientId;
    // For us alone: an audience of several must name us as the party it was issued to (OIDC Core 3.1.3.7).
    const audience = claims.aud;
    const ours = Array.isArray(audience)
      ? audience.includes(id) && (audience.length === 1 || claims.azp === id)
      : audience === id;
    const issuedTo = claims.azp === undefined || claims.azp === id;
    const nowS = this.now() / 1000;
    const expires = typeof claims.exp === 'number' ? claims.exp : 0;
    const issued = typeof claims.iat === 'number' ? claims.iat : nowS;
    const timely = expires + SKEW_S > nowS && issued - SKEW_S <= nowS;
    const subject = typeof claims.sub === 'string' && claims.sub !== '';
    if (claims.iss !== ISSUER || !ours || !issuedTo || !timely || !subject || claims.nonce !== nonce)
      throw new SignInError('token');
    return claims;
  }

  /** Flows lapse in the order they began (one lifetime for all): only the lapsed ones at the front are read. */
  private sweep(): void {
    for (const [key, flow] of this.flows) {
      if (flow.expires > this.now()) return;
      this.flows.delete(key);
    }
  }
}

/** The claims of a JWT (header.payload.signature), or a refusal for anything else. */
function payloadOf(token: string | undefined): Record<string, unknown> {
  const part = token?.split('.')[1];
  if (!part) throw new SignInError('token');
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (claims && typeof claims === 'object') return claims as Record<string, unknown>;
  } catch {
    // Not JSON: refused below.
  }
  throw new SignInError('token');
}

function identityOf(claims: Record<string, unknown>): SlackIdentity {
  const userId = claims['https://slack.com/user_id'];
  const teamId = claims['https://slack.com/team_id'];
  const enterpriseId = claims['https://slack.com/enterprise_id'];
  if (typeof userId !== 'string' || typeof teamId !== 'string' || !userId || !teamId)
    throw new SignInError('token');
  if (typeof claims.sub === 'string' && claims.sub !== userId) throw new SignInError('token');
  return { userId, teamId, ...(typeof enterpriseId === 'string' && enterpriseId ? { enterpriseId } : {}) };
}
