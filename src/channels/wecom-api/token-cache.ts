/**
 * One access token per app, shared by every caller: concurrent callers wait on the same
 * fetch, and the token is renewed a margin before WeCom's expires_in runs out.
 */
export interface FetchedToken {
  token: string;
  /** Seconds, as WeCom's expires_in. */
  expiresIn: number;
}

export interface TokenCache {
  get(): Promise<string>;
  /** Drop `token` if it is still the cached one (WeCom said it is invalid or expired). */
  invalidate(token: string): void;
}

/** Renew this long before expiry so a request never carries a token about to lapse. */
const RENEW_MARGIN_MS = 300_000;

export function createTokenCache(fetchToken: () => Promise<FetchedToken>, now: () => number = Date.now): TokenCache {
  let current: { token: string; renewAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  return {
    get() {
      if (current && now() < current.renewAt) return Promise.resolve(current.token);
      inflight ??= fetchToken()
        .then(({ token, expiresIn }) => {
          current = { token, renewAt: now() + Math.max(expiresIn * 1000 - RENEW_MARGIN_MS, expiresIn * 500) };
          return token;
        })
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}
