/** Errors from WeCom's HTTP API, classified so callers know whether to retry. */
import { AppError } from '../../shared/app-error.js';

/** errcodes meaning "the access token is no good: fetch a new one and try again". */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 41001, 42001]);

/** WeCom's answer carried errcode ≠ 0, or the HTTP call failed. */
export class WecomApiError extends AppError {
  constructor(
    readonly path: string,
    readonly errcode: number,
    errmsg: string,
    /** Worth trying again later (system busy, HTTP 5xx, network, rate limit). */
    readonly transient: boolean,
    /** When set, do not try again before this many ms (frequency limits). */
    readonly retryAfterMs?: number,
  ) {
    super('wecom.api', `WeCom ${path} failed: errcode ${errcode} ${errmsg}`);
  }
}

/** Our own throttle refused to send now: WeCom would silently drop the message. */
export class ThrottledError extends AppError {
  constructor(
    readonly bucket: string,
    readonly retryAfterMs: number,
  ) {
    super('wecom.throttled', `throttled ${bucket}: retry in ${retryAfterMs} ms`);
  }
}

/** How long a failure asks us to wait, or undefined when it is not worth retrying at all. */
export function retryAfter(err: unknown): { transient: boolean; retryAfterMs?: number } {
  if (err instanceof ThrottledError) return { transient: true, retryAfterMs: err.retryAfterMs };
  if (err instanceof WecomApiError) return { transient: err.transient, retryAfterMs: err.retryAfterMs };
  return { transient: true };
}
