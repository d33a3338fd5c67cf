/**
 * The self-built app's callback URL (/wecom/callback) on koa + @koa/router.
 * GET answers URL verification. POST: query → timestamp window → bounded body → outer XML →
 * signature → decrypt (padding, corp id) → inner XML → ONE insert into the durable inbox → 200.
 * Nothing else runs before the 200: the inbox handles the message afterwards, so WeCom's 5 s
 * limit is never at risk. A retry of a message already in the inbox is answered 200 at once; when
 * the inbox cannot keep it in time (database down), 503 at once, and WeCom retries.
 * Rejections are logged with a reason, never with the payload or keys.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Logger } from '../../shared/logger.js';
import type { InboundIntake, InboundMessage } from '../contract.js';
import type { WecomAppConfig } from '../wecom.config.js';
import type { WecomApiClient } from '../wecom-api/client.js';
import { appReply } from './app-messages.js';
import { CallbackRejected, openCallback, verifySignature } from './callback-crypto.js';
import { toInbound } from './inbound.js';
import { parseWecomXml, XmlRejected } from './xml.js';
import { readBody, BodyTooLarge } from './read-body.js';

export interface WecomAppRouterOptions {
  config: WecomAppConfig;
  /** The durable inbox: keeps each message before it is acknowledged. */
  inbox: InboundIntake;
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
    let fields;
    try {
      checkTimestamp(q.data.timestamp);
      const outer = parseWecomXml(await readBody(ctx.req, maxBodyBytes));
      const cipher = outer.Encrypt;
      if (typeof cipher !== 'string' || cipher === '') throw new CallbackRejected(400, 'no Encrypt');
      const qs = { signature: q.data.msg_signature, timestamp: q.data.timestamp, nonce: q.data.nonce };
      if (!verifySignature(keys, qs, cipher)) throw new CallbackRejected(401, 'bad signature');
      fields = parseWecomXml(openCallback(keys, cipher));
    } catch (err) {
      if (err instanceof CallbackRejected) return reject(ctx, err.status, err.reason);
      if (err instanceof XmlRejected) return reject(ctx, 400, err.message);
      if (err instanceof BodyTooLarge) return reject(ctx, 413, err.message);
      throw err;
    }
    const parsed = toInbound(fields);
    ctx.body = '';
    if (!parsed) {
      ctx.status = 200;
      log.debug('wecom callback of a kind we ignore');
      return;
    }
    const { message } = parsed;
    try {
      const kept = await o.inbox.accept({ id: parsed.dedupKey, message, payload: fields, reply: appReply(o.api, message) });
      if (kept === 'duplicate') log.info({ messageId: message.messageId }, 'wecom callback duplicate: already in the inbox');
      ctx.status = 200;
    } catch (err) {
      // Not kept: WeCom must send it again, so no 200 (and no waiting past its 5 s either).
      log.error({ err, messageId: message.messageId }, 'wecom callback not kept: answered 503 so that WeCom retries');
      ctx.status = 503;
    }
  });

  return router;
}

/** How the inbox reads a kept callback again, and answers it when handled after a crash. */
export function appInboxChannel(api: WecomApiClient | undefined) {
  return {
    decode: (payload: Record<string, unknown>) => toInbound(payload)?.message,
    ...(api && { replier: (message: InboundMessage) => appReply(api, message) }),
  };
}
