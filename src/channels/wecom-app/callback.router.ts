/**
 * The self-built app's callback URL (/wecom/callback) on koa + @koa/router.
 * GET answers URL verification. POST: query → timestamp window → bounded body → outer XML →
 * signature → decrypt (padding, corp id) → inner XML → durable claim → 200 at once; the
 * message is handled after the response, so WeCom's 5 s limit is never at risk.
 * Rejections are logged with a reason, never with the payload or keys.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Logger } from '../../ops/logger.js';
import type { MessageHandler } from '../contract.js';
import type { InboundDedup } from '../dedup.js';
import type { WecomAppConfig } from '../wecom.config.js';
import type { WecomApiClient } from '../wecom-api/client.js';
import { appReply } from './app-messages.js';
import { CallbackRejected, openCallback, verifySignature } from './callback-crypto.js';
import { toInbound } from './inbound.js';
import { parseWecomXml, XmlRejected } from './xml.js';
import { readBody, BodyTooLarge } from './read-body.js';

export interface WecomAppRouterOptions {
  config: WecomAppConfig;
  handler: MessageHandler;
  dedup: InboundDedup;
  api: WecomApiClient;
  log: Logger;
  /** Path of the callback URL. Default /wecom/callback. */
  path?: string;
  /** Accepted clock skew of `timestamp`, in seconds. Default 300. */
  timestampWindowSec?: number;
  /** Largest accepted body. Default 64 KiB (WeCom's callbacks are a few KiB). */
  maxBodyBytes?: number;
  now?: () => number;
}

const sig = z.string().regex(/^[0-9a-fA-F]{40}$/);
const getQuery = z.object({
  msg_signature: sig,
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
  echostr: z.string().min(1).max(1024),
});
const postQuery = getQuery.omit({ echostr: true });

export function createWecomAppRouter(o: WecomAppRouterOptions): Router {
  const path = o.path ?? '/wecom/callback';
  const windowSec = o.timestampWindowSec ?? 300;
  const maxBodyBytes = o.maxBodyBytes ?? 64 * 1024;
  const now = o.now ?? Date.now;
  const keys = { token: o.config.token, encodingAesKey: o.config.encodingAesKey, corpId: o.config.corpId };
  const log = o.log.child({ channel: 'wecom-app' });
  const router = new Router();

  function reject(ctx: Context, status: number, reason: string): void {
    log.warn({ status, reason, ip: ctx.ip }, 'wecom callback rejected');
    ctx.status = status;
    ctx.body = '';
  }

  function checkTimestamp(timestamp: string): void {
    if (Math.abs(now() / 1000 - Number(timestamp)) > windowSec) throw new CallbackRejected(401, 'timestamp outside window');
  }

  router.get(path, (ctx) => {
    const q = getQuery.safeParse(ctx.query);
    if (!q.success) return reject(ctx, 400, 'bad query');
    try {
      checkTimestamp(q.data.timestamp);
      const qs = { signature: q.data.msg_signature, timestamp: q.data.timestamp, nonce: q.data.nonce };
      if (!verifySignature(keys, qs, q.data.echostr)) throw new CallbackRejected(401, 'bad signature');
      ctx.type = 'text/plain';
      ctx.body = openCallback(keys, q.data.echostr);
      log.info('wecom callback URL verified');
    } catch (err) {
      if (err instanceof CallbackRejected) return reject(ctx, err.status, err.reason);
      throw err;
    }
  });

  router.post(path, async (ctx) => {
    const q = postQuery.safeParse(ctx.query);
    if (!q.success) return reject(ctx, 400, 'bad query');
    let parsed;
    try {
      checkTimestamp(q.data.timestamp);
      const outer = parseWecomXml(await readBody(ctx.req, maxBodyBytes));
      const cipher = outer.Encrypt;
      if (typeof cipher !== 'string' || cipher === '') throw new CallbackRejected(400, 'no Encrypt');
      const qs = { signature: q.data.msg_signature, timestamp: q.data.timestamp, nonce: q.data.nonce };
      if (!verifySignature(keys, qs, cipher)) throw new CallbackRejected(401, 'bad signature');
      parsed = toInbound(parseWecomXml(openCallback(keys, cipher)));
    } catch (err) {
      if (err instanceof CallbackRejected) return reject(ctx, err.status, err.reason);
      if (err instanceof XmlRejected) return reject(ctx, 400, err.message);
      if (err instanceof BodyTooLarge) return reject(ctx, 413, err.message);
      throw err;
    }
    ctx.status = 200;
    ctx.body = '';
    if (!parsed) {
      log.debug('wecom callback of a kind we ignore');
      return;
    }
    // A database failure here answers 500, so WeCom retries later: nothing is lost.
    if ((await o.dedup.claim(parsed.dedupKey, 'wecom-app')) === 'duplicate') {
      log.info({ key: parsed.dedupKey }, 'wecom callback duplicate ignored');
      return;
    }
    const { message } = parsed;
    const mlog = log.child({ messageId: message.messageId, kind: message.kind, sender: message.senderId });
    // Handle after the response is written.
    setImmediate(() => {
      o.handler
        .handle(message, appReply(o.api, message))
        .then(() => o.dedup.done(parsed.dedupKey, 'wecom-app'))
        .catch(async (err: unknown) => {
          mlog.error({ err }, 'wecom-app message handling failed');
          await o.dedup.failed(parsed.dedupKey, 'wecom-app', String((err as Error)?.message ?? err)).catch(() => undefined);
        });
    });
  });

  return router;
}
