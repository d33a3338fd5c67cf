/**
 * Stands in for WeCom's AI-bot long connection (wss://openws.work.weixin.qq.com) with `ws`.
 * Speaks the frames the SDK speaks: aibot_subscribe (bot id/secret checked), ping acks,
 * aibot_msg_callback / aibot_event_callback pushes with req_ids that never start with
 * `ping` or `aibot_subscribe`, and acks for every reply. A second subscribe kicks the first
 * connection with a disconnected_event, as WeCom does. Every frame received is recorded.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SimFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown> & { chatid?: string; msgtype?: string };
  errcode?: number;
  errmsg?: string;
}

export interface BotSimOptions {
  botId?: string;
  secret?: string;
}

const REPLY_CMDS = new Set(['aibot_respond_msg', 'aibot_respond_welcome_msg', 'aibot_respond_update_msg', 'aibot_send_msg']);

export class WecomBotSim {
  readonly received: SimFrame[] = [];
  private wss?: WebSocketServer;
  private live?: WebSocket;
  private seq = 0;
  private waiters: { pred: (f: SimFrame) => boolean; resolve: (f: SimFrame) => void }[] = [];
  /** Reply frames answered with this errcode instead of 0 (one per entry). */
  private replyErrors: number[] = [];

  constructor(private readonly o: BotSimOptions = {}) {}

  get botId() {
    return this.o.botId ?? 'sim-bot';
  }
  get secret() {
    return this.o.secret ?? 'sim-bot-secret';
  }

  async start(): Promise<string> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => this.wss!.once('listening', () => r()));
    this.wss.on('connection', (ws) => ws.on('message', (data) => this.onFrame(ws, String(data))));
    return this.url;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss!.address() as AddressInfo).port}`;
  }

  /** True once a connection has subscribed with the right credentials. */
  get subscribed(): boolean {
    return this.live !== undefined && this.live.readyState === this.live.OPEN;
  }

  async stop(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    await new Promise<void>((r) => (this.wss ? this.wss.close(() => r()) : r()));
  }

  /** Drops the live connection abruptly (network failure). */
  dropConnection(): void {
    this.live?.terminate();
    this.live = undefined;
  }

  failNextReplies(errcode: number, times = 1): void {
    for (let i = 0; i < times; i++) this.replyErrors.push(errcode);
  }

  /** Pushes a user's text message; returns the callback's req_id. */
  sendText(from: string, content: string, opts: { msgid?: string; chatid?: string; voice?: boolean } = {}): { reqId: string; msgid: string } {
    const msgid = opts.msgid ?? `simmsg_${++this.seq}`;
    const body: Record<string, unknown> = {
      msgid,
      aibotid: this.botId,
      chattype: opts.chatid ? 'group' : 'single',
      ...(opts.chatid ? { chatid: opts.chatid } : {}),
      from: { userid: from },
      create_time: Math.floor(Date.now() / 1000),
      msgtype: opts.voice ? 'voice' : 'text',
      ...(opts.voice ? { voice: { content } } : { text: { content } }),
    };
    return { reqId: this.push('aibot_msg_callback', body), msgid };
  }

  /** Pushes a card button click, with the key where WeCom puts it (event.template_card_event). */
  sendCardClick(from: string, taskId: string, key: string, opts: { msgid?: string } = {}): { reqId: string; msgid: string } {
    const msgid = opts.msgid ?? `simevt_${++this.seq}`;
    const body = {
      msgid,
      create_time: Math.floor(Date.now() / 1000),
      aibotid: this.botId,
      chattype: 'single',
      from: { userid: from, corpid: 'wwsimcorp' },
      msgtype: 'event',
      event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: key, task_id: taskId } },
    };
    return { reqId: this.push('aibot_event_callback', body), msgid };
  }

  /** Sends a callback frame as-is (for retries of the same msgid). */
  push(cmd: 'aibot_msg_callback' | 'aibot_event_callback', body: Record<string, unknown>): string {
    if (!this.live) throw new Error('no subscribed connection');
    const reqId = `simreq_${Date.now()}_${randomBytes(4).toString('hex')}`;
    this.live.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  /** Resolves with the first received frame (past or future) matching `pred`. */
  waitFor(pred: (f: SimFrame) => boolean, timeoutMs = 30_000): Promise<SimFrame> {
    const seen = this.received.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('bot sim: frame not received in time')), timeoutMs);
      this.waiters.push({ pred, resolve: (f) => (clearTimeout(t), resolve(f)) });
    });
  }

  repliesTo(reqId: string): SimFrame[] {
    return this.received.filter((f) => f.headers.req_id === reqId && REPLY_CMDS.has(f.cmd ?? ''));
  }

  private onFrame(ws: WebSocket, raw: string): void {
    let f: SimFrame;
    try {
      f = JSON.parse(raw) as SimFrame;
    } catch {
      return;
    }
    this.received.push(f);
    this.waiters = this.waiters.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true));
    const ack = (errcode = 0, body?: unknown) =>
      ws.send(JSON.stringify({ headers: { req_id: f.headers.req_id }, errcode, errmsg: errcode ? 'error' : 'ok', ...(body ? { body } : {}) }));
    if (f.cmd === 'aibot_subscribe') {
      if (f.body?.bot_id !== this.botId || f.body?.secret !== this.secret) return ack(853000);
      if (this.live && this.live !== ws) this.kick(this.live);
      this.live = ws;
      return ack();
    }
    if (ws !== this.live) return; // not subscribed: WeCom ignores it
    if (f.cmd === 'ping') return ack();
    if (REPLY_CMDS.has(f.cmd ?? '')) return ack(this.replyErrors.shift() ?? 0);
  }

  private kick(old: WebSocket): void {
    old.send(
      JSON.stringify({
        cmd: 'aibot_event_callback',
        headers: { req_id: `simkick_${Date.now()}` },
        body: { msgid: `kick_${++this.seq}`, msgtype: 'event', event: { eventtype: 'disconnected_event' } },
      }),
    );
    setTimeout(() => old.terminate(), 50);
  }
}
