/** 办理结果公开: the public results page (no sign-in) and the coordinator's switch for each case. */
import Router from '@koa/router';
import { z } from 'zod';
import { publicResults } from '../domain/public-results.js';
import { publicationTexts } from '../present/publication.texts.js';
import { loadWorkReportConfig } from '../documents/work-report.config.js';
import { publicResultsPage } from './pages/public-results.page.js';
import { parseInput, render, viewerOf } from './respond.js';
import { loadNames } from '../domain/names.js';
import type { WebPart } from './web-deps.js';

const idSchema = z.string().regex(/^[\w-]{1,64}$/, '提案编号格式不对');
const formSchema = z.object({
  on: z.enum(['0', '1'], { error: '公开设置只能是 0（取消公开）或 1（公开）' }),
  named: z.literal('1').optional(),
});

export function publicRoutes(o: WebPart<'directory' | 'ledger', 'bureau' | 'reportConfigPath'>): Router {
  const router = new Router();

  router.get('/results', async (ctx) => {
    const [cases, names] = await Promise.all([o.core.ledger.publishedCases(), loadNames(o.core)]);
    // Anyone may look, without signing in: the page says nothing of who asked.
    ctx.set('cache-control', 'no-store');
    const bureau = o.bureau ?? loadWorkReportConfig(o.reportConfigPath).bureau;
    render(ctx, { title: publicationTexts.page.title, body: publicResultsPage(bureau, publicResults(cases), (code) => names.division(code)) });
  });

  router.post('/proposals/:id/publish', async (ctx) => {
    const viewer = viewerOf(ctx);
    const id = parseInput(idSchema, ctx.params.id);
    const form = parseInput(formSchema, ctx.state.form);
    // The domain decides who may (the coordinator) and records it on the trail.
    await o.core.ledger.perform({ id }, { type: 'publish', on: form.on === '1', proposerNamed: form.named === '1' }, viewer.actor, 'web');
    ctx.redirect(`/proposals/${encodeURIComponent(id)}#publish`);
  });

  return router;
}
