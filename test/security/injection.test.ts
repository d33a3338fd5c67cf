/**
 * MongoDB operator injection through chat text and web inputs: operators arrive as plain text
 * (or are refused), never as query operators that widen what a person can see.
 */
import { describe, expect, it } from 'vitest';
import { createConversation } from '../../src/conversation/index.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createLogger } from '../../src/shared/logger.js';
import { people } from '../fixtures/ledger.fixture.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { SESSION_COOKIE } from '../../src/web/session.js';
import { useSeededWeb } from '../web/web-harness.js';
import { conversationStores } from '../support/conversation-stores.js';

const { web, seeded } = useSeededWeb(() => {
  const outbox = createOutbox({ store: createOutboxStore() });
  return { outbox, conversation: (core) => createConversation({ core, log: createLogger({ level: 'silent' }), outbox, ...conversationStores() }) };
});

/** Speaks as `userid` through the simulator, driven by the admin (the simulator is an admin's and coordinators' tool). */
async function say(userid: string, text: string): Promise<string> {
  const { cookie: value, session } = web.sessions.issue('web-admin', true, Date.now());
  const [cookie, csrf] = [`${SESSION_COOKIE}=${value}`, session.csrf];
  const res = await fetch(`${web.url}/sim/message`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ as: userid, text }),
  });
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
}

describe('through chat text', () => {
  it.each(['查 {"$ne":null}', '查 {"$gt":""}', '查 .*', '查 $where', '我的 {"$ne":1}'])('%s finds nothing it should not', async (text) => {
    // A division head of 开发指导处 must never see 社会帮扶处's proposal 0002.
    const reply = await say(people.head.userid, text);
    expect(reply).not.toContain(seeded.p2.title);
  });

  it('a member querying with an operator sees none of the other proposals', async () => {
    const reply = await say(people.otherMember.userid, '查 {"$ne":null}');
    for (const p of Object.values(seeded)) expect(reply).not.toContain(p.title);
  });
});

describe('controls: the checks above look where the proposals would show', () => {
  it('a coordinator searching a word of the title is shown the proposal', async () => {
    expect(await say(people.coordinator.userid, '查 易地搬迁')).toContain(seeded.p2.title);
  });
});

describe('through web inputs', () => {
  const get = (path: string, userid: string) => fetch(`${web.url}${path}`, { headers: { cookie: web.cookieFor(userid).cookie }, redirect: 'manual' });

  it.each([
    '/board?division[$ne]=x',
    '/board?division=kfzd&division[$ne]=kfzd',
    '/ledger?q[$regex]=.*',
    '/ledger?stage[$in][]=registered',
    '/ledger?division={"$ne":null}',
    '/ledger/export.csv?division[$ne]=x',
    `/proposals/{"$ne":null}`,
    '/proposals/%7B%22%24gt%22%3A%22%22%7D',
  ])('%s shows a division head nothing outside their scope', async (path) => {
    const res = await get(path, people.head.userid);
    expect(res.status).toBeLessThan(500);
    const body = await res.text();
    expect(body).not.toContain(seeded.p2.title);
  });

  it('(control) the same pages do show that proposal to someone entitled to it', async () => {
    expect(await (await get('/ledger', people.coordinator.userid)).text()).toContain(seeded.p2.title);
  });

  it('refuses operator objects in JSON bodies', async () => {
    const { cookie, csrf } = web.cookieFor(people.head.userid);
    for (const body of [
      { as: { $ne: null }, text: '帮助' },
      { as: people.head.userid, text: { $gt: '' } },
    ]) {
      const res = await fetch(`${web.url}/sim/message`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
    }
  });
});
