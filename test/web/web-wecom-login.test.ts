/**
 * WeCom web sign-in: OAuth2 snsapi_base, then /cgi-bin/auth/getuserinfo with the app's access
 * token, against a local stand-in for the WeCom API (the base URL is configuration).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWecomApiClient } from '../../src/channels/wecom-api/client.js';
import { useTestDb } from '../support/test-db.js';
import { startWeb, type WebHarness } from './web-harness.js';

useTestDb();

/** code → userid the stand-in knows; any other code gets errcode 40029 (invalid code). */
const CODES: Record<string, string> = { 'code-head': 'kf-head', 'code-stranger': 'not-in-directory' };
let api: Server;
let apiBase: string;
const seen: string[] = [];
let web: WebHarness;
/** Where people reach the console: the only address the sign-in ever sends them back to. */
const PUBLIC_URL = 'https://tiantong.example.cn';

beforeAll(async () => {
  api = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(url.pathname);
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/cgi-bin/gettoken') {
      const ok = url.searchParams.get('corpid') === 'corp1' && url.searchParams.get('corpsecret') === 'secret1';
      res.end(JSON.stringify(ok ? { errcode: 0, access_token: 'tok1', expires_in: 7200 } : { errcode: 40013 }));
    } else if (url.pathname === '/cgi-bin/auth/getuserinfo') {
      const userid = url.searchParams.get('access_token') === 'tok1' ? CODES[url.searchParams.get('code') ?? ''] : undefined;
      res.end(JSON.stringify(userid ? { errcode: 0, userid } : { errcode: 40029, errmsg: 'invalid code' }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  web = await startWeb({ auth: { publicUrl: PUBLIC_URL, wecom: wecomLogin() } });
});
afterAll(async () => {
  await web?.close();
  await new Promise((resolve) => api?.close(resolve));
});

/** Follows the console's redirect to WeCom and returns the state WeCom would echo, plus the state cookie. */
async function startOAuth(): Promise<{ state: string; cookie: string; redirectUri: string }> {
  const login = await fetch(`${web.url}/login?next=%2Fledger`, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 wxwork/4.1.0' } });
  expect(login.headers.get('location')).toBe('/auth/wecom?next=%2Fledger');
  // A forged X-Forwarded-Host must not change where WeCom sends the code.
  const res = await fetch(`${web.url}/auth/wecom?next=%2Fledger`, { redirect: 'manual', headers: { 'x-forwarded-host': 'evil.example' } });
  const target = new URL(res.headers.get('location')!);
  expect(target.origin + target.pathname).toBe('https://open.example/connect/oauth2/authorize');
  expect(target.searchParams.get('scope')).toBe('snsapi_base');
  expect(target.searchParams.get('appid')).toBe('corp1');
  return {
    state: target.searchParams.get('state')!,
    cookie: res.headers.get('set-cookie')!.split(';')[0]!,
    redirectUri: target.searchParams.get('redirect_uri')!,
  };
}

describe('WeCom web sign-in', () => {
  it('turns the code into a userid and signs the person in with their own scope', async () => {
    const { state, cookie, redirectUri } = await startOAuth();
    expect(redirectUri).toBe(`${PUBLIC_URL}/auth/wecom/callback`);
    const back = await fetch(`${web.url}/auth/wecom/callback?code=code-head&state=${state}`, { redirect: 'manual', headers: { cookie } });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/ledger');
    expect(seen).toContain('/cgi-bin/auth/getuserinfo');
    const session = back.headers
      .get('set-cookie')!
      .split(', ')
      .find((c) => c.startsWith('tt_session='))!
      .split(';')[0]!;
    const page = await (await fetch(`${web.url}/ledger`, { headers: { cookie: session } })).text();
    expect(page).toContain('当前用户：赵处长');
    expect(page).not.toContain('href="/import"');
  });

  it('refuses a callback whose state does not match the one it sent', async () => {
    const { cookie } = await startOAuth();
    const res = await fetch(`${web.url}/auth/wecom/callback?code=code-head&state=${'0'.repeat(32)}`, { redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('tt_session=ey');
  });

  it('refuses an invalid code and a WeCom user who is not in the directory', async () => {
    for (const [code, message] of [
      ['code-unknown', '企业微信登录没有成功'],
      ['code-stranger', '不在提案通通讯录中'],
    ]) {
      const { state, cookie } = await startOAuth();
      const res = await fetch(`${web.url}/auth/wecom/callback?code=${code}&state=${state}`, { redirect: 'manual', headers: { cookie } });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(message);
    }
  });
});

/** The sign-in's WeCom settings, against the stand-in API. */
const wecomLogin = () => ({
  corpId: 'corp1',
  agentId: 1000002,
  api: createWecomApiClient({ corpId: 'corp1', agentId: 1000002, secret: 'secret1', apiBase }),
  authorizeBase: 'https://open.example',
});

describe('WeCom web sign-in without PUBLIC_URL', () => {
  it('is refused with a message saying what to set, instead of redirecting to an address taken from the request', async () => {
    const bare = await startWeb({ auth: { wecom: wecomLogin() } });
    try {
      const res = await fetch(`${bare.url}/auth/wecom?next=%2Fledger`, { redirect: 'manual', headers: { 'x-forwarded-host': 'evil.example' } });
      expect(res.status).toBe(503);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('PUBLIC_URL');
      const login = await fetch(`${bare.url}/login`, { headers: { 'user-agent': 'Mozilla/5.0 wxwork/4.1.0' }, redirect: 'manual' });
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('PUBLIC_URL');
    } finally {
      await bare.close();
    }
  });
});
