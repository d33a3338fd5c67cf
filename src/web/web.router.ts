/**
 * The web console: process board, proposal pages, ledger with export, metrics, import, admin
 * views and the chat simulator, behind WeCom sign-in or the local admin link. One router that
 * src/main/service.ts mounts on the service's koa app.
 */
import Router from '@koa/router';
import { readFileSync } from 'node:fs';
import type { Context, Middleware, Next } from 'koa';
import { BodyTooLarge } from '../channels/wecom-app/read-body.js';
import { createWebSimChannel } from '../channels/web-sim/web-sim.channel.js';
import { isDomainError, type DomainErrorCode } from '../domain/errors.js';
import { refusalText } from '../present/refusals.js';
import { adminRoutes } from './admin.routes.js';
import { authRouter, requireCsrf, requireViewer } from './auth.js';
import { html } from './html.js';
import { importRoutes } from './import.routes.js';
import { compressText } from './compress.js';
import { deskRoutes } from './desk.routes.js';
import { ledgerRoutes } from './ledger.routes.js';
import { reportRoutes } from './report.routes.js';
import { publicRoutes } from './public.routes.js';
import { render } from './respond.js';
import { InputError } from '../shared/input-error.js';
import { simRoutes } from './sim.routes.js';
import type { WebOptions } from './web-deps.js';
import { webTexts as t } from './web.texts.js';

export { createAdminLink } from './auth.js';
export { createSessionKeeper } from './session.js';
export type { WebOptions } from './web-deps.js';

const ASSETS: Record<string, string> = { 'app.css': 'text/css', 'sim.js': 'text/javascript', 'import.js': 'text/javascript', 'favicon.svg': 'image/svg+xml' };
const assetBodies = new Map(Object.keys(ASSETS).map((name) => [name, readFileSync(new URL(`./assets/${name}`, import.meta.url))]));

const STATUS_OF: Record<DomainErrorCode, number> = {
  forbidden: 403,
  notInScope: 403,
  notFound: 404,
  conflict: 409,
  invalidStage: 409,
  precondition: 409,
  invalidInput: 400,
  duplicate: 409,
};

/** Scripts (the simulator, the upload) get JSON errors; pages get a page. */
const wantsJson = (ctx: Context) => ctx.path.startsWith('/sim/') || ctx.path === '/import/upload' || /^\/import\/\w+\/status$/.test(ctx.path);

async function errorBoundary(ctx: Context, next: Next, o: Pick<WebOptions, 'log'>): Promise<void> {
  try {
    await next();
  } catch (err) {
    let status = 500;
    let messages: string[] = [t.serverError];
    if (err instanceof InputError) [status, messages] = [400, [t.badInput, ...err.problems]];
    else if (isDomainError(err)) [status, messages] = [STATUS_OF[err.code], [refusalText(err.refusal)]];
    else if (err instanceof BodyTooLarge) [status, messages] = [413, [t.tooLarge]];
    else if (typeof (err as { status?: unknown }).status === 'number' && (err as { expose?: boolean }).expose) {
      status = (err as { status: number }).status;
      messages = [status === 413 ? t.tooLarge : status === 404 ? t.notFoundPage : (err as Error).message];
    } else o.log.error({ err, path: ctx.path }, 'web console request failed');
    if (wantsJson(ctx)) {
      ctx.status = status;
      ctx.body = { error: messages.join('\n') };
      return;
    }
    render(ctx, { title: t.errorTitle, body: html`${messages.map((m) => html`<p class="error">${m}</p>`)}<p><a href="/board">${t.backHome}</a></p>` }, status);
  }
}

/**
 * Security headers on every response of the service, 404s and errors included (mount first):
 * CSP, no sniffing, same-origin referrers, and HSTS once served over HTTPS (directly, through a
 * trusted proxy, or behind an https PUBLIC_URL).
 */
export function webSecurityHeaders(publicUrl: string | undefined): Middleware {
  const https = publicUrl?.startsWith('https://') ?? false;
  return async (ctx, next) => {
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('referrer-policy', 'same-origin');
    ctx.set(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'",
    );
    if (https || ctx.secure) ctx.set('strict-transport-security', 'max-age=31536000');
    await next();
  };
}

/** Mount last: a path nobody served gets the console's own 404 page. */
export function webNotFound(): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      render(ctx, { title: t.errorTitle, body: html`<p class="error">${t.notFoundPage}</p><p><a href="/board">${t.backHome}</a></p>` }, 404);
    }
  };
}

export function createWebRouter(o: WebOptions): Router {
  const router = new Router();
  const sim = o.webSim ?? (o.conversation ? createWebSimChannel(o.conversation) : undefined);

  router.use(compressText());
  router.use(async (ctx, next) => errorBoundary(ctx, next, o));
  router.use(requireViewer(o.auth, o.core.directory));
  router.use(requireCsrf());

  router.get('/assets/:name', (ctx) => {
    const name = ctx.params.name ?? '';
    const body = assetBodies.get(name);
    if (!body) ctx.throw(404);
    ctx.type = ASSETS[name]!;
    ctx.set('cache-control', 'public, max-age=300');
    ctx.body = body;
  });
  router.get('/', (ctx) => ctx.redirect('/home'));
  // Browsers ask for /favicon.ico whatever the page says.
  router.get('/favicon.ico', (ctx) => {
    ctx.set('cache-control', 'public, max-age=86400');
    ctx.redirect('/assets/favicon.svg');
  });

  for (const sub of [
    authRouter(o.auth, o.core.directory, o.log),
    ledgerRoutes(o),
    reportRoutes(o),
    publicRoutes(o),
    deskRoutes(o),
    importRoutes(o),
    adminRoutes(o),
    simRoutes(o, sim),
  ]) {
    router.use(sub.routes(), sub.allowedMethods());
  }
  return router;
}
