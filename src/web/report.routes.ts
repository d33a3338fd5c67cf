/** 工作报告: preview the year's work report drafted from the ledger, then download it as Word or Markdown. */
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { CaseKind } from '../domain/kind.js';
import { kindTexts } from '../present/kind.texts.js';
import { isLocalDate } from '../domain/shanghai-time.js';
import { workReportMarkdown } from '../documents/work-report.render.js';
import { draftWorkReport, readReportPeriod, type DraftedReport } from '../documents/work-report.service.js';
import { reportTexts } from '../documents/work-report.texts.js';
import { loadWorkReportConfig } from '../documents/work-report.config.js';
import { reportPage, type ReportForm } from './pages/report.page.js';
import { parseInput, render, viewerOf } from './respond.js';
import { InputError } from '../shared/input-error.js';
import { filterSchema } from './view-helpers.js';
import type { WebPart } from './web-deps.js';

const t = reportTexts.page;
const blank = (s: z.ZodType<string>) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());
const date = z.string().refine(isLocalDate, '日期格式应为 YYYY-MM-DD，例如 2026-01-01');
const formSchema = z.object({
  year: blank(
    z
      .string()
      .trim()
      .regex(/^\d{4}$/, '年份请写四位数字，例如 2026'),
  ),
  from: blank(date),
  to: blank(date),
  kind: filterSchema.shape.kind,
});

/** The period the form names, or undefined when it names none yet (the page then shows only the form). */
function periodOf(f: ReportForm): { from: Date; to: Date; kind?: CaseKind } | undefined {
  if (f.year && (f.from || f.to)) throw new InputError(t.periodBoth);
  if (!f.year && !f.from && !f.to) return undefined;
  if (!f.year && (!f.from || !f.to)) throw new InputError(t.periodHalf);
  const read = readReportPeriod(f.year ?? `${f.from} ${f.to}`);
  if ('error' in read) throw new InputError(read.error);
  return { ...read, ...(f.kind && { kind: f.kind }) };
}

export function reportRoutes(o: WebPart<'clock' | 'directory' | 'ledger' | 'ledgerConfig', 'reportConfigPath'>): Router {
  const router = new Router();

  async function draft(ctx: Context): Promise<{ form: ReportForm; drafted?: DraftedReport }> {
    const viewer = viewerOf(ctx);
    if (!viewer.seesAll) ctx.throw(403, t.forbidden);
    const form = parseInput(formSchema, ctx.query);
    const period = periodOf(form);
    // The template is read for each draft, so an edit to it shows on the next preview.
    return { form, drafted: period && (await draftWorkReport(o.core, viewer.actor, period, loadWorkReportConfig(o.reportConfigPath))) };
  }

  const fileLabel = (f: ReportForm) => f.year ?? `${f.from}至${f.to}`;

  router.get('/reports/work', async (ctx) => {
    const { form, drafted } = await draft(ctx);
    render(ctx, { title: t.title, active: 'report', body: reportPage(form, drafted?.document) });
  });

  router.get(/^\/reports\/work\.(docx|md)$/, async (ctx) => {
    const { form, drafted } = await draft(ctx);
    if (!drafted) throw new InputError(reportTexts.badPeriod(''));
    if (ctx.path.endsWith('.md')) {
      ctx.type = 'text/markdown; charset=utf-8';
      ctx.attachment(reportTexts.fileName(kindTexts.scopeShort(drafted.report.scope), fileLabel(form), 'md'));
      ctx.body = workReportMarkdown(drafted.document);
      return;
    }
    ctx.type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    ctx.attachment(reportTexts.fileName(kindTexts.scopeShort(drafted.report.scope), fileLabel(form), 'docx'));
    const { workReportDocx } = await import('../documents/work-report.docx.js');
    ctx.body = await workReportDocx(drafted.document);
  });

  return router;
}
