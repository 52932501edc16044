import { randomBytes } from 'node:crypto';
import { TEAM_ID } from './workspace.ts';

/**
 * Sign in with Slack as the fake Slack plays it: `authorize(url, user)` stands for a person approving on Slack's
 * page (it reads the console's client id and nonce from the authorize URL, as Slack would) and gives the code
 * the browser brings back; `openid.connect.token` trades the code, once, for an ID token and an access token.
 * Tests may alter the claims to play a token that is not for us.
 */
export interface FakeSignIn {
  userId: string;
  teamId?: string;
  enterpriseId?: string;
  /** Claims to put in, or to override (aud, exp, iss, nonce), in the ID token. */
  claims?: Record<string, unknown>;
  /** What userInfo says, if it says something else than the ID token. */
  userInfo?: Record<string, unknown>;
}

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class FakeOpenId {
  private readonly codes = new Map<
    string,
    { claims: Record<string, unknown>; info: Record<string, unknown> }
  >();
  private readonly tokens = new Map<string, Record<string, unknown>>();

  /** The code Slack would give back to the console's redirect URI after this user approved. */
  authorize(authorizeUrl: string, who: FakeSignIn): string {
    const query = new URL(authorizeUrl).searchParams;
    const identity = {
      'https://slack.com/user_id': who.userId,
      'https://slack.com/team_id': who.teamId ?? TEAM_ID,
      ...(who.enterpriseId ? { 'https://slack.com/enterprise_id': who.enterpriseId } : {}),
    };
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'https://slack.com',
      sub: who.userId,
      aud: query.get('client_id'),
      exp: now + 3600,
      iat: now,
      auth_time: now,
      nonce: query.get('nonce'),
      ...identity,
      ...who.claims,
    };
    const code = randomBytes(12).toString('hex');
    this.codes.set(code, { claims, info: { sub: who.userId, ...identity, ...who.userInfo } });
    return code;
  }

  handlers(): Record<string, Handler> {
    return {
      'openid.connect.token': (args) => {
        const granted = this.codes.get(String(args.code ?? ''));
        this.codes.delete(String(args.code ?? ''));
        if (!granted || !args.client_secret) return { ok: false, error: 'invalid_code' };
        const accessToken = `xoxp-${randomBytes(8).toString('hex')}`;
        this.tokens.set(accessToken, granted.info);
        const idToken = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(granted.claims)}.c2lnbmF0dXJl`;
        return { access_token: accessToken, token_type: 'Bearer', id_token: idToken };
      },
      'openid.connect.userInfo': (args) => {
        const info = this.tokens.get(String(args.token ?? ''));
        return info ?? { ok: false, error: 'invalid_auth' };
      },
    };
  }
}
