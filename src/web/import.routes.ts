/**
 * Import of a proposal list. The page's script posts the file's bytes; they are kept in memory
 * under a random id for a while, so the preview (a dry run listing every bad row) and the
 * confirm (the real import, all or nothing) read the very same file.
 */
import Router from '@koa/router';
import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { z } from 'zod';
import { authorize } from '../domain/permissions.js';
import { isLocalDate, startOfLocalDay, toLocalDate } from '../domain/shanghai-time.js';
import { formatImportReport, importProposalTable, type ImportReport } from '../ledger-io/ledger-import.js';
import { LedgerFileError, readCsvTable, readXlsxTable } from '../ledger-io/table-readers.js';
import { readFile } from './body.js';
import { html } from './html.js';
import { importDone, importForm, importPreview } from './pages/import.page.js';
import { parseInput, render, viewerOf } from './respond.js';
import type { Viewer } from './viewer.js';
import type { WebOptions } from './web-deps.js';
import { webTexts as t } from './web.texts.js';

interface Upload {
  name: string;
  data: Buffer;
  userid: string;
  receivedAt: string;
  session?: string;
  expires: number;
}

const UPLOAD_TTL_MS = 30 * 60_000;
const MAX_UPLOADS = 20;

const uploadQuery = z.object({
  name: z.string().trim().min(1).max(200).regex(/\.(xlsx|csv)$/i, '请用 .xlsx 或 .csv 文件（Excel 可“另存为”这两种格式）'),
  receivedAt: z.string().refine(isLocalDate, '收文日期格式应为 YYYY-MM-DD，例如 2026-01-20'),
  session: z.string().trim().max(40, '届次最长 40 个字，例如 十三届四次').optional().transform((s) => s || undefined),
});
const uploadId = z.string().regex(/^[a-f0-9]{32}$/, '导入编号格式不对');

export function importRoutes(o: WebOptions): Router {
  const router = new Router();
  const uploads = new Map<string, Upload>();

  const coordinator = (ctx: Context): Viewer => {
    const viewer = viewerOf(ctx);
    authorize('register', viewer.actor);
    return viewer;
  };

  /** The upload, only for the person who made it and only while it is fresh. */
  const uploadFor = (ctx: Context, viewer: Viewer): [string, Upload] | undefined => {
    const id = parseInput(uploadId, ctx.params.id);
    const u = uploads.get(id);
    return u && u.userid === viewer.actor.userid && u.expires > Date.now() ? [id, u] : undefined;
  };

  const run = async (u: Upload, viewer: Viewer, dryRun: boolean): Promise<ImportReport> => {
    const table = /\.csv$/i.test(u.name) ? readCsvTable(u.data, u.name) : await readXlsxTable(u.data, u.name);
    const members = await o.core.directory.listPeople({ role: 'member' });
    return importProposalTable(
      table,
      { proposals: o.core.proposals, registrar: o.core.ledger },
      { dryRun, actor: viewer.actor, channel: 'web', receivedAt: startOfLocalDay(u.receivedAt), session: u.session, members },
    );
  };

  const expired = (ctx: Context) => render(ctx, { title: t.importTitle, active: 'import', body: importForm(toLocalDate(o.core.clock.now()), t.importExpired) }, 410);

  router.get('/import', (ctx) => {
    coordinator(ctx);
    render(ctx, { title: t.importTitle, active: 'import', body: importForm(toLocalDate(o.core.clock.now())), scripts: ['import.js'] });
  });

  router.post('/import/upload', async (ctx) => {
    const viewer = coordinator(ctx);
    const q = parseInput(uploadQuery, ctx.query);
    const data = await readFile(ctx);
    if (data.length === 0) {
      ctx.status = 400;
      ctx.body = { error: t.importNeedFile };
      return;
    }
    const now = Date.now();
    for (const [id, u] of uploads) if (u.expires <= now) uploads.delete(id);
    while (uploads.size >= MAX_UPLOADS) uploads.delete(uploads.keys().next().value!);
    const id = randomBytes(16).toString('hex');
    uploads.set(id, { ...q, data, userid: viewer.actor.userid, expires: now + UPLOAD_TTL_MS });
    ctx.body = { location: `/import/${id}` };
  });

  router.get('/import/:id', async (ctx) => {
    const viewer = coordinator(ctx);
    const found = uploadFor(ctx, viewer);
    if (!found) return expired(ctx);
    const [id, u] = found;
    try {
      const report = await run(u, viewer, true);
      // The two closest earlier proposals per new row keep a long list readable.
      const similar = await Promise.all(report.created.map((p) => o.core.similar.similarTo(p, 2)));
      render(ctx, { title: t.importTitle, active: 'import', body: importPreview(id, u.name, report, viewer, similar) });
    } catch (err) {
      if (!(err instanceof LedgerFileError)) throw err;
      render(ctx, { title: t.importTitle, active: 'import', body: html`<p class="error">${err.message}</p><p><a class="button" href="/import">${t.importAgain}</a></p>` }, 400);
    }
  });

  router.post('/import/:id/confirm', async (ctx) => {
    const viewer = coordinator(ctx);
    const found = uploadFor(ctx, viewer);
    if (!found) return expired(ctx);
    const [id, u] = found;
    const report = await run(u, viewer, false);
    uploads.delete(id);
    o.log.info({ created: report.created.length, errors: report.errors.length, by: viewer.actor.userid }, 'web import');
    render(ctx, { title: report.errors.length ? t.importTitle : t.importDone, active: 'import', body: importDone(formatImportReport(report)) }, report.errors.length ? 400 : 200);
  });

  return router;
}
