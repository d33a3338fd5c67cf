/**
 * The AI bot (智能机器人) over WeCom's long connection, with the official SDK.
 * Needs no public URL. Text, voice-as-text, card clicks and chat entries go to the
 * conversation layer, de-duplicated durably by msgid; `state()` feeds the health check.
 */
import { WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from '../../ops/logger.js';
import type { MessageHandler, PushSender } from '../contract.js';
import type { InboundDedup } from '../dedup.js';
import type { WecomBotConfig } from '../wecom.config.js';
import { botReply, createBotPushSender } from './bot-messages.js';
import { frameToInbound } from './frames.js';

export interface BotState {
  status: 'connecting' | 'authenticated' | 'disconnected' | 'stopped';
  since: Date;
  reconnects: number;
  lastError?: string;
}

export interface WecomBot {
  state(): BotState;
  sender: PushSender;
  stop(): void;
}

export interface StartWecomBotOptions {
  config: WecomBotConfig;
  handler: MessageHandler;
  dedup: InboundDedup;
  log: Logger;
  /** Heartbeat period in ms (SDK default 30 s); tests shorten it. */
  heartbeatMs?: number;
  /** First reconnect delay in ms (SDK default 1 s). */
  reconnectMs?: number;
}

export function startWecomBot(o: StartWecomBotOptions): WecomBot {
  const log = o.log.child({ channel: 'wecom-bot' });
  const state: BotState = { status: 'connecting', since: new Date(), reconnects: 0 };
  const set = (status: BotState['status']) => {
    state.status = status;
    state.since = new Date();
  };
  const client = new WSClient({
    botId: o.config.botId,
    secret: o.config.secret,
    wsUrl: o.config.wsUrl,
    maxReconnectAttempts: -1,
    ...(o.heartbeatMs ? { heartbeatInterval: o.heartbeatMs } : {}),
    ...(o.reconnectMs ? { reconnectInterval: o.reconnectMs } : {}),
    // SDK debug lines carry message bodies; they stay out of our logs.
    logger: {
      debug: () => undefined,
      info: (m: string) => log.debug({ sdk: m }, 'aibot sdk'),
      warn: (m: string) => log.warn({ sdk: m.slice(0, 200) }, 'aibot sdk warning'),
      error: (m: string, ...a: unknown[]) => log.error({ sdk: m, detail: String(a[0] ?? '').slice(0, 200) }, 'aibot sdk error'),
    },
  });

  client.on('authenticated', () => {
    set('authenticated');
    log.info('wecom bot connected');
  });
  client.on('disconnected', (reason: string) => {
    if (state.status !== 'stopped') set('disconnected');
    log.warn({ reason }, 'wecom bot disconnected');
  });
  client.on('reconnecting', () => {
    state.reconnects++;
    set('connecting');
  });
  client.on('error', (err: Error) => {
    state.lastError = err.message;
  });

  async function onFrame(frame: WsFrame): Promise<void> {
    const message = frameToInbound(frame.body, new Date());
    if (!message) return;
    const key = `bot:${message.messageId}`;
    const mlog = log.child({ messageId: message.messageId, kind: message.kind, sender: message.senderId });
    try {
      if ((await o.dedup.claim(key, 'wecom-bot')) === 'duplicate') {
        mlog.info('wecom bot duplicate ignored');
        return;
      }
      await o.handler.handle(message, botReply(client, frame, message));
      await o.dedup.done(key, 'wecom-bot');
    } catch (err) {
      mlog.error({ err }, 'wecom-bot message handling failed');
      await o.dedup.failed(key, 'wecom-bot', String((err as Error)?.message ?? err)).catch(() => undefined);
    }
  }
  client.on('message', (f: WsFrame) => void onFrame(f));
  client.on('event', (f: WsFrame) => void onFrame(f));
  client.connect();

  return {
    state: () => ({ ...state }),
    sender: createBotPushSender(client),
    stop() {
      set('stopped');
      client.disconnect();
    },
  };
}
