import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWecomApiClient, type WecomApiClient } from '../../src/channels/wecom-api/client.js';
import { ThrottledError, WecomApiError } from '../../src/channels/wecom-api/errors.js';
import { createThrottle } from '../../src/channels/wecom-api/throttle.js';
import { WecomApiSim } from '../wecom-sim/index.js';

let sim: WecomApiSim;
let client: WecomApiClient;
const config = () => ({ corpId: sim.corpId, agentId: 1000002, secret: sim.secret, apiBase: sim.baseUrl });

beforeAll(async () => {
  sim = new WecomApiSim();
  await sim.start();
});
afterAll(() => sim.stop());
beforeEach(() => {
  client = createWecomApiClient(config(), { backoffMs: 5 });
  sim.recover();
  sim.delivered.length = 0;
  sim.tokensIssued = 0;
});

const text = (t: string) => ({ msgtype: 'text' as const, text: t });

describe('WeCom REST client', () => {
  it('fetches one token for many concurrent sends', async () => {
    await Promise.all(['a', 'b', 'c', 'd'].map((u) => client.sendToUser(u, text('hi'))));
    expect(sim.tokensIssued).toBe(1);
    expect(sim.delivered.map((d) => d.body.touser).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('renews a token WeCom invalidated mid-run, without losing the message', async () => {
    await client.sendToUser('a', text('one'));
    sim.expireAllTokens();
    await client.sendToUser('a', text('two'));
    expect(sim.tokensIssued).toBe(2);
    expect(sim.delivered.map((d) => (d.body.text as { content: string }).content)).toEqual(['one', 'two']);
  });

  it('renews a token before WeCom says it expired', async () => {
    const shortSim = new WecomApiSim({ tokenTtlSec: 1 });
    await shortSim.start();
    const c = createWecomApiClient({ ...config(), apiBase: shortSim.baseUrl });
    await c.sendToUser('a', text('one'));
    await new Promise((r) => setTimeout(r, 1100));
    await c.sendToUser('a', text('two'));
    expect(shortSim.tokensIssued).toBe(2);
    expect(shortSim.requests.filter((r) => r.errcode === 42001)).toHaveLength(0);
    await shortSim.stop();
  });

  it('retries system-busy and HTTP 500, delivering once', async () => {
    sim.inject('busy', 1);
    sim.inject('http500', 1);
    await client.sendToUser('a', text('x'));
    expect(sim.delivered).toHaveLength(1);
  });

  it('a send carried out by WeCom whose answer was lost is retried without showing the message twice', async () => {
    sim.inject('lostAnswer', 1, '/cgi-bin/message/send');
    await client.sendToUser('a', text('第0102号：已阅批。'));
    expect(sim.requests.filter((r) => r.path === '/cgi-bin/message/send').length).toBeGreaterThanOrEqual(2);
    expect(sim.delivered).toHaveLength(1);
  });

  it('gives up after the attempt budget with a transient error', async () => {
    sim.goDown('http500');
    const err = await client.sendToUser('a', text('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WecomApiError);
    expect((err as WecomApiError).transient).toBe(true);
    expect(sim.requests.filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(3);
  });

  it('backs off on 45009 instead of hammering WeCom', async () => {
    sim.inject('rateLimit', 1);
    const sendCalls = () => sim.requests.filter((r) => r.path === '/cgi-bin/message/send').length;
    const before = sendCalls();
    const err = (await client.sendToUser('a', text('x')).catch((e: unknown) => e)) as WecomApiError;
    expect(err.errcode).toBe(45009);
    expect(err.retryAfterMs).toBe(60_000);
    expect(sendCalls() - before).toBe(1);
  });

  it('refuses the 31st message a minute to one member, which WeCom would drop silently', async () => {
    const c = createWecomApiClient(config(), { throttle: createThrottle([{ ms: 60_000, max: 30 }]) });
    for (let i = 0; i < 30; i++) await c.sendToUser('busy-member', text(`m${i}`));
    await expect(c.sendToUser('busy-member', text('m30'))).rejects.toBeInstanceOf(ThrottledError);
    await c.sendToUser('other-member', text('fine'));
    expect(sim.delivered).toHaveLength(31);
  });

  it('sends markdown to an app chat and updates a clicked card', async () => {
    await client.sendToChat('chat-1', { msgtype: 'markdown', markdown: '**周报**' });
    await client.updateButton('a', 'RC1', '已处理');
    expect(sim.deliveredTo('/cgi-bin/appchat/send')[0]!.body).toMatchObject({ chatid: 'chat-1', markdown: { content: '**周报**' } });
    expect(sim.deliveredTo('/cgi-bin/message/update_template_card')[0]!.body).toMatchObject({ response_code: 'RC1' });
  });
});
