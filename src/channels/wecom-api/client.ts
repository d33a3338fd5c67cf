/**
 * A small typed client for the WeCom server API (base URL from config): access token,
 * message/send, message/update_template_card, appchat/send, and auth/getuserinfo for web sign-in.
 * One client per app, so the app's single access token is shared by every caller.
 * Transient failures (errcode -1, HTTP 5xx, network) are retried with backoff here;
 * token errors renew the token once; 45009 and our own throttle surface as errors that
 * carry a retry-after, so a durable caller (the outbox) can wait without blocking.
 */
import type { Logger } from 'pino';
import type { ButtonCard } from '../../shared/outbound.js';
import { TOKEN_ERRCODES, ThrottledError, WecomApiError } from './errors.js';
import { wecomExchange, type WecomResponse } from './exchange.js';
import { createThrottle, MEMBER_LIMITS, type Throttle } from './throttle.js';
import { createTokenCache, type TokenCache } from './token-cache.js';
import { toTemplateCard } from './template-card.js';

/** message/send's longest duplicate-check interval (4 h): a resend after any outage is still caught. */
const DUPLICATE_CHECK_SECONDS = 4 * 3600;

export interface WecomApiConfig {
  corpId: string;
  agentId: number;
  secret: string;
  apiBase: string;
}

export interface WecomApiOptions {
  log?: Logger;
  /** Attempts for transient failures, including the first. Default 3 (WeCom: retry -1 at most 3 times). */
  attempts?: number;
  /** First backoff in ms, doubled each time. Default 200. */
  backoffMs?: number;
  /** How long a 45009 (frequency limit) asks callers to wait. Default 60 s, WeCom's block length. */
  rateLimitBackoffMs?: number;
  /** Per-member send throttle; default 30/min and 1000/h. */
  throttle?: Throttle;
  /** Per-request timeout in ms. Default 10 s. */
  timeoutMs?: number;
  /** Told of every failed call (before any retry), for metrics. */
  onError?: (err: WecomApiError) => void;
}

export type AppMessage = { msgtype: 'text'; text: string } | { msgtype: 'markdown'; markdown: string } | { msgtype: 'card'; card: ButtonCard };

export interface SendResult {
  msgid?: string;
  /** Lets us update this card once (72 h). */
  responseCode?: string;
  invalidUser?: string;
}

export interface WecomApiClient {
  /** message/send to one member. */
  /** `duplicateCheck`: WeCom drops it if the same message went to this member within 4 h (a resend). */
  sendToUser(userid: string, message: AppMessage, o?: { duplicateCheck?: boolean }): Promise<SendResult>;
  /** message/update_template_card: show `replaceName` on the clicked card's buttons. */
  updateButton(userid: string, responseCode: string, replaceName: string): Promise<void>;
  /** message/update_template_card with a whole new card. */
  updateCard(userid: string, responseCode: string, card: ButtonCard): Promise<void>;
  /** appchat/send to a chat this app created. */
  sendToChat(chatId: string, message: Exclude<AppMessage, { msgtype: 'card' }>): Promise<void>;
  /**
   * auth/getuserinfo: the member's userid for a web sign-in (OAuth) code; undefined when the code
   * is invalid or belongs to someone outside the corp (they get an openid, not a userid).
   */
  userIdFromCode(code: string): Promise<string | undefined>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createWecomApiClient(config: WecomApiConfig, options: WecomApiOptions = {}): WecomApiClient {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 200;
  const rateLimitBackoffMs = options.rateLimitBackoffMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const throttle = options.throttle ?? createThrottle(MEMBER_LIMITS);
  const log = options.log;

  /** One HTTP exchange; every failure becomes a classified WecomApiError. */
  const exchange = (path: string, init: RequestInit): Promise<WecomResponse> =>
    wecomExchange(`${config.apiBase}${path}`, init, { path: stripQuery(path), timeoutMs, rateLimitBackoffMs });

  /** Retries transient failures with exponential backoff; rate limits are left to the caller. */
  async function withRetry<T>(what: string, fn: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(attempt);
      } catch (err) {
        const e = err as WecomApiError;
        if (e instanceof WecomApiError) options.onError?.(e);
        if (!(e instanceof WecomApiError) || !e.transient || e.retryAfterMs !== undefined || attempt >= attempts) throw err;
        log?.warn({ what, errcode: e.errcode, attempt }, 'wecom api transient failure, retrying');
        await sleep(backoffMs * 2 ** (attempt - 1));
      }
    }
  }

  const tokens: TokenCache = createTokenCache(() =>
    withRetry('gettoken', async () => {
      const q = new URLSearchParams({ corpid: config.corpId, corpsecret: config.secret });
      const body = await exchange(`/cgi-bin/gettoken?${q}`, { method: 'GET' });
      if (typeof body.access_token !== 'string' || body.access_token === '') throw new WecomApiError('/cgi-bin/gettoken', -4, 'no access_token', true);
      log?.info({ expiresIn: body.expires_in }, 'wecom access token fetched');
      return { token: body.access_token, expiresIn: Number(body.expires_in ?? 7200) };
    }),
  );

  /**
   * A call with the cached token (POST with `payload`, else GET); on a token error renew it once.
   * `payload` may depend on whether this is a retry: a request that timed out may have been
   * carried out by WeCom all the same.
   */
  async function call(path: string, payload?: unknown | ((retry: boolean) => unknown), query: Record<string, string> = {}): Promise<WecomResponse> {
    return withRetry(path, async (attempt) => {
      for (let renewed = false; ; renewed = true) {
        const token = await tokens.get();
        const q = new URLSearchParams({ access_token: token, ...query });
        const body = typeof payload === 'function' ? payload(attempt > 1) : payload;
        try {
          return await exchange(
            `${path}?${q}`,
            body === undefined ? { method: 'GET' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
          );
        } catch (err) {
          if (err instanceof WecomApiError && TOKEN_ERRCODES.has(err.errcode) && !renewed) {
            log?.info({ path, errcode: err.errcode }, 'wecom access token rejected, renewing');
            tokens.invalidate(token);
            continue;
          }
          throw err;
        }
      }
    });
  }

  function messageFields(m: AppMessage): Record<string, unknown> {
    switch (m.msgtype) {
      case 'text':
        return { msgtype: 'text', text: { content: m.text } };
      case 'markdown':
        return { msgtype: 'markdown', markdown: { content: m.markdown } };
      case 'card':
        return { msgtype: 'template_card', template_card: toTemplateCard(m.card) };
    }
  }

  function throttled(bucket: string): void {
    const wait = throttle.take(bucket);
    if (wait > 0) throw new ThrottledError(bucket, wait);
  }

  return {
    async sendToUser(userid, message, o = {}) {
      throttled(`user:${userid}`);
      const check = { enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_CHECK_SECONDS };
      // A retry after a timeout or a lost answer may follow a send WeCom did carry out.
      const body = await call('/cgi-bin/message/send', (retry: boolean) => ({
        touser: userid,
        agentid: config.agentId,
        ...messageFields(message),
        ...((o.duplicateCheck || retry) && check),
      }));
      if (body.invaliduser) log?.warn({ invaliduser: body.invaliduser }, 'wecom message/send: recipient invalid');
      return {
        msgid: body.msgid as string | undefined,
        responseCode: body.response_code as string | undefined,
        invalidUser: (body.invaliduser as string | undefined) || undefined,
      };
    },
    async updateButton(userid, responseCode, replaceName) {
      await call('/cgi-bin/message/update_template_card', {
        userids: [userid],
        agentid: config.agentId,
        response_code: responseCode,
        button: { replace_name: replaceName },
      });
    },
    async updateCard(userid, responseCode, card) {
      await call('/cgi-bin/message/update_template_card', {
        userids: [userid],
        agentid: config.agentId,
        response_code: responseCode,
        template_card: toTemplateCard(card),
      });
    },
    async sendToChat(chatId, message) {
      throttled(`chat:${chatId}`);
      await call('/cgi-bin/appchat/send', { chatid: chatId, ...messageFields(message) });
    },
    async userIdFromCode(code) {
      try {
        const body = await call('/cgi-bin/auth/getuserinfo', undefined, { code });
        return (body.userid as string | undefined) ?? (body.UserId as string | undefined) ?? undefined;
      } catch (err) {
        // An invalid or used code is the visitor's problem, not a fault: they are simply not signed in.
        if (err instanceof WecomApiError && !err.transient) {
          log?.warn({ errcode: err.errcode }, 'wecom getuserinfo refused the code');
          return undefined;
        }
        throw err;
      }
    },
  };
}

/** Paths in logs and errors never carry the token or the secret. */
function stripQuery(path: string): string {
  return path.split('?')[0]!;
}
