import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A signed-in person: the Slack user they are, in which workspace, and their form token. */
export interface Session {
  teamId: string;
  userId: string;
  /** The CSRF token every form of this session carries. */
  csrf: string;
  expires: number;
}

/** A session lasts a working day, then the person signs in again. */
export const SESSION_MS = 8 * 60 * 60 * 1000;
/** A one-time sign-in link (the emulator's `:web`) is good for ten minutes, once. */
export const LINK_MS = 10 * 60 * 1000;

const token = () => randomBytes(32).toString('base64url');
/** Only the hash of a token is kept: a memory dump does not sign anyone in. */
const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Sessions and one-time sign-in links, in this process: a restart signs everyone out, which a console that
 * shows personal data can afford. Tokens are random (256 bits) and kept hashed.
 */
export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly links = new Map<string, { teamId: string; userId: string; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A link token for this user, good once within LINK_MS. */
  link(teamId: string, userId: string): string {
    const value = token();
    this.links.set(digest(value), { teamId, userId, expires: this.now() + LINK_MS });
    return value;
  }

  /** The session a link opens (the link is spent), or undefined for a spent, expired or unknown link. */
  redeem(linkToken: string): { token: string; session: Session } | undefined {
    const key = digest(linkToken);
    const link = this.links.get(key);
    this.links.delete(key);
    if (!link || link.expires <= this.now()) return undefined;
    return this.open(link.teamId, link.userId);
  }

  /** A new session for a user whose identity was proved (a link, Sign in with Slack). */
  open(teamId: string, userId: string): { token: string; session: Session } {
    this.sweep();
    const value = token();
    const session = { teamId, userId, csrf: token(), expires: this.now() + SESSION_MS };
    this.sessions.set(digest(value), session);
    return { token: value, session };
  }

  find(sessionToken: string | undefined): Session | undefined {
    if (!sessionToken) return undefined;
    const session = this.sessions.get(digest(sessionToken));
    if (!session) return undefined;
    if (session.expires > this.now()) return session;
    this.sessions.delete(digest(sessionToken));
    return undefined;
  }

  close(sessionToken: string | undefined): void {
    if (sessionToken) this.sessions.delete(digest(sessionToken));
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, session] of this.sessions) if (session.expires <= now) this.sessions.delete(key);
    for (const [key, link] of this.links) if (link.expires <= now) this.links.delete(key);
  }
}

/** Whether a submitted CSRF token is the session's (compared in constant time). */
export function csrfMatches(session: Session, submitted: string | undefined): boolean {
  if (!submitted) return false;
  const [a, b] = [Buffer.from(session.csrf), Buffer.from(submitted)];
  return a.length === b.length && timingSafeEqual(a, b);
}
