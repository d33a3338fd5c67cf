/**
 * The WeCom callback URL of the assembled service, attacked as from the internet: missing and
 * wrong signatures, replays outside the time window, XML with a DTD, oversized, truncated and
 * stalled bodies. None reaches the conversation; the service keeps serving.
 */
import { connect } from 'node:net';
import { encrypt, getSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_KEYS } from '../channels/app-harness.js';
import { metricSum, untilHandled } from '../reliability/service-process.js';
import { startInProcess, type InProcessService } from '../ops/service-harness.js';

let s: InProcessService;
beforeAll(async () => {
  s = await startInProcess();
}, 60_000);
afterAll(async () => s?.close());

const handled = async () => metricSum(await (await fetch(s.opsUrl('/metrics'))).text(), 'tiantong_messages_in_total');
const post = (query: string, body: string) => fetch(`${s.url('/wecom/callback')}?${query}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
const now = () => Math.floor(Date.now() / 1000);

describe('signatures and time window', () => {
  it('refuses a missing signature, a wrong one, and one made with another token; handles none', async () => {
    const sealed = s.sender.seal(s.sender.textXml('zhaoqiang', '帮助'));
    const q = new URLSearchParams(sealed.query);
    const without = new URLSearchParams(q);
    without.delete('msg_signature');
    expect((await post(without.toString(), sealed.body)).status).toBe(400);
    q.set('msg_signature', 'a'.repeat(40));
    expect((await post(q.toString(), sealed.body)).status).toBe(401);
    const cipher = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(sealed.body)![1]!;
    const ts = String(now());
    const other = new URLSearchParams({ msg_signature: getSignature('OtherToken', ts, 'n1', cipher), timestamp: ts, nonce: 'n1' });
    expect((await post(other.toString(), sealed.body)).status).toBe(401);
    expect(await handled()).toBe(0);
  });

  it('refuses a genuine callback replayed outside the 5-minute window, either way', async () => {
    for (const t of [now() - 600, now() + 600]) {
      const sealed = s.sender.seal(s.sender.textXml('zhaoqiang', '帮助'), { timestamp: t });
      expect((await s.sender.post(sealed)).status).toBe(401);
    }
    expect(await handled()).toBe(0);
  });

  it('handles a genuine callback replayed inside the window only once', async () => {
    const sealed = s.sender.seal(s.sender.textXml('zhaoqiang', '帮助'));
    for (let i = 0; i < 3; i++) expect((await s.sender.post(sealed)).status).toBe(200);
    await untilHandled(s.service.opsPort!);
    expect(await handled()).toBe(1);
  });
});

describe('hostile XML and bodies', () => {
  const BILLION_LAUGHS =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><xml><Encrypt>&lol2;</Encrypt></xml>';

  it('refuses a DTD or entity declarations outside and inside the encryption', async () => {
    const q = new URLSearchParams(s.sender.seal('<xml/>').query).toString();
    expect((await post(q, BILLION_LAUGHS)).status).toBe(400);
    const xxe =
      '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>x</ToUserName><FromUserName>zhaoqiang</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>99</MsgId></xml>';
    expect((await s.sender.post(s.sender.seal(xxe))).status).toBe(400);
    expect(await handled()).toBe(1);
  });

  it('refuses an oversized body with 413 and a truncated one with 400', async () => {
    const sealed = s.sender.seal(s.sender.textXml('zhaoqiang', '帮助'));
    expect((await post(sealed.query, sealed.body + ' '.repeat(70 * 1024))).status).toBe(413);
    expect((await post(sealed.query, sealed.body.slice(0, sealed.body.length / 2))).status).toBe(400);
    expect((await post(sealed.query, '')).status).toBe(400);
  });

  it('drops a client that announces more body than it sends, and keeps serving others', async () => {
    const sealed = s.sender.seal(s.sender.textXml('zhaoqiang', '帮助'));
    const sock = connect(s.service.port!, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.write(
      `POST /wecom/callback?${sealed.query} HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\n\r\n${sealed.body.slice(0, 100)}`,
    );
    sock.end();
    // The server answers (an error status) or hangs up; it does not wait for the missing bytes.
    const answer = await new Promise<string>((resolve) => {
      let got = '';
      sock.on('data', (d: Buffer) => (got += d.toString()));
      sock.once('close', () => resolve(got));
      sock.once('data', () => setTimeout(() => resolve(got), 50));
    });
    sock.destroy();
    expect(answer === '' || /^HTTP\/1\.1 [45]\d\d/.test(answer)).toBe(true);
    expect((await fetch(s.url('/healthz'))).status).toBe(200);
    expect(await handled()).toBe(1);
  });

  it('refuses a payload sealed for another corp', async () => {
    const plain = s.sender.textXml('zhaoqiang', '帮助');
    const cipher = encrypt(APP_KEYS.encodingAesKey, plain, 'wwothercorp');
    const ts = String(now());
    const q = new URLSearchParams({ msg_signature: getSignature(APP_KEYS.token, ts, 'n2', cipher), timestamp: ts, nonce: 'n2' });
    expect((await post(q.toString(), `<xml><Encrypt><![CDATA[${cipher}]]></Encrypt></xml>`)).status).toBeGreaterThanOrEqual(400);
    expect(await handled()).toBe(1);
  });
});
