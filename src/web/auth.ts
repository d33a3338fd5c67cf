/**
 * Sign-in and the per-request guard: WeCom OAuth when configured, the one-time admin link
 * otherwise; a signed session cookie; the CSRF check on every POST.
 */
import Router from '@koa/router';
import { randomBytes } from 'node:crypto';
import type { Context, Middleware, Next } from 'koa';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/ports.js';
import { readForm } from './body.js';
import { html } from './html.js';
import { page } from './layout.js';
import { csrfMatches, SESSION_COOKIE, SESSION_TTL_MS, type SessionKeeper } from './session.js';
import { viewerFor } from './viewer.js';
import type { WebAuthOptions } from './web-deps.js';
import { webTexts as t } from './web.texts.js';
import { createWecomLogin } from './wecom-login.js';
import type { Logger } from '../shared/logger.js';

const STATE_COOKIE = 'tt_oauth_state';
/** Paths open without a session. */
// /results is the public results page (办理结果公开): only what coordinators opted in, whitelisted.
const PUBLIC = /^\/(login|auth\/|assets\/|healthz|favicon\.ico$|results$)/;

/** Methods that change something: each needs the session's CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Only a local path may follow sign-in, so the link cannot send people elsewhere. */
const localPath = z
  .string()
  .regex(/^\/(?![/\\])[\w\-/.?=&%]*$/)
  .max(300)
  .catch('/home');

const cookieOptions = (ctx: Context, maxAge: number) => ({ httpOnly: true, sameSite: 'lax' as const, secure: ctx.secure, path: '/', maxAge, overwrite: true });

function startSession(ctx: Context, sessions: SessionKeeper, userid: string, admin: boolean): void {
  const { cookie } = sessions.issue(userid, admin, Date.now());
  ctx.cookies.set(SESSION_COOKIE, cookie, cookieOptions(ctx, SESSION_TTL_MS));
}

/** The admin link to print at startup: signs the opener in as the local admin, once. */
export function createAdminLink(sessions: SessionKeeper, baseUrl: string, next = '/home'): string {
  const q = new URLSearchParams({ token: sessions.createLinkToken(Date.now()), next });
  return `${baseUrl.replace(/\/+$/, '')}/auth/link?${q}`;
}

/** Resolves the viewer from the session cookie; sends anonymous visitors to sign in. */
export function requireViewer(auth: Pick<WebAuthOptions, 'sessions' | 'revocations'>, directory: DirectoryRepository): Middleware {
  return async (ctx: Context, next: Next) => {
    if (PUBLIC.test(ctx.path)) return next();
    const verified = auth.sessions.verify(ctx.cookies.get(SESSION_COOKIE), Date.now());
    // A signed-out session stays signed out on every instance (the revocation is in the database).
    const session = verified && !(await auth.revocations.isRevoked(verified.sid)) ? verified : undefined;
    const person = session && !session.admin ? await directory.findPerson(session.userid) : undefined;
    if (!session && ctx.path === '/logout') {
      // Nothing to end: just forget the cookie.
      ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
      return ctx.redirect('/login');
    }
    if (!session || (!session.admin && !person?.active)) {
      if (ctx.method === 'GET' && !ctx.path.startsWith('/ledger/export') && !ctx.path.endsWith('.docx')) {
        ctx.redirect(`/login?next=${encodeURIComponent(ctx.originalUrl)}`);
      } else {
        ctx.status = 401;
      }
      return;
    }
    ctx.state.viewer = viewerFor(session, person ?? undefined);
    return next();
  };
}

/**
 * Every state-changing request (POST, PUT, DELETE…, sign-out included) carries the session's
 * token: in the form (`_csrf`) or the `x-csrf-token` header. Without a session there is nothing
 * to change: requireViewer has already refused it.
 */
export function requireCsrf(): Middleware {
  return async (ctx: Context, next: Next) => {
    const viewer = ctx.state.viewer;
    if (SAFE_METHODS.has(ctx.method) || !viewer) return next();
    let submitted = ctx.get('x-csrf-token') || undefined;
    if (!submitted && ctx.is('application/x-www-form-urlencoded')) {
      ctx.state.form = await readForm(ctx);
      submitted = ctx.state.form._csrf;
    }
    if (!csrfMatches(viewer.session, submitted)) {
      ctx.status = 403;
      ctx.type = 'html';
      ctx.body = String(page({ title: t.errorTitle, body: html`<p class="error">${t.csrf}</p>` }));
      return;
    }
    return next();
  };
}

export function authRouter(auth: WebAuthOptions, directory: DirectoryRepository, log: Logger): Router {
  const router = new Router();
  // WeCom sign-in redirects only to PUBLIC_URL, never to an address taken from the request's
  // Host or X-Forwarded-Host; without it the WeCom sign-in is off.
  const publicUrl = auth.publicUrl;
  const wecom = auth.wecom && publicUrl ? createWecomLogin(auth.wecom) : undefined;

  router.get('/login', (ctx) => {
    const next = localPath.parse(ctx.query.next);
    // Inside WeCom's own browser the OAuth round trip is silent: go straight to it.
    if (wecom && /wxwork/i.test(ctx.get('user-agent'))) return ctx.redirect(`/auth/wecom?next=${encodeURIComponent(next)}`);
    ctx.type = 'html';
    ctx.body = String(
      page({
        title: t.loginTitle,
        body: html`<section class="login">
          ${ctx.query.out ? html`<p class="flash">${t.loggedOut}</p>` : ''}
          ${wecom ? html`<p><a class="button primary" href="/auth/wecom?next=${encodeURIComponent(next)}">${t.loginWecom}</a></p>` : ''}
          ${auth.wecom && !wecom ? html`<p class="error">${t.wecomNeedsPublicUrl}</p>` : ''}
          <p class="hint">${t.loginLocalHint}</p>
        </section>`,
      }),
    );
  });

  router.get('/auth/link', (ctx) => {
    const token = z
      .string()
      .regex(/^[A-Za-z0-9_-]{20,100}$/)
      .safeParse(ctx.query.token);
    if (!token.success || !auth.sessions.consumeLinkToken(token.data, Date.now())) {
      ctx.status = 403;
      ctx.type = 'html';
      ctx.body = String(page({ title: t.loginTitle, body: html`<p class="error">${t.linkInvalid}</p>` }));
      return;
    }
    startSession(ctx, auth.sessions, 'web-admin', true);
    log.info('web console: signed in with the admin link');
    ctx.redirect(localPath.parse(ctx.query.next));
  });

  router.get('/auth/wecom', (ctx) => {
    if (!wecom || !publicUrl) {
      ctx.status = auth.wecom ? 503 : 404;
      ctx.type = 'html';
      ctx.body = String(page({ title: t.loginTitle, body: html`<p class="error">${auth.wecom ? t.wecomNeedsPublicUrl : t.wecomOff}</p>` }));
      return;
    }
    const state = randomBytes(16).toString('hex');
    ctx.cookies.set(STATE_COOKIE, `${state}|${localPath.parse(ctx.query.next)}`, cookieOptions(ctx, 10 * 60_000));
    ctx.redirect(wecom.authorizeUrl(`${publicUrl}/auth/wecom/callback`, state));
  });

  router.get('/auth/wecom/callback', async (ctx) => {
    const q = z.object({ code: z.string().min(1).max(512), state: z.string().regex(/^[a-f0-9]{32}$/) }).safeParse(ctx.query);
    const [expected, next] = (ctx.cookies.get(STATE_COOKIE) ?? '').split('|');
    ctx.cookies.set(STATE_COOKIE, null, { path: '/' });
    const fail = (message: string) => {
      ctx.status = 403;
      ctx.type = 'html';
      ctx.body = String(page({ title: t.loginTitle, body: html`<p class="error">${message}</p>` }));
    };
    if (!wecom || !q.success || q.data.state !== expected) return fail(t.wecomFailed);
    let userid: string | undefined;
    try {
      userid = await wecom.userIdFromCode(q.data.code);
    } catch (err) {
      log.warn({ err }, 'wecom web login failed');
    }
    if (!userid) return fail(t.wecomFailed);
    const person = await directory.findPerson(userid);
    if (!person?.active) return fail(t.notInDirectory(userid));
    startSession(ctx, auth.sessions, userid, false);
    ctx.redirect(localPath.parse(next));
  });

  router.post('/logout', async (ctx) => {
    const session = ctx.state.viewer?.session;
    if (session) await auth.revocations.revoke(session.sid, new Date(session.exp), new Date());
    ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
    ctx.redirect('/login?out=1');
  });

  return router;
}
