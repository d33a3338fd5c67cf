/**
 * One HTTP exchange with a WeCom endpoint (the app API or a group robot's webhook), every
 * failure classified the same way: network, HTTP status, a body that is not JSON, errcode -1
 * (busy), 45009/45033 (frequency limits: wait before trying again), anything else final.
 */
import { WecomApiError } from './errors.js';

export interface WecomResponse {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

export interface ExchangeOptions {
  /** The path named in errors and logs: never the query, which may carry a token or a key. */
  path: string;
  timeoutMs: number;
  /** How long a frequency limit asks callers to wait. */
  rateLimitBackoffMs: number;
}

export async function wecomExchange(url: string, init: RequestInit, o: ExchangeOptions): Promise<WecomResponse> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(o.timeoutMs) });
  } catch (err) {
    throw new WecomApiError(o.path, -2, `network: ${(err as Error).message}`, true);
  }
  if (!res.ok) throw new WecomApiError(o.path, -3, `HTTP ${res.status}`, res.status >= 500 || res.status === 429);
  let body: WecomResponse;
  try {
    body = (await res.json()) as WecomResponse;
  } catch {
    throw new WecomApiError(o.path, -4, 'response is not JSON', true);
  }
  const errcode = body.errcode ?? 0;
  if (errcode === 0) return body;
  const errmsg = String(body.errmsg ?? '');
  if (errcode === -1) throw new WecomApiError(o.path, errcode, errmsg, true);
  if (errcode === 45009 || errcode === 45033) throw new WecomApiError(o.path, errcode, errmsg, true, o.rateLimitBackoffMs);
  throw new WecomApiError(o.path, errcode, errmsg, false);
}
