/**
 * Plays WeCom's part in the app callback: builds the decrypted XML, encrypts it with
 * @wecom/crypto, signs it and POSTs it to our /wecom/callback exactly as WeCom would.
 */
import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';

export interface CallbackSenderOptions {
  url: string;
  token: string;
  encodingAesKey: string;
  corpId: string;
  agentId?: number;
}

export interface SendOptions {
  /** Override the query signature (to test a forged one). */
  signature?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Receive id to encrypt with; default the corp id. */
  receiveId?: string;
}

const cdata = (s: string) => `<![CDATA[${s}]]>`;

export class CallbackSender {
  private msgSeq = 7_000_000_000_000_000_000n;
  constructor(readonly o: CallbackSenderOptions) {}

  nextMsgId(): string {
    return String(++this.msgSeq);
  }

  textXml(from: string, content: string, msgId = this.nextMsgId(), createTime = Math.floor(Date.now() / 1000)): string {
    return (
      `<xml><ToUserName>${cdata(this.o.corpId)}</ToUserName><FromUserName>${cdata(from)}</FromUserName>` +
      `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content>` +
      `<MsgId>${msgId}</MsgId><AgentID>${this.o.agentId ?? 1000002}</AgentID></xml>`
    );
  }

  cardClickXml(from: string, taskId: string, key: string, responseCode: string, createTime = Math.floor(Date.now() / 1000)): string {
    return (
      `<xml><ToUserName>${cdata(this.o.corpId)}</ToUserName><FromUserName>${cdata(from)}</FromUserName>` +
      `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata('template_card_event')}</Event>` +
      `<EventKey>${cdata(key)}</EventKey><TaskId>${cdata(taskId)}</TaskId><CardType>${cdata('button_interaction')}</CardType>` +
      `<ResponseCode>${cdata(responseCode)}</ResponseCode><AgentID>${this.o.agentId ?? 1000002}</AgentID></xml>`
    );
  }

  /** Encrypts and signs `plainXml`; returns the query and the outer XML body. */
  seal(plainXml: string, opts: SendOptions = {}): { query: string; body: string } {
    const cipher = encrypt(this.o.encodingAesKey, plainXml, opts.receiveId ?? this.o.corpId);
    const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    const signature = opts.signature ?? getSignature(this.o.token, timestamp, nonce, cipher);
    const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString();
    const body = `<xml><ToUserName>${cdata(this.o.corpId)}</ToUserName><Encrypt>${cdata(cipher)}</Encrypt><AgentID>${cdata(String(this.o.agentId ?? 1000002))}</AgentID></xml>`;
    return { query, body };
  }

  /** POSTs a sealed callback; the same `sealed` may be posted again to play a WeCom retry. */
  post(sealed: { query: string; body: string }): Promise<Response> {
    return fetch(`${this.o.url}?${sealed.query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: sealed.body });
  }

  /**
   * Delivers like WeCom does: POST, and when no 200 comes back within `timeoutMs` (5 s), try the
   * same callback again, `tries` times in all, each try starting `intervalMs` after the previous
   * one. `url` is read before each try (a test may move the service). Resolves with each try's
   * status (0: no answer) — acknowledged when the last one is 200.
   */
  async deliver(
    sealed: { query: string; body: string },
    o: { tries?: number; intervalMs?: number; timeoutMs?: number; url?: () => string } = {},
  ): Promise<number[]> {
    const tries = o.tries ?? 3;
    const intervalMs = o.intervalMs ?? 5000;
    const statuses: number[] = [];
    for (let i = 0; i < tries; i++) {
      const started = Date.now();
      const res = await fetch(`${o.url?.() ?? this.o.url}?${sealed.query}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: sealed.body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 5000),
      }).catch(() => undefined);
      statuses.push(res?.status ?? 0);
      if (res?.status === 200) break;
      if (i < tries - 1) await new Promise((r) => setTimeout(r, Math.max(0, started + intervalMs - Date.now())));
    }
    return statuses;
  }

  /** GET URL verification as the admin console does when the URL is saved. */
  verifyUrl(echo: string, opts: SendOptions = {}): Promise<Response> {
    const cipher = encrypt(this.o.encodingAesKey, echo, opts.receiveId ?? this.o.corpId);
    const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    const signature = opts.signature ?? getSignature(this.o.token, timestamp, nonce, cipher);
    const q = new URLSearchParams({ msg_signature: signature, timestamp, nonce, echostr: cipher });
    return fetch(`${this.o.url}?${q}`);
  }
}
