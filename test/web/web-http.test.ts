/**
 * The web console over plain HTTP (koa in-process on a free port): sign-in, role scoping,
 * input validation, CSRF and escaping.
 */
import { describe, expect, it } from 'vitest';
import { useSeededWeb } from './web-harness.js';

const { web, seeded } = useSeededWeb();

const get = (path: string, cookie?: string) => fetch(`${web.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

describe('sign-in', () => {
  it('sends an anonymous visitor to the sign-in page and refuses anonymous downloads', async () => {
    const res = await get('/board');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fboard');
    expect((await get('/ledger/export.csv')).status).toBe(401);
  });

  it('signs in once with the admin link: HttpOnly, SameSite=Lax cookie; the link cannot be used again', async () => {
    const link = web.adminLink('/metrics');
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/metrics');
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^tt_session=/);
    expect(setCookie.toLowerCase()).toContain('httponly');
    expect(setCookie.toLowerCase()).toContain('samesite=lax');
    const board = await get('/board', setCookie.split(';')[0]);
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('本地管理员');

    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('登录链接无效或已过期');
  });

  it('refuses a tampered session cookie', async () => {
    const { cookie } = web.cookieFor('zf-staff');
    const [payload, mac] = cookie.split('=')[1]!.split('.');
    const forged = Buffer.from(JSON.stringify({ userid: 'leader1', admin: true, csrf: 'x'.repeat(32), exp: Date.now() + 1e6 })).toString('base64url');
    expect((await get('/board', `tt_session=${forged}.${mac}`)).status).toBe(302);
    expect((await get('/board', `tt_session=${payload}.${mac}`)).status).toBe(200);
  });

  it('refuses a person who is not in the directory', async () => {
    expect((await get('/board', web.cookieFor('stranger').cookie)).status).toBe(302);
  });

  it('does not follow a sign-in link to another site', async () => {
    const res = await fetch(web.adminLink('//evil.example/'), { redirect: 'manual' });
    expect(res.headers.get('location')).toBe('/home');
  });
});

describe('role scoping (the same permissions as in chat)', () => {
  const numbersOn = async (userid: string) => {
    const body = await (await get('/ledger', web.cookieFor(userid).cookie)).text();
    // Staff get the ledger table; a member their own proposals as cards.
    return [...body.matchAll(/data-number="(\d+)"/g)].map((m) => m[1]).sort();
  };

  it('coordinators and leaders see every proposal', async () => {
    expect(await numbersOn('zf-staff')).toEqual(['0001', '0002', '0003']);
    expect(await numbersOn('leader1')).toEqual(['0001', '0002', '0003']);
  });

  it('a division sees its own, a member only the proposals they filed', async () => {
    expect(await numbersOn('kf-head')).toEqual(['0001']);
    expect(await numbersOn('bf-head')).toEqual(['0002']);
    expect(await numbersOn('wy-liu')).toEqual(['0002']);
  });

  it("refuses to show another division's proposal page or its reply letter", async () => {
    const other = await get(`/proposals/${seeded.p1.id}`, web.cookieFor('bf-head').cookie);
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('不在您的办理范围内');
    expect((await get(`/proposals/${seeded.p1.id}/letter.docx`, web.cookieFor('bf-head').cookie)).status).toBe(403);
    expect((await get(`/proposals/${seeded.p1.id}`, web.cookieFor('kf-head').cookie)).status).toBe(200);
  });

  it('limits the export to what the person may see', async () => {
    const csv = await (await get('/ledger/export.csv', web.cookieFor('kf-staff').cookie)).text();
    expect(csv).toContain('关于发展庭院经济的提案');
    expect(csv).not.toContain('易地搬迁');
  });

  it('names a filtered export after its filter, and only what the filter keeps is in it', async () => {
    const cookie = web.cookieFor('zf-staff').cookie;
    const all = await get('/ledger/export.xlsx', cookie);
    expect(decodeURIComponent(all.headers.get('content-disposition') ?? '')).toMatch(/提案台账-\d{4}-\d{2}-\d{2}\.xlsx/);
    const res = await get('/ledger/export.csv?division=kfzd&key=1', cookie);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('提案台账-开发指导处-重点提案-');
    const keyOnly = await (await get('/ledger/export.csv?key=1', cookie)).text();
    expect(keyOnly).toContain('易地搬迁');
    expect(keyOnly).not.toContain('庭院经济');
  });

  it('keeps import, outbox and job views to coordinators, and metrics away from members', async () => {
    const head = web.cookieFor('kf-head').cookie;
    expect((await get('/import', head)).status).toBe(403);
    expect((await get('/admin/outbox', head)).status).toBe(403);
    expect((await get('/metrics', web.cookieFor('wy-chen').cookie)).status).toBe(403);
    expect((await get('/import', web.cookieFor('zf-staff').cookie)).status).toBe(200);
  });

  it('gives each division its 月调度 score and a weekly trend read from the ledger since the first week', async () => {
    const body = await (await get('/metrics', web.cookieFor('zf-staff').cookie)).text();
    expect(body).toContain('月调度得分');
    expect(body).toMatch(/<td data-label="月调度得分" class="score">(\d+\.\d|—)<\/td>/);
    expect(body).toContain('得分 = 100 ×');
    // The seeded proposals were received in the week of 21 September; the fixed now is in W41.
    const weeks = [...body.matchAll(/<tr data-week="([\d-W]+)">/g)].map((m) => m[1]);
    expect(weeks).toEqual(['2026-W41', '2026-W40', '2026-W39']);
    // 0001 was accepted and is in handling, not yet met: 见面沟通率 0/1 with its count.
    expect(body).toMatch(/<tr data-week="2026-W41"><td>2026-W41<\/td><td>[^<]*<\/td><td>0\.0%（0\/1）<\/td>/);
  });

  it('every number on the metrics page opens a ledger list of exactly that many proposals, rates included', async () => {
    const cookie = web.cookieFor('zf-staff').cookie;
    // Move 0001 on so that the rates have something to count: met face to face, in handling.
    const handler = { userid: 'kf-staff', name: '钱专员', roles: ['handler' as const], divisionCode: 'kfzd' };
    await web.core.ledger.perform({ id: seeded.p1.id }, { type: 'advance' }, handler, 'web');
    await web.core.ledger.perform({ id: seeded.p1.id }, { type: 'logContact', phase: 'before', method: 'visit', summary: '上门听取意见' }, handler, 'web');
    const body = await (await get('/metrics', cookie)).text();
    const links = [...body.matchAll(/<a class="drill" href="([^"]+)">(\d+)<\/a>/g)].map((m) => ({ href: m[1]!.replace(/&amp;/g, '&'), n: Number(m[2]) }));
    expect(links.some((l) => l.href.includes('rate=faceToFace-num') && l.n === 1)).toBe(true);
    expect(links.some((l) => l.href.includes('leadDivision=kfzd&rate=faceToFace-den'))).toBe(true);
    for (const link of links) {
      const list = await (await get(link.href, cookie)).text();
      expect({ href: link.href, rows: (list.match(/<tr data-number=/g) ?? []).length }).toEqual({ href: link.href, rows: link.n });
    }
    const chip = await (await get('/ledger?rate=faceToFace-num', cookie)).text();
    expect(chip).toContain('见面沟通率（达成） ✕');
  });

  it('shows a division head only their division in the metrics', async () => {
    const body = await (await get('/metrics', web.cookieFor('kf-head').cookie)).text();
    expect(body).toContain('data-division="kfzd"');
    expect(body).not.toContain('data-division="shbf"');
  });
});

describe('input validation, CSRF and escaping', () => {
  it('says which filter is wrong and how to write it', async () => {
    const res = await get('/board?type=both', web.cookieFor('zf-staff').cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('主办/协办只能是 lead 或 co');
    const bad = await get('/metrics?from=2026-13-01', web.cookieFor('zf-staff').cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('YYYY-MM-DD');
  });

  it('filters the board by division', async () => {
    const body = await (await get('/board?division=shbf', web.cookieFor('zf-staff').cookie)).text();
    expect(body).toContain('data-number="0002"');
    expect(body).not.toContain('data-number="0001"');
  });

  it("refuses a POST without the session's CSRF token, even with the cookie", async () => {
    const { cookie, csrf } = web.cookieFor('zf-staff');
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${web.url}/sim/message`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/json', ...headers }, body });
    const missing = await post({}, JSON.stringify({ as: 'zf-staff', text: '帮助' }));
    expect(missing.status).toBe(403);
    const wrong = await post({ 'x-csrf-token': 'A'.repeat(32) }, JSON.stringify({ as: 'zf-staff', text: '帮助' }));
    expect(wrong.status).toBe(403);
    const form = await fetch(`${web.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${csrf}`,
    });
    expect(form.status).toBe(302);
  });

  it('escapes what people typed: a title with markup is shown as text', async () => {
    const coordinator = { userid: 'zf-staff', name: '王协调', roles: ['coordinator' as const], divisionCode: 'zcfg' };
    const { created } = await web.core.ledger.registerMany(
      [{ ...seeded.p3, number: '0099', title: '<script>alert(1)</script>关于<b>测试</b>的提案', session: '十二届五次', assistingDivisions: [] }],
      coordinator,
      'web',
    );
    const body = await (await get(`/proposals/${created[0]!.id}`, web.cookieFor('zf-staff').cookie)).text();
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;关于&lt;b&gt;测试&lt;/b&gt;的提案');
    const board = await (await get('/board?q=0099', web.cookieFor('zf-staff').cookie)).text();
    expect(board).not.toContain('<b>测试</b>');
  });

  it('sends a content security policy that allows no inline script', async () => {
    const res = await get('/board', web.cookieFor('zf-staff').cookie);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('mounting beside the other routes of the service', () => {
  it('leaves paths it does not own (WeCom callbacks, health) to the routers after it', async () => {
    const { default: Koa } = await import('koa');
    const { default: Router } = await import('@koa/router');
    const { createWebRouter, createSessionKeeper } = await import('../../src/web/web.router.js');
    const { createSessionRevocations } = await import('../../src/store/session-revocation.repository.js');
    const { createLogger } = await import('../../src/shared/logger.js');
    const app = new Koa();
    const console = createWebRouter({
      core: web.core,
      log: createLogger({ level: 'silent' }),
      auth: { sessions: createSessionKeeper(), revocations: createSessionRevocations() },
    });
    const other = new Router();
    other.post('/wecom/callback', (ctx) => {
      ctx.body = 'callback ok';
    });
    app.use(console.routes()).use(console.allowedMethods()).use(other.routes());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const callback = await fetch(`${base}/wecom/callback`, { method: 'POST', body: '<xml/>' });
      expect(callback.status).toBe(200);
      expect(await callback.text()).toBe('callback ok');
      expect((await fetch(`${base}/board`, { redirect: 'manual' })).status).toBe(302);
    } finally {
      server.close();
    }
  });
});
