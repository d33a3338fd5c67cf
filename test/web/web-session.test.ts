/**
 * Sessions and proxies: signing out ends the session on every instance sharing the database;
 * every state-changing request (sign-out included) needs the CSRF token; forwarding headers are
 * believed only with TRUST_PROXY; HSTS over HTTPS; the CSP on every response, 404s included.
 */
import Koa from 'koa';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOpsConfig } from '../../src/ops/ops.config.js';
import { webNotFound, webSecurityHeaders } from '../../src/web/web.router.js';
import { useTestDb } from '../support/test-db.js';
import { startWeb, type WebHarness } from './web-harness.js';

useTestDb();

let a: WebHarness;
let b: WebHarness;
beforeAll(async () => {
  a = await startWeb();
  // A second instance on the same database with the shared session secret (SESSION_SECRET).
  b = await startWeb({ auth: { sessions: a.sessions } });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const board = (base: string, cookie: string) => fetch(`${base}/board`, { headers: { cookie }, redirect: 'manual' });
const logout = (base: string, cookie: string, csrf?: string) =>
  fetch(`${base}/logout`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: csrf ? `_csrf=${csrf}` : '',
    redirect: 'manual',
  });

describe('signing out', () => {
  it('ends the session on every instance: the same cookie is sent to sign in afterwards', async () => {
    const { cookie, csrf } = a.cookieFor('zf-staff');
    expect((await board(a.url, cookie)).status).toBe(200);
    expect((await board(b.url, cookie)).status).toBe(200);
    const out = await logout(b.url, cookie, csrf);
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('/login?out=1');
    for (const base of [a.url, b.url]) {
      const res = await board(base, cookie);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/login/);
    }
    // Downloads and posts are refused too, not only pages.
    expect((await fetch(`${a.url}/ledger/export.csv`, { headers: { cookie } })).status).toBe(401);
    const signIn = await (await fetch(`${a.url}/login?out=1`)).text();
    expect(signIn).toContain('您已退出登录');
  });

  it('needs the CSRF token: a forged sign-out is refused and the session goes on', async () => {
    const { cookie } = a.cookieFor('kf-head');
    const forged = await logout(a.url, cookie);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('页面已过期或来源不明');
    expect((await board(a.url, cookie)).status).toBe(200);
  });

  it('leaves other sessions of the same person alone', async () => {
    const first = a.cookieFor('kf-staff');
    const second = a.cookieFor('kf-staff');
    await logout(a.url, first.cookie, first.csrf);
    expect((await board(a.url, first.cookie)).status).toBe(302);
    expect((await board(a.url, second.cookie)).status).toBe(200);
  });

  it('without a session just forgets the cookie', async () => {
    const res = await fetch(`${a.url}/logout`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login');
  });
});

describe('CSRF on every state-changing method', () => {
  it('refuses a change without the token whatever the method (a method no route takes is 405)', async () => {
    const { cookie } = a.cookieFor('zf-staff');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${a.url}/admin/outbox/000000000000000000000000/retry`, { method, headers: { cookie } });
      expect({ method, refused: [403, 405].includes(res.status) }).toEqual({ method, refused: true });
    }
  });
});

describe('headers on every response', () => {
  it('a page nobody serves gets the 404 page with the CSP', async () => {
    const res = await fetch(`${a.url}/no-such-page`, { headers: { cookie: a.cookieFor('zf-staff').cookie } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('没有这个页面');
    const anon = await fetch(`${a.url}/no-such-page`, { redirect: 'manual' });
    expect(anon.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('compresses pages for browsers that accept it, and serves a favicon without signing in', async () => {
    const { cookie } = a.cookieFor('zf-staff');
    for (const encoding of ['br', 'gzip']) {
      // fetch would decode it; a raw request shows what went over the wire.
      const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) =>
        request(`${a.url}/board`, { headers: { cookie, 'accept-encoding': encoding } }, resolve)
          .on('error', reject)
          .end(),
      );
      res.resume();
      expect({ encoding, got: res.headers['content-encoding'] }).toEqual({ encoding, got: encoding });
    }
    const icon = await fetch(`${a.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
  });

  /** A bare app with the console's header and 404 middleware, as the service mounts them. */
  async function served(proxy: boolean, publicUrl?: string): Promise<{ url: string; close: () => void }> {
    const app = new Koa();
    app.proxy = proxy;
    app.use(webSecurityHeaders(publicUrl));
    app.use(async (ctx, next) => {
      if (ctx.path === '/ip') ctx.body = ctx.ip;
      else await next();
    });
    app.use(webNotFound());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
  }

  it('believes X-Forwarded-* only when TRUST_PROXY says so; HSTS only over HTTPS', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' };
    const untrusted = await served(false);
    const trusted = await served(true);
    const behindHttps = await served(false, 'https://tiantong.example.cn');
    try {
      const u = await fetch(`${untrusted.url}/ip`, { headers: forwarded });
      expect(await u.text()).not.toContain('203.0.113.9');
      expect(u.headers.get('strict-transport-security')).toBeNull();
      const t = await fetch(`${trusted.url}/ip`, { headers: forwarded });
      expect(await t.text()).toBe('203.0.113.9');
      expect(t.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect((await fetch(`${behindHttps.url}/x`)).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      untrusted.close();
      trusted.close();
      behindHttps.close();
    }
  });

  it('TRUST_PROXY is off unless set, and a wrong value says how to write it', () => {
    expect(loadOpsConfig({}).trustProxy).toBe(false);
    expect(loadOpsConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadOpsConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY=true/);
  });
});
