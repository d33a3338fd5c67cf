/**
 * A running web console for tests: the real core services on this file's test database, the
 * small bureau of test/fixtures, and a koa server on a free port. `cookieFor` signs a person in
 * the way the WeCom login would (a session cookie for their userid); `adminCookie` follows the
 * one-time admin link like a person would.
 */
import Koa from 'koa';
import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createCoreServices } from '../../src/main/core.js';
import type { CoreServices } from '../../src/domain/services.js';
import type { MessageHandler } from '../../src/channels/contract.js';
import type { Clock } from '../../src/domain/ports.js';
import type { Actor, Proposal } from '../../src/domain/model.js';
import { createLogger } from '../../src/shared/logger.js';
import { createAdminLink, createSessionKeeper, createWebRouter, webNotFound, webSecurityHeaders, type WebOptions } from '../../src/web/web.router.js';
import { createSessionRevocations } from '../../src/store/session-revocation.repository.js';
import { SESSION_COOKIE, type SessionKeeper } from '../../src/web/session.js';
import type { JobsView } from '../../src/web/web-deps.js';
import { divisions, newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';

export interface WebHarness {
  core: CoreServices;
  url: string;
  sessions: SessionKeeper;
  close(): Promise<void>;
  /** `tt_session=…` for a directory person, as after a WeCom sign-in. */
  cookieFor(userid: string): { cookie: string; csrf: string };
  adminLink(next?: string): string;
}

/** A fixed "now" inside the fixtures' handling period, so due states do not drift with the real date. */
export const NOW = new Date('2026-10-09T02:00:00Z');
export const fixedClock: Clock = { now: () => NOW };

export interface StartOptions extends Partial<Omit<WebOptions, 'core' | 'log' | 'auth' | 'conversation' | 'jobs'>> {
  auth?: Partial<WebOptions['auth']>;
  /** The conversation layer, built on the harness's core services. */
  conversation?: (core: CoreServices) => MessageHandler;
  /** The jobs' view, built on the harness's core services. */
  jobs?: (core: CoreServices) => JobsView;
}

export async function startWeb({ conversation, jobs, ...extra }: StartOptions = {}): Promise<WebHarness> {
  const core = createCoreServices({ clock: fixedClock });
  await core.directory.sync({ divisions, people: Object.values(people) });
  const sessions = createSessionKeeper();
  const log = createLogger({ level: 'silent' });
  const app = new Koa();
  app.use(webSecurityHeaders(extra.auth?.publicUrl));
  const router = createWebRouter({
    core,
    log,
    bureau: '省乡村振兴局',
    ...extra,
    conversation: conversation?.(core),
    jobs: jobs?.(core),
    auth: { sessions, revocations: createSessionRevocations(), ...extra.auth },
  });
  app.use(router.routes()).use(router.allowedMethods()).use(webNotFound());
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    core,
    url,
    sessions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    cookieFor(userid) {
      const { cookie, session } = sessions.issue(userid, false, Date.now());
      return { cookie: `${SESSION_COOKIE}=${cookie}`, csrf: session.csrf };
    },
    adminLink: (next) => createAdminLink(sessions, url, next),
  };
}

export const actorOf = (p: (typeof people)[keyof typeof people]): Actor => ({ userid: p.userid, name: p.name, roles: p.roles, divisionCode: p.divisionCode });

/**
 * Three proposals: 0001 assigned to 开发指导处 and in research (handler 钱专员), 0002 a key proposal
 * assigned to 社会帮扶处, 0003 a co-handled one still registered.
 */
export async function seedLedger(core: CoreServices): Promise<Seeded> {
  const coordinator = actorOf(people.coordinator);
  const { created } = await core.ledger.registerMany(
    [
      newProposalInput({ number: '0001', title: '关于发展庭院经济的提案', proposers: [{ name: '陈委员', userid: 'wy-chen' }] }),
      newProposalInput({ number: '0002', title: '关于加强易地搬迁后续扶持的提案', isKey: true, proposers: [{ name: '刘委员', userid: 'wy-liu' }] }),
      newProposalInput({ number: '0003', title: '关于农村养老服务的提案', handlingType: 'co', externalLeadUnit: '省民政厅' }),
    ],
    coordinator,
    'web',
  );
  const [a, b, c] = created as [Proposal, Proposal, Proposal];
  await core.ledger.perform({ id: a.id }, { type: 'assign', leadDivision: 'kfzd' }, coordinator, 'web');
  await core.ledger.perform({ id: a.id }, { type: 'accept' }, actorOf(people.head), 'web');
  const p1 = await core.ledger.perform({ id: a.id }, { type: 'designate', handlerUserid: 'kf-staff' }, actorOf(people.head), 'web');
  const p2 = await core.ledger.perform({ id: b.id }, { type: 'assign', leadDivision: 'shbf' }, coordinator, 'web');
  return { p1, p2, p3: c };
}

export type Seeded = Record<'p1' | 'p2' | 'p3', Proposal>;

/**
 * A file's console on its own database with `seedLedger`'s three proposals, started before its
 * tests and closed after them. The returned objects are filled in once the file's tests start.
 */
export function useSeededWeb(options: () => StartOptions = () => ({})): { web: WebHarness; seeded: Seeded } {
  useTestDb();
  const web = {} as WebHarness;
  const seeded = {} as Seeded;
  beforeAll(async () => {
    Object.assign(web, await startWeb(options()));
    Object.assign(seeded, await seedLedger(web.core));
  });
  afterAll(async () => web.close?.());
  return { web, seeded };
}

/** Drives a proposal from research to a drafted reply with one measure, as its handler. */
export async function draftReply(core: CoreServices, id: string): Promise<Proposal> {
  const handler = actorOf(people.handler);
  await core.ledger.perform({ id }, { type: 'advance' }, handler, 'web');
  await core.ledger.perform({ id }, { type: 'logContact', phase: 'before', method: 'visit', summary: '上门听取意见' }, handler, 'web');
  await core.ledger.perform({ id }, { type: 'advance' }, handler, 'web');
  return core.ledger.perform(
    { id },
    {
      type: 'draftReply',
      summary: '采纳建议，已将庭院经济纳入年度扶持计划。',
      outcome: 'A',
      measures: ['出台庭院经济扶持办法', '每县建设两个示范村'],
      docNo: '乡振函〔2026〕12号',
    },
    handler,
    'web',
  );
}

/** A form POST as `who` signed in, with their CSRF token; redirects are returned, not followed. */
export function postForm(web: WebHarness, path: string, who: string, body: Record<string, string>): Promise<Response> {
  const { cookie, csrf } = web.cookieFor(who);
  return fetch(`${web.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, ...body }).toString(),
  });
}
