/** Input validation and page rendering shared by the routes. */
import type { Context } from 'koa';
import type { z } from 'zod';
import type { SafeHtml } from './html.js';
import { page, type PageOptions } from './layout.js';
import type { Viewer } from './viewer.js';
import { InputError } from '../shared/input-error.js';

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw new InputError(...r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message)));
}

export function viewerOf(ctx: Context): Viewer {
  const v = ctx.state.viewer;
  if (!v) ctx.throw(401);
  return v;
}

export function render(ctx: Context, o: Omit<PageOptions, 'viewer'> & { body: SafeHtml }, status = 200): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('cache-control', 'no-store');
  ctx.body = String(page({ ...o, viewer: ctx.state.viewer }));
}
