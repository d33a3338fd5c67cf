/**
 * The AI bot (智能机器人) over WeCom's long connection, with the official SDK.
 * Needs no public URL. Text, voice-as-text, card clicks and chat entries are written to the
 * durable inbox (one insert, keyed by msgid: a redelivered frame is a duplicate) and handled
 * from there; `state()` feeds the health check.
 */
import { WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from '../../shared/logger.js';
import type { InboundIntake, PushSender } from '../contract.js';
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
  /** The durable inbox: keeps each frame before it is handled. */
  inbox: InboundIntake;
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
    const mlog = log.child({ messageId: message.messageId, kind: message.kind, sender: message.senderId });
    try {
      const kept = await o.inbox.accept({
        id: `bot:${message.messageId}`,
        message,
        payload: frame.body as Record<string, unknown>,
        reply: botReply(client, frame, message),
      });
      if (kept === 'duplicate') mlog.info('wecom bot duplicate: already in the inbox');
    } catch (err) {
      // WeCom does not redeliver a frame; the sender sees no answer and may send it again.
      mlog.error({ err }, 'wecom bot frame not kept (database unavailable)');
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

/** How the inbox reads a kept frame again; answers after a crash go out as pushes from the outbox. */
export const botInboxChannel = {
  decode: (payload: Record<string, unknown>, receivedAt: Date) => frameToInbound(payload, receivedAt),
};
