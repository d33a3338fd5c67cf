/**
 * Web sign-in state: a signed session cookie (HMAC-SHA256, HttpOnly, SameSite=Lax) holding the
 * userid, a session id and a CSRF token, and one-time admin links for local use. The cookie
 * carries no roles: the person is looked up in the directory on every request, so a role change
 * applies at once. Signing out records the session id as revoked in the shared database
 * (SessionRevocations, domain/session.port.ts), so the cookie stops working on every instance,
 * not only in this browser.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const SESSION_COOKIE = 'tt_session';
/** A working day and a bit: people sign in again each morning. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/** How long a printed admin link stays usable. */
export const LINK_TTL_MS = 30 * 60_000;

/** Signed in through the admin link (not a directory person) or through WeCom as `userid`. */
export interface Session {
  /** Random id, revoked on sign-out. */
  sid: string;
  userid: string;
  admin: boolean;
  csrf: string;
  /** Epoch ms. */
  exp: number;
}

const sessionSchema = z.strictObject({
  sid: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  userid: z.string().min(1).max(64),
  admin: z.boolean(),
  csrf: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/),
  exp: z.number().int(),
});

const token = (bytes = 24): string => randomBytes(bytes).toString('base64url');

/** Signed-out sessions, shared by all instances (store/session-revocation.repository.ts). */
export interface SessionKeeper {
  issue(userid: string, admin: boolean, now: number): { cookie: string; session: Session };
  /** The session a cookie value proves, or undefined when forged, malformed or expired. */
  verify(cookie: string | undefined, now: number): Session | undefined;
  /** A one-time sign-in token for the admin link. */
  createLinkToken(now: number): string;
  /** True once per token, within its lifetime. */
  consumeLinkToken(t: string, now: number): boolean;
}

/** `secret` signs cookies; a random one (the default) ends every session when the process restarts. */
export function createSessionKeeper(secret: Buffer = randomBytes(32)): SessionKeeper {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  const links = new Map<string, number>();
  return {
    issue(userid, admin, now) {
      const session: Session = { sid: token(18), userid, admin, csrf: token(), exp: now + SESSION_TTL_MS };
      const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
      return { cookie: `${payload}.${sign(payload)}`, session };
    },
    verify(cookie, now) {
      if (!cookie || cookie.length > 1024) return undefined;
      const [payload, mac] = cookie.split('.');
      if (!payload || !mac) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
      const s = sessionSchema.safeParse(parsed);
      return s.success && s.data.exp > now ? s.data : undefined;
    },
    createLinkToken(now) {
      for (const [t, exp] of links) if (exp <= now) links.delete(t);
      const t = token(32);
      links.set(t, now + LINK_TTL_MS);
      return t;
    },
    consumeLinkToken(t, now) {
      const exp = links.get(t);
      links.delete(t);
      return exp !== undefined && exp > now;
    },
  };
}

/** Constant-time comparison of a submitted CSRF token with the session's. */
export function csrfMatches(session: Session, submitted: string | undefined): boolean {
  if (!submitted) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}
