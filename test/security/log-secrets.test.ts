/**
 * A full run of the real service with every secret set, driven through every channel (app
 * callbacks good and forged, AI-bot messages, outbox pushes to members and the group robot,
 * a token expiry, a failing API, the web console), then stopped: its whole output, stdout and
 * stderr, holds none of the secrets, no access token and no member's message text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/outbox/outbox.js';
import { OutboxMessageModel } from '../../src/store/models/outbox-message.model.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { APP_KEYS } from '../channels/app-harness.js';
import { spawnService, untilHandled, uriFor, wecomEnv, type ServiceProcess } from '../reliability/service-process.js';
import { useTestDb } from '../support/test-db.js';
import { waitUntil } from '../support/wait.js';
import { CallbackSender, WecomApiSim, WecomBotSim } from '../wecom-sim/index.js';

const db = useTestDb();
const api = new WecomApiSim({ secret: 'AppSecretVx81Lm2Qp', webhookKey: 'RobotKey-4471-abcd-9e' });
const bot = new WecomBotSim({ secret: 'BotSecretKq93Zt5Wn' });
let svc: ServiceProcess | undefined;

/** What a member typed: distinctive, so any echo in the log is found. */
const MEMBER_TEXT = '机密提案内容甲乙丙丁';

beforeAll(async () => {
  await api.start();
  await bot.start();
});
afterAll(async () => {
  await svc?.kill9();
  await bot.stop();
  await api.stop();
});

describe('no secret in the logs', () => {
  it('a full run writes no secret, token or message text', async () => {
    svc = await spawnService({
      ...wecomEnv(api, bot),
      WECOM_WEBHOOK_KEY: api.webhookKey,
      WECOM_WEBHOOK_BASE: api.baseUrl,
      MONGODB_URI: uriFor(db.uri, db.dbName),
      LOG_LEVEL: 'trace',
      SESSION_SECRET: 'SessionSecretNeverLogged-0123456789ab',
    });
    await svc.waitForLine((l) => l.message === 'wecom bot connected');
    const sender = new CallbackSender({ url: `${svc.url}/wecom/callback`, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey, corpId: api.corpId });

    // App callbacks: plain text, a search, a forged one, and one while the API fails.
    await sender.post(sender.seal(sender.textXml('zhaoqiang', MEMBER_TEXT)));
    await sender.post(sender.seal(sender.textXml('lutao', `查 ${MEMBER_TEXT}`)));
    await sender.post(sender.seal(sender.textXml('zhaoqiang', MEMBER_TEXT), { signature: 'f'.repeat(40) }));
    api.inject('http500', 1, '/cgi-bin/message/send');
    await sender.post(sender.seal(sender.textXml('lutao', `反馈 0102 不满意 ${MEMBER_TEXT}`)));
    // AI bot.
    const { reqId } = bot.sendText('zhaoqiang', MEMBER_TEXT);
    await bot.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg', 60_000);
    // Outbox pushes, with the access token expired in between.
    api.expireAllTokens();
    const outbox = createOutbox({ store: createOutboxStore() });
    await outbox.enqueue({ key: 'secret-test:user', to: { kind: 'user', userid: 'lutao' }, body: { type: 'text', text: MEMBER_TEXT }, purpose: 'test' });
    await outbox.enqueue({ key: 'secret-test:robot', to: { kind: 'groupRobot' }, body: { type: 'markdown', markdown: MEMBER_TEXT }, purpose: 'test' });
    // Replies to the messages above go through the outbox too; these are the two pushes.
    const pushes = { status: 'sent', key: { $in: ['secret-test:user', 'secret-test:robot'] } };
    await waitUntil('both outbox pushes sent', async () => (await OutboxMessageModel.countDocuments(pushes)) >= 2);
    expect(await OutboxMessageModel.countDocuments(pushes)).toBe(2);
    // The web console, with a sign-in link token in the query.
    await fetch(`${svc.url}/auth/link?token=LinkTokenAbcdefghijklmnop123456`);
    await fetch(`${svc.url}/board`, { headers: { cookie: 'tt_session=CookieValueSecret987' }, redirect: 'manual' });
    await untilHandled(svc.opsPort);
    expect(await svc.terminate()).toBe(0);

    const out = svc.output();
    if (process.env.DUMP_LOG) (await import('node:fs')).writeFileSync(process.env.DUMP_LOG, out);
    expect(out).toContain('wecom bot connected'); // the capture works, at trace level
    const issuedTokens = api.tokensIssued;
    expect(issuedTokens).toBeGreaterThanOrEqual(2);
    for (const secret of [
      api.secret,
      bot.secret,
      api.webhookKey,
      APP_KEYS.token,
      APP_KEYS.encodingAesKey,
      'LinkTokenAbcdefghijklmnop123456',
      'CookieValueSecret987',
      'SessionSecretNeverLogged-0123456789ab',
      MEMBER_TEXT,
    ]) {
      expect(out, secret).not.toContain(secret);
    }
    expect(out).not.toMatch(/simtok-\d+/);
    expect(out).not.toMatch(/<Encrypt>/);
  });
});
