/**
 * Import of a proposal list. The page's script posts the file's bytes; they are kept in memory
 * under a random id for a while, so the preview (a dry run listing every bad row, and every row
 * that disagrees with the ledger side by side) and the confirm (the real import, all or nothing,
 * then the updates chosen row by row as 更正台账) read the very same file. The confirm runs in
 * the background and its page shows how far it got.
 */
import Router from '@koa/router';
import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import { z } from 'zod';
import { isDomainError } from '../domain/errors.js';
import { describeError, refusalText } from '../present/refusals.js';
import { CASE_KINDS, type CaseKind } from '../domain/kind.js';
import { authorize } from '../domain/permissions.js';
import { IMPORT_COLUMNS } from '../ledger-io/columns.js';
import { writeLedgerXlsx } from '../ledger-io/ledger-writers.js';
import { isLocalDate, startOfLocalDay, toLocalDate } from '../domain/shanghai-time.js';
import { formatImportReport, importProposalTable, type ImportReport } from '../ledger-io/ledger-import.js';
import { LedgerFileError, readCsvTable, readXlsxTable } from '../ledger-io/table-readers.js';
import { readFile } from './body.js';
import { html } from './html.js';
import { importDone, importFailed, importForm, importPreview, importRunning } from './pages/import.page.js';
import { parseInput, render, viewerOf } from './respond.js';
import type { Viewer } from './viewer.js';
import type { WebPart } from './web-deps.js';
import { webTexts as t } from './web.texts.js';

interface Upload {
  name: string;
  data: Buffer;
  userid: string;
  receivedAt: string;
  session?: string;
  kind?: CaseKind;
  expires: number;
}

const UPLOAD_TTL_MS = 30 * 60_000;
const MAX_UPLOADS = 20;

const uploadQuery = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.(xlsx|csv)$/i, '请用 .xlsx 或 .csv 文件（Excel 可“另存为”这两种格式）'),
  receivedAt: z.string().refine(isLocalDate, '收文日期格式应为 YYYY-MM-DD，例如 2026-01-20'),
  session: z
    .string()
    .trim()
    .max(40, '届次最长 40 个字，例如 十三届四次')
    .optional()
    .transform((s) => s || undefined),
  // Empty: by the file's 类别 column (政协提案 where blank).
  kind: z
    .union([z.literal(''), z.enum(CASE_KINDS)], { error: t.importBadKind })
    .optional()
    .transform((k) => k || undefined),
});
const uploadId = z.string().regex(/^[a-f0-9]{32}$/, '导入编号格式不对');
/** Per row in conflict: `choice-<line>` is `skip` or `update:<id>:<version>` (the case as previewed). */
const choices = z.record(z.string(), z.string()).transform((form) =>
  Object.entries(form).flatMap(([key, value]) => {
    const line = /^choice-(\d+)$/.exec(key)?.[1];
    const update = /^update:([\w-]{1,64}):(\d+)$/.exec(value);
    return line && update ? [{ line: Number(line), id: update[1]!, version: Number(update[2]) }] : [];
  }),
);

/** A confirmed import as it runs: steps done of all, then what came of it. */
export interface ImportRun {
  userid: string;
  name: string;
  done: number;
  total: number;
  expires: number;
  result?: { report: ImportReport; updates: UpdateOutcome[] };
  failed?: string;
}
export interface UpdateOutcome {
  line: number;
  number: string;
  /** The refusal's words when the case was not updated. */
  refused?: string;
}

export function importRoutes(o: WebPart<'clock' | 'directory' | 'ledger' | 'proposals' | 'similar', 'log'>): Router {
  const router = new Router();
  const uploads = new Map<string, Upload>();
  const runs = new Map<string, ImportRun>();

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
      { dryRun, actor: viewer.actor, channel: 'web', receivedAt: startOfLocalDay(u.receivedAt), session: u.session, kind: u.kind, members },
    );
  };

  /** The confirmed import, run step by step so its page can show how far it got. */
  const confirm = async (u: Upload, viewer: Viewer, wanted: { line: number; id: string; version: number }[], state: ImportRun): Promise<void> => {
    const report = await run(u, viewer, false);
    state.done += 1;
    const updates: UpdateOutcome[] = [];
    if (report.errors.length === 0) {
      for (const w of wanted) {
        const row = report.existing.find((e) => e.line === w.line && e.stored?.id === w.id);
        if (row?.correction) {
          try {
            await o.core.ledger.perform(
              { id: w.id, expectedVersion: w.version },
              { type: 'correct', fields: row.correction, reason: t.importUpdateReason(u.name, row.line) },
              viewer.actor,
              'web',
            );
            updates.push({ line: row.line, number: row.number });
          } catch (err) {
            if (!isDomainError(err)) throw err;
            updates.push({ line: row.line, number: row.number, refused: refusalText(err.refusal) });
          }
        } else if (row) updates.push({ line: row.line, number: row.number, refused: t.importNoLongerDiffers });
        state.done += 1;
      }
    }
    state.result = { report, updates };
    o.log.info(
      { created: report.created.length, updated: updates.filter((x) => !x.refused).length, errors: report.errors.length, by: viewer.actor.userid },
      'web import',
    );
  };

  const runFor = (ctx: Context, viewer: Viewer): [string, ImportRun] | undefined => {
    const id = parseInput(uploadId, ctx.params.id);
    const r = runs.get(id);
    return r && r.userid === viewer.actor.userid ? [id, r] : undefined;
  };

  const expired = (ctx: Context) =>
    render(ctx, { title: t.importTitle, active: 'import', body: importForm(toLocalDate(o.core.clock.now()), t.importExpired) }, 410);

  router.get('/import', (ctx) => {
    coordinator(ctx);
    render(ctx, { title: t.importTitle, active: 'import', body: importForm(toLocalDate(o.core.clock.now())), scripts: ['import.js'] });
  });

  // Before /import/:id, which would take the file name for an upload id.
  router.get('/import/template.xlsx', async (ctx) => {
    coordinator(ctx);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.attachment(t.importTemplateName);
    ctx.body = await writeLedgerXlsx({ headers: IMPORT_COLUMNS.map((c) => c.header), rows: [IMPORT_COLUMNS.map((c) => c.example)] });
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
    for (const [id, r] of runs) if (r.expires <= now && (r.result || r.failed)) runs.delete(id);
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
      render(
        ctx,
        {
          title: t.importTitle,
          active: 'import',
          body: html`<p class="error">${err.message}</p><p><a class="button" href="/import">${t.importChooseAgain}</a></p>`,
        },
        400,
      );
    }
  });

  router.post('/import/:id/confirm', async (ctx) => {
    const viewer = coordinator(ctx);
    const found = uploadFor(ctx, viewer);
    if (!found) return expired(ctx);
    const [id, u] = found;
    const wanted = parseInput(choices, ctx.state.form ?? {});
    uploads.delete(id);
    const state: ImportRun = { userid: viewer.actor.userid, name: u.name, done: 0, total: 1 + wanted.length, expires: Date.now() + UPLOAD_TTL_MS };
    runs.set(id, state);
    // Not awaited: the page that follows shows the progress; a failure is kept for it to show.
    confirm(u, viewer, wanted, state).catch((err: unknown) => {
      const refused = describeError(err);
      state.failed = refused ?? t.serverError;
      if (refused === undefined) o.log.error({ err }, 'web import failed');
    });
    ctx.status = 303;
    ctx.redirect(`/import/${id}/run`);
  });

  router.get('/import/:id/run', (ctx) => {
    const viewer = coordinator(ctx);
    const found = runFor(ctx, viewer);
    if (!found) return expired(ctx);
    const [id, r] = found;
    if (r.failed) return render(ctx, { title: t.importTitle, active: 'import', body: importFailed(r.failed) }, 500);
    if (!r.result) return render(ctx, { title: t.importTitle, active: 'import', body: importRunning(id, r), scripts: ['import.js'] }, 202);
    const failed = r.result.report.errors.length > 0;
    render(
      ctx,
      { title: failed ? t.importTitle : t.importDone, active: 'import', body: importDone(formatImportReport(r.result.report), r.result.updates) },
      failed ? 400 : 200,
    );
  });

  router.get('/import/:id/status', (ctx) => {
    const viewer = coordinator(ctx);
    const found = runFor(ctx, viewer);
    if (!found) return ctx.throw(404);
    const [, r] = found;
    ctx.set('cache-control', 'no-store');
    ctx.body = { done: r.done, total: r.total, finished: Boolean(r.result || r.failed) };
  });

  return router;
}
