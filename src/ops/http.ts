/**
 * HTTP plumbing for operations: a request id and access log for every request, HTTP metrics,
 * and the router serving /healthz, /readyz and (on the internal ops port) /metrics.
 */
import Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';
import { randomUUID } from 'node:crypto';
import type { Readiness } from './health.js';
import type { Logger } from '../shared/logger.js';
import type { Metrics } from './metrics.js';

/** An incoming x-request-id is kept only when it looks like an id (it ends up in logs). */
const REQUEST_ID = /^[\w.:-]{1,64}$/;
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Gives each request an id (`x-request-id`, echoed back), a child logger on `ctx.state.log`,
 * one access-log line (path without the query: it may carry a sign-in token), and metrics.
 */
export function requestContext(log: Logger, metrics: Metrics): Middleware {
  return async (ctx: Context, next: Next) => {
    const given = ctx.get('x-request-id');
    const reqId = REQUEST_ID.test(given) ? given : randomUUID();
    ctx.set('x-request-id', reqId);
    const rlog = log.child({ reqId });
    ctx.state.log = rlog;
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = performance.now() - started;
      // koa-router leaves the matched pattern here; unmatched paths share one label.
      const route = (ctx as { routePath?: string }).routePath ?? (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      const status = ctx.status;
      metrics.httpRequests.inc({ method: ctx.method, route: String(route), status: String(status) });
      metrics.httpSeconds.observe({ method: ctx.method, route: String(route) }, ms / 1000);
      if (!QUIET.has(ctx.path) || status >= 500) {
        rlog[status >= 500 ? 'warn' : 'info']({ method: ctx.method, path: ctx.path, status, ms: Math.round(ms) }, 'http request');
      }
    }
  };
}

export interface OpsRouterOptions {
  readiness: Readiness;
  /** Serve /metrics too (only on the internal ops port: the main port faces the internet). */
  metrics?: Metrics;
}

export function opsRouter(o: OpsRouterOptions): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const report = await o.readiness();
    ctx.status = report.status === 'ready' ? 200 : 503;
    ctx.body = report;
  });
  const metrics = o.metrics;
  if (metrics) {
    router.get('/metrics', async (ctx) => {
      ctx.type = metrics.registry.contentType;
      ctx.body = await metrics.registry.metrics();
    });
  }
  return router;
}
