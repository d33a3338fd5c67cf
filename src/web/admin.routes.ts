/** Coordinators' views of what the service sends and runs: the outbox and the job runs. */
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { loadNames } from '../domain/names.js';
import { jobsPage, OUTBOX_TABS, outboxPage } from './pages/admin.page.js';
import { parseInput, render, viewerOf } from './respond.js';
import type { WebPart } from './web-deps.js';
import { webTexts as t } from './web.texts.js';

const statusQuery = z.object({
  status: z.enum(OUTBOX_TABS, { error: `状态只能是 ${OUTBOX_TABS.join('、')} 之一` }).optional(),
  done: z.enum(['retried', 'notRetried']).optional(),
});

export function adminRoutes(o: WebPart<'directory', 'log' | 'outbox' | 'jobs'>): Router {
  const router = new Router();
  const coordinator = (ctx: Context) => {
    const viewer = viewerOf(ctx);
    if (!viewer.isCoordinator) ctx.throw(403, t.forbiddenPage);
    return viewer;
  };

  router.get('/admin/outbox', async (ctx) => {
    const viewer = coordinator(ctx);
    const q = parseInput(statusQuery, ctx.query);
    const [names, rows] = await Promise.all([loadNames(o.core), o.outbox?.listOutbox({ status: q.status, limit: 200 })]);
    const flash = q.done ? t[q.done] : undefined;
    render(ctx, { title: t.outboxTitle, active: 'admin', body: outboxPage(rows, q.status, names, viewer, flash) });
  });

  router.post('/admin/outbox/:id/retry', async (ctx) => {
    coordinator(ctx);
    const id = parseInput(z.string().regex(/^[a-f0-9]{24}$|^[\w-]{1,64}$/, '消息编号格式不对'), ctx.params.id);
    const outbox = o.outbox;
    if (!outbox) return ctx.throw(404, t.outboxMissing);
    const ok = await outbox.retryOutbox(id);
    o.log.info({ outboxId: id, ok, by: ctx.state.viewer?.actor.userid }, 'outbox retry from the web console');
    ctx.redirect(`/admin/outbox?status=${ok ? 'pending' : 'failed'}&done=${ok ? 'retried' : 'notRetried'}`);
  });

  router.get('/admin/jobs', async (ctx) => {
    coordinator(ctx);
    const [runs, schedules] = await Promise.all([o.jobs?.listJobRuns(), o.jobs?.listSchedules?.()]);
    render(ctx, { title: t.jobsTitle, active: 'admin', body: jobsPage(runs, schedules) });
  });

  return router;
}
