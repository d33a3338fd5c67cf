/**
 * Every web route × every kind of viewer: who may open or post what. (Role × chat command is
 * covered in test/conversation/permissions.test.ts; this is the web console's side.)
 * allow = served (any status but a refusal or a sign-in redirect), forbid = 403,
 * login = anonymous: GET redirected to sign-in, anything else 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/conversation/index.js';
import type { Proposal } from '../../src/domain/model.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createLogger } from '../../src/shared/logger.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { createJobsView } from '../../src/web/jobs-view.js';
import { createJobRunStore } from '../../src/store/job-run.repository.js';
import { SESSION_COOKIE } from '../../src/web/session.js';
import { people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { seedLedger, startWeb, type WebHarness } from '../web/web-harness.js';
import { conversationStores } from '../support/conversation-stores.js';

useTestDb();

type Viewer = 'anon' | 'member' | 'otherMember' | 'handler' | 'head' | 'otherHead' | 'coordinator' | 'leader' | 'admin';
type Expect = 'allow' | 'forbid' | 'login';
const VIEWERS: Viewer[] = ['anon', 'member', 'otherMember', 'handler', 'head', 'otherHead', 'coordinator', 'leader', 'admin'];

let web: WebHarness;
let p1: Proposal;
const creds = new Map<Viewer, { cookie: string; csrf: string; userid: string }>();

beforeAll(async () => {
  const outbox = createOutbox({ store: createOutboxStore() });
  web = await startWeb({
    outbox,
    jobs: () => createJobsView(createJobRunStore()),
    conversation: (core) => createConversation({ core, log: createLogger({ level: 'silent' }), outbox, ...conversationStores() }),
  });
  ({ p1 } = await seedLedger(web.core));
  for (const v of VIEWERS) {
    if (v === 'anon') continue;
    if (v === 'admin') {
      const { cookie, session } = web.sessions.issue('web-admin', true, Date.now());
      creds.set(v, { cookie: `${SESSION_COOKIE}=${cookie}`, csrf: session.csrf, userid: 'web-admin' });
    } else {
      const userid = people[v].userid;
      creds.set(v, { ...web.cookieFor(userid), userid });
    }
  }
});
afterAll(async () => web?.close());

/** p1: lead division 开发指导处 (head, handler), filed by `member`; otherHead/otherMember are strangers to it. */
const ROUTES: {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  body?: (v: Viewer) => unknown;
  expect: Partial<Record<Viewer, Expect>> & { rest: Expect };
}[] = [
  { name: 'board', method: 'GET', path: () => '/board', expect: { anon: 'login', rest: 'allow' } },
  { name: 'ledger', method: 'GET', path: () => '/ledger', expect: { anon: 'login', rest: 'allow' } },
  { name: 'ledger export', method: 'GET', path: () => '/ledger/export.csv', expect: { anon: 'login', rest: 'allow' } },
  {
    name: 'proposal page',
    method: 'GET',
    path: () => `/proposals/${p1.id}`,
    expect: { anon: 'login', otherMember: 'forbid', otherHead: 'forbid', rest: 'allow' },
  },
  { name: 'metrics page', method: 'GET', path: () => '/metrics', expect: { anon: 'login', member: 'forbid', otherMember: 'forbid', rest: 'allow' } },
  { name: 'import page', method: 'GET', path: () => '/import', expect: { anon: 'login', coordinator: 'allow', admin: 'allow', rest: 'forbid' } },
  { name: 'import upload', method: 'POST', path: () => '/import/upload', expect: { anon: 'login', coordinator: 'allow', admin: 'allow', rest: 'forbid' } },
  { name: 'outbox view', method: 'GET', path: () => '/admin/outbox', expect: { anon: 'login', coordinator: 'allow', admin: 'allow', rest: 'forbid' } },
  {
    name: 'outbox retry',
    method: 'POST',
    path: () => '/admin/outbox/000000000000000000000000/retry',
    expect: { anon: 'login', coordinator: 'allow', admin: 'allow', rest: 'forbid' },
  },
  { name: 'jobs view', method: 'GET', path: () => '/admin/jobs', expect: { anon: 'login', coordinator: 'allow', admin: 'allow', rest: 'forbid' } },
  { name: 'simulator page', method: 'GET', path: () => '/sim', expect: { anon: 'login', coordinator: 'allow', admin: 'allow', rest: 'forbid' } },
  {
    name: 'simulator: speak as oneself',
    method: 'POST',
    path: () => '/sim/message',
    body: (v) => ({ as: v === 'admin' || v === 'anon' ? people.coordinator.userid : people[v].userid, text: '帮助' }),
    expect: { anon: 'login', coordinator: 'allow', admin: 'allow', rest: 'forbid' },
  },
  {
    name: 'simulator: speak as someone else',
    method: 'POST',
    path: () => '/sim/message',
    body: (v) => ({ as: v === 'leader' ? people.coordinator.userid : people.leader.userid, text: '帮助' }),
    expect: { anon: 'login', admin: 'allow', rest: 'forbid' },
  },
  {
    name: "simulator: another person's inbox",
    method: 'GET',
    path: () => `/sim/inbox?as=${people.leader.userid}`,
    expect: { anon: 'login', admin: 'allow', rest: 'forbid' },
  },
];

function classify(method: string, status: number, location: string | null): Expect | `unexpected ${number}` {
  if (status === 403) return 'forbid';
  if ((method === 'GET' && status === 302 && location?.startsWith('/login')) || status === 401) return 'login';
  return status >= 500 ? `unexpected ${status}` : 'allow';
}

describe('web console: role × route', () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.name}`, async () => {
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const v of VIEWERS) {
        const c = creds.get(v);
        const headers: Record<string, string> = c ? { cookie: c.cookie, 'x-csrf-token': c.csrf } : {};
        let body: string | undefined;
        if (route.method === 'POST') {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(route.body?.(v) ?? {});
        }
        const res = await fetch(`${web.url}${route.path()}`, { method: route.method, headers, body, redirect: 'manual' });
        await res.arrayBuffer();
        got[v] = classify(route.method, res.status, res.headers.get('location'));
        want[v] = route.expect[v] ?? route.expect.rest;
      }
      expect(got).toEqual(want);
    });
  }
});
