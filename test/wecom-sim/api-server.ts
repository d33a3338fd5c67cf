/**
 * Stands in for WeCom's HTTP API (qyapi.weixin.qq.com): gettoken with expiring tokens,
 * message/send, message/update_template_card, appchat/send and the group robot webhook.
 * Faults can be injected (errcode -1, 45009, HTTP 500, token invalidation); every request
 * and every accepted delivery is recorded for assertions.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `lostAnswer`: the call is carried out, but the caller gets an HTTP 500 (as after a timeout). */
export type Fault = 'busy' | 'rateLimit' | 'http500' | 'lostAnswer';

export interface Delivery {
  path: string;
  body: Record<string, unknown>;
  /** The webhook key or the access token used. */
  credential: string;
}

export interface ApiSimOptions {
  corpId?: string;
  secret?: string;
  webhookKey?: string;
  /** expires_in given with each token, seconds. Default 7200. */
  tokenTtlSec?: number;
}

const DELIVERY_PATHS = new Set(['/cgi-bin/message/send', '/cgi-bin/message/update_template_card', '/cgi-bin/appchat/send', '/cgi-bin/webhook/send']);

/** What WeCom compares for message/send's duplicate check: recipient, message kind and content. */
const duplicateKey = (body: Record<string, unknown>): string => JSON.stringify([body.touser, body.msgtype, body[String(body.msgtype)]]);

export class WecomApiSim {
  readonly requests: { path: string; status: number; errcode: number }[] = [];
  readonly delivered: Delivery[] = [];
  tokensIssued = 0;
  private server?: Server;
  private valid = new Map<string, number>();
  private faults: { fault: Fault; times: number; path?: string }[] = [];
  private down?: Fault;
  private seq = 0;
  private sentForCheck: { at: number; key: string }[] = [];

  constructor(private readonly o: ApiSimOptions = {}) {}

  get corpId() {
    return this.o.corpId ?? 'wwsimcorp';
  }
  get secret() {
    return this.o.secret ?? 'sim-secret';
  }
  get webhookKey() {
    return this.o.webhookKey ?? 'sim-webhook-key-0001';
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://sim');
        const { status, json } = this.route(url, Buffer.concat(chunks).toString('utf8'));
        this.requests.push({ path: url.pathname, status, errcode: Number(json.errcode ?? 0) });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this.baseUrl;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The next `times` calls (to `path`, or any delivery path) fail with `fault`. */
  inject(fault: Fault, times = 1, path?: string): void {
    this.faults.push({ fault, times, path });
  }

  /** Every delivery call fails with `fault` until `recover()`. */
  goDown(fault: Fault = 'http500'): void {
    this.down = fault;
  }

  recover(): void {
    this.down = undefined;
  }

  /** WeCom invalidated every issued token early (e.g. the secret was reset). */
  expireAllTokens(): void {
    this.valid.clear();
  }

  deliveredTo(path: string): Delivery[] {
    return this.delivered.filter((d) => d.path === path);
  }

  private route(url: URL, raw: string): { status: number; json: Record<string, unknown> } {
    if (url.pathname === '/cgi-bin/gettoken') {
      if (url.searchParams.get('corpid') !== this.corpId || url.searchParams.get('corpsecret') !== this.secret)
        return { status: 200, json: { errcode: 40001, errmsg: 'invalid credential' } };
      const token = `simtok-${++this.tokensIssued}-${Math.random().toString(36).slice(2)}`;
      const ttl = this.o.tokenTtlSec ?? 7200;
      this.valid.set(token, Date.now() + ttl * 1000);
      return { status: 200, json: { errcode: 0, errmsg: 'ok', access_token: token, expires_in: ttl } };
    }
    if (!DELIVERY_PATHS.has(url.pathname)) return { status: 404, json: { errcode: 404, errmsg: 'no such api' } };
    const fault = this.takeFault(url.pathname);
    if (fault === 'http500') return { status: 500, json: { errcode: -1, errmsg: 'internal' } };
    if (fault === 'busy') return { status: 200, json: { errcode: -1, errmsg: 'system busy' } };
    if (fault === 'rateLimit') return { status: 200, json: { errcode: 45009, errmsg: 'api freq out of limit' } };
    let credential: string;
    if (url.pathname === '/cgi-bin/webhook/send') {
      credential = url.searchParams.get('key') ?? '';
      if (credential !== this.webhookKey) return { status: 200, json: { errcode: 93000, errmsg: 'invalid webhook url' } };
    } else {
      credential = url.searchParams.get('access_token') ?? '';
      const until = this.valid.get(credential);
      if (until === undefined) return { status: 200, json: { errcode: 40014, errmsg: 'invalid access_token' } };
      if (until < Date.now()) return { status: 200, json: { errcode: 42001, errmsg: 'access_token expired' } };
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { status: 200, json: { errcode: 47001, errmsg: 'data format error' } };
    }
    // message/send's duplicate check: the same message (recipient, kind and content) sent within
    // the interval is accepted but not delivered again.
    if (url.pathname === '/cgi-bin/message/send' && body.enable_duplicate_check === 1) {
      const since = Date.now() - Number(body.duplicate_check_interval ?? 1800) * 1000;
      const same = (d: { at: number; key: string }) => d.at >= since && d.key === duplicateKey(body);
      if (this.sentForCheck.some(same)) return { status: 200, json: { errcode: 0, errmsg: 'ok', msgid: `simdup${++this.seq}`, invaliduser: '' } };
    }
    if (url.pathname === '/cgi-bin/message/send') this.sentForCheck.push({ at: Date.now(), key: duplicateKey(body) });
    this.delivered.push({ path: url.pathname, body, credential });
    const n = ++this.seq;
    if (fault === 'lostAnswer') return { status: 500, json: { errcode: -1, errmsg: 'answer lost' } };
    return { status: 200, json: { errcode: 0, errmsg: 'ok', msgid: `simmsg${n}`, response_code: `simrc${n}`, invaliduser: '' } };
  }

  private takeFault(path: string): Fault | undefined {
    if (this.down) return this.down;
    const f = this.faults.find((x) => x.times > 0 && (!x.path || x.path === path));
    if (!f) return undefined;
    f.times--;
    return f.fault;
  }
}
