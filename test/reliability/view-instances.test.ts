/**
 * Two instances of the real service on one database, each answering its pages from its own
 * in-memory ledger view: a change made through one shows on the other's board without a restart
 * (the view follows the change log), and an instance (re)started later loads everything at start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreServices } from '../../src/main/core.js';
import { seedDemoLedger, syncDirectory } from '../../src/main/bootstrap.js';
import { createLogger } from '../../src/shared/logger.js';
import { createSessionKeeper, SESSION_COOKIE } from '../../src/web/session.js';
import { APP_KEYS } from '../channels/app-harness.js';
import { useTestDb } from '../support/test-db.js';
import { waitUntil } from '../support/wait.js';
import { CallbackSender, WecomApiSim } from '../wecom-sim/index.js';
import { spawnService, uriFor, wecomEnv, type ServiceProcess } from './service-process.js';

const db = useTestDb();
const api = new WecomApiSim();
const running: ServiceProcess[] = [];
const SESSION_SECRET = 'shared-session-secret-for-all-instances-0123';
let env: Record<string, string>;

async function start(id: string): Promise<ServiceProcess> {
  const svc = await spawnService({ ...env, INSTANCE_ID: id });
  running.push(svc);
  return svc;
}

/** The board's stage column holding proposal `number`, as the coordinator sees the board. */
async function stageOnBoard(svc: ServiceProcess, number: string): Promise<string | undefined> {
  const { cookie } = createSessionKeeper(Buffer.from(SESSION_SECRET)).issue('hefang', false, Date.now());
  const html = await (await fetch(`${svc.url}/board`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } })).text();
  const cell = html.split('<td data-stage="').find((c, i) => i > 0 && c.includes(`data-number="${number}"`));
  return cell?.slice(0, cell.indexOf('"'));
}

/** Message ids run on across calls: a repeated id would be taken for WeCom's retry. */
let msgSeq = 0;
function say(svc: ServiceProcess, from: string, text: string): Promise<Response> {
  const sender = new CallbackSender({ url: `${svc.url}/wecom/callback`, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey, corpId: api.corpId });
  return sender.post(sender.seal(sender.textXml(from, text, String(8_100_000_000 + ++msgSeq))));
}

beforeAll(async () => {
  await api.start();
  const core = createCoreServices();
  const log = createLogger({ level: 'silent' });
  await syncDirectory(core, log);
  await seedDemoLedger(core, log);
  env = { ...wecomEnv(api), MONGODB_URI: uriFor(db.uri, db.dbName), LEASE_TTL_MS: '3000', LEASE_RENEW_MS: '500', SESSION_SECRET };
}, 60_000);

afterAll(async () => {
  for (const s of running) await s.kill9();
  await api.stop();
});

describe('two instances on one database', () => {
  it("a change made through one shows on the other's board; a restarted one shows everything at once", async () => {
    const a = await start('view-a');
    const b = await start('view-b');
    expect(await stageOnBoard(a, '0102')).toBe('registered');
    expect(await stageOnBoard(b, '0102')).toBe('registered');

    expect((await say(a, 'hefang', '交办 0102 主办:开发处')).status).toBe(200);
    await waitUntil("a's own board to show 0102 assigned", async () => (await stageOnBoard(a, '0102')) === 'assigned');
    const written = Date.now();
    await waitUntil("b's board to show 0102 assigned", async () => (await stageOnBoard(b, '0102')) === 'assigned');
    console.log(`a change on one instance reached the other's board after ${Date.now() - written} ms`);

    await b.kill9();
    expect((await say(a, 'zhoubin', '接收 0102')).status).toBe(200);
    await waitUntil("a's board to show 0102 accepted", async () => (await stageOnBoard(a, '0102')) === 'researching');
    const again = await start('view-b2');
    // No waiting: the view is loaded before the instance takes requests.
    expect(await stageOnBoard(again, '0102')).toBe('researching');
    expect(again.lines.some((l) => l.message === 'ledger view loaded' && l.proposals === 151)).toBe(true);
  });
});
