/** Seeing the ledger: the board, one proposal, its reply letter, the table and its export, the metrics. */
import Router from '@koa/router';
import { z } from 'zod';
import { loadDirectoryFile, resolveDirectoryFile } from '../config/directory.config.js';
import { loadSchedulesConfig, type ScoreWeights } from '../config/schedules.config.js';
import type { ProposalFilter } from '../domain/ports.js';
import { addDays, daysBetween, isLocalDate, startOfLocalDay, toLocalDate } from '../domain/shanghai-time.js';
import { weekOf } from '../domain/summary-period.js';
import { buildLedgerRows } from '../ledger-io/ledger-rows.js';
import { writeLedgerCsv, writeLedgerXlsx } from '../ledger-io/ledger-writers.js';
import { scopeOfKinds } from '../domain/kind.js';
import type { Context } from 'koa';
import { sectionsFor } from '../domain/visibility.js';
import { weeklyRateSeries, type TrendMemo } from '../jobs/summary.queries.js';
import { html } from './html.js';
import { letterState } from './letter/reply-letter.js';
import { loadReplyLetterConfig, type ReplyLetterConfig } from './letter/reply-letter.config.js';
import { boardPage } from './pages/board.page.js';
import { ledgerPage, SORTS, sortProposals } from './pages/ledger.page.js';
import { minePage } from './pages/mine.page.js';
import { deskDone } from './desk.routes.js';
import { metricsPage } from './pages/metrics.page.js';
import { proposalPage } from './pages/proposal.page.js';
import { similarSection } from './pages/similar.section.js';
import { publishSection } from './pages/public-results.page.js';
import { csrfField } from './layout.js';
import { parseInput, render, viewerOf } from './respond.js';
import {
  applyViewFilters,
  byUrgency,
  dueText,
  exportFileName,
  filterSchema,
  proposalDue,
  toProposalFilter,
  kindSelect,
  viewFilter,
  type Filters,
} from './view-helpers.js';
import { loadNames } from '../domain/names.js';
import { homePage, type HomeTile } from './pages/home.page.js';
import type { Viewer } from './viewer.js';
import type { WebPart } from './web-deps.js';
import { webTexts as t } from './web.texts.js';

const TREND_MAX_WEEKS = 52;

const idSchema = z.string().regex(/^[\w-]{1,64}$/, '提案编号格式不对');

const ledgerQuery = filterSchema.extend({
  sort: z.enum(SORTS, { error: `排序只能是 ${SORTS.join('、')} 之一` }).catch('number'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

const localDate = z
  .string()
  .refine(isLocalDate, '日期格式应为 YYYY-MM-DD，例如 2026-01-01')
  .optional()
  .or(z.literal('').transform(() => undefined));
const periodSchema = z.object({ from: localDate, to: localDate, session: filterSchema.shape.session, kind: filterSchema.shape.kind });

/** The bureau's own name for the export's 主办单位: given, or read once from the directory file. */
async function bureauName(given: string | undefined): Promise<string> {
  if (given) return given;
  const file = resolveDirectoryFile();
  return file ? (await loadDirectoryFile(file)).bureau : '';
}

/** The pages read the ledger and the directory, due status and filters; the trend rebuilds past weeks from the view and the trails. */
type LedgerPagesCore = 'clock' | 'calendar' | 'ledgerConfig' | 'ledger' | 'directory' | 'similar' | 'view' | 'proposals';

export function ledgerRoutes(o: WebPart<LedgerPagesCore, 'bureau' | 'letterConfigPath' | 'scoreWeights'>): Router {
  const { core } = o;
  const router = new Router();
  let letterConfig: ReplyLetterConfig | undefined;
  let scoreWeights: ScoreWeights | undefined;
  const trendMemo: TrendMemo = new Map();
  let bureau: Promise<string> | undefined;

  /** A member's board and ledger are their own proposals, in their words. */
  const mine = async (ctx: Context, viewer: Viewer) => {
    // A member's few proposals in full: the page says whether and how each was answered.
    const [names, proposals] = await Promise.all([loadNames(core), core.ledger.listDocuments({}, viewer.actor)]);
    render(ctx, { title: t.mine.title, active: 'board', body: minePage(viewer.actor, proposals, names) });
  };

  /** Entries this viewer may see that match `f`, as the ledger page lists them for the same filters. */
  const listed = async (f: Filters, viewer: Viewer) => applyViewFilters(core, await core.ledger.list(toProposalFilter(f), viewer.actor), f, viewer.actor);

  router.get('/home', async (ctx) => {
    const viewer = viewerOf(ctx);
    if (!viewer.staff) return mine(ctx, viewer);
    const a = viewer.actor;
    const h = t.home;
    const has = (r: (typeof a.roles)[number]) => a.roles.includes(r);
    // What the viewer is answerable for: the bureau, their division, or the proposals they handle.
    const scope: Filters = viewer.seesAll ? {} : has('divisionHead') && a.divisionCode ? { division: a.divisionCode } : { handler: a.userid };
    const wanted: [string, string, Filters, HomeTile['tone']?][] = viewer.seesAll
      ? [
          ...(has('coordinator') ? [['assign', h.toAssign, { stage: 'registered' }] as [string, string, Filters]] : []),
          ...(has('leader') ? [['sign', h.toSign, { stage: 'signing', mine: '1' }] as [string, string, Filters]] : []),
          ['overdue', t.quick.overdue, { due: 'overdue' }, 'late'],
          ...(has('coordinator') ? [['dueSoon', t.quick.dueSoon, { due: 'dueSoon' }, 'soon'] as [string, string, Filters, HomeTile['tone']]] : []),
          ['key', h.key, { key: '1' }],
        ]
      : [
          has('divisionHead') ? ['accept', h.toAccept, { ...scope, stage: 'assigned' }] : ['mine', t.quick.mine, { mine: '1' }],
          ['overdue', t.quick.overdue, { ...scope, due: 'overdue' }, 'late'],
          ['dueSoon', t.quick.dueSoon, { ...scope, due: 'dueSoon' }, 'soon'],
        ];
    const [names, tiles, urgent, rates] = await Promise.all([
      loadNames(core),
      Promise.all(wanted.map(async ([key, label, filters, tone]) => ({ key, label, filters, tone, entries: await listed(filters, viewer) }))),
      listed(scope, viewer),
      viewer.seesAll ? core.ledger.metrics({}) : undefined,
    ]);
    const pressing = urgent.filter((e) => e.stage !== 'archived' && proposalDue(core, e) !== 'onTrack' && proposalDue(core, e) !== 'none').sort(byUrgency());
    const intro = viewer.seesAll ? h.introAll : has('divisionHead') ? h.introDivision(names.division(a.divisionCode)) : h.introMine;
    render(ctx, { title: h.title, active: 'home', body: homePage({ intro, tiles, rates: rates?.all, urgent: pressing }, names, (e) => dueText(core, e)) });
  });

  router.get('/board', async (ctx) => {
    const viewer = viewerOf(ctx);
    if (!viewer.staff) return mine(ctx, viewer);
    const f = parseInput(filterSchema, ctx.query);
    const [names, listed] = await Promise.all([loadNames(core), core.ledger.list(toProposalFilter(f), viewer.actor, { sort: 'number' })]);
    const proposals = applyViewFilters(core, listed, f, viewer.actor);
    render(ctx, { title: t.boardTitle, active: 'board', body: boardPage(core, proposals, names, f, viewer) });
  });

  router.get('/proposals/:id', async (ctx) => {
    const viewer = viewerOf(ctx);
    const p = await core.ledger.get(parseInput(idSchema, ctx.params.id), viewer.actor);
    // Similar proposals may be anyone's: only those who see the whole ledger get the list.
    const similar = viewer.seesAll ? similarSection(p, await core.similar.similarTo(p), viewer) : '';
    const publish = viewer.isCoordinator ? publishSection(p, csrfField(viewer)) : '';
    render(ctx, {
      title: t.caseTitle(p.kind, p.number, p.title),
      active: 'board',
      body: html`${proposalPage(core, p, await loadNames(core), sectionsFor(viewer.actor, p), viewer, deskDone(z.string().optional().catch(undefined).parse(ctx.query.done)))}${similar}${publish}`,
    });
  });

  router.post('/proposals/:id/merge', async (ctx) => {
    const viewer = viewerOf(ctx);
    const id = parseInput(idSchema, ctx.params.id);
    const form = parseInput(z.object({ follower: idSchema }), ctx.state.form);
    await core.ledger.merge(id, [form.follower], viewer.actor, 'web');
    ctx.redirect(`/proposals/${encodeURIComponent(id)}#similar`);
  });

  router.post('/proposals/:id/unmerge', async (ctx) => {
    const viewer = viewerOf(ctx);
    const id = parseInput(idSchema, ctx.params.id);
    const form = parseInput(z.object({ reason: z.string().trim().min(1, '请填写撤销并案的理由').max(200, '理由最长 200 个字') }), ctx.state.form);
    await core.ledger.unmerge(id, form.reason, viewer.actor, 'web');
    ctx.redirect(`/proposals/${encodeURIComponent(id)}#similar`);
  });

  router.get('/proposals/:id/letter.docx', async (ctx) => {
    const viewer = viewerOf(ctx);
    const p = await core.ledger.get(parseInput(idSchema, ctx.params.id), viewer.actor);
    // Staff may download the draft; the member only the letter as issued (发文).
    const seen = sectionsFor(viewer.actor, p);
    const draftAllowed = seen.has('letterDraft');
    if (!p.reply || (!draftAllowed && !p.reply.sentAt)) {
      render(ctx, { title: t.errorTitle, body: html`<p class="error">${draftAllowed ? t.letterNotReady : t.letterNotIssued}</p>` }, 409);
      return;
    }
    if (!draftAllowed && !seen.has('letter')) ctx.throw(403, t.forbiddenPage);
    letterConfig ??= loadReplyLetterConfig(o.letterConfigPath);
    const handler = p.handlerUserid ? await core.directory.findPerson(p.handlerUserid) : null;
    const contact = handler?.active ? { name: handler.name, ...(handler.mobile && { phone: handler.mobile }) } : undefined;
    // The Word layout (the docx library) is loaded on the first download, not at start.
    const { buildReplyLetter } = await import('./letter/reply-letter.docx.js');
    const docx = await buildReplyLetter({ proposal: p, config: letterConfig, today: core.clock.now(), contact });
    ctx.type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    ctx.attachment(t.letterFileName(p.session, p.number, letterState(p.reply)));
    ctx.body = docx;
  });

  router.get('/ledger', async (ctx) => {
    const viewer = viewerOf(ctx);
    if (!viewer.staff) return mine(ctx, viewer);
    const q = parseInput(ledgerQuery, ctx.query);
    const [names, listed] = await Promise.all([loadNames(core), core.ledger.list(toProposalFilter(q), viewer.actor)]);
    const { sort, dir, page, ...f } = q;
    const proposals = applyViewFilters(core, listed, f, viewer.actor);
    const scope = f.kind ?? scopeOfKinds(proposals.map((p) => p.kind));
    render(ctx, {
      title: t.ledgerTitle(scope),
      active: 'ledger',
      body: ledgerPage(core, sortProposals(proposals, sort, dir, names), names, f, { sort, dir, page, scope }, viewer),
    });
  });

  router.get(/^\/ledger\/export\.(xlsx|csv)$/, async (ctx) => {
    const viewer = viewerOf(ctx);
    const format = ctx.path.endsWith('.csv') ? 'csv' : 'xlsx';
    const f = parseInput(filterSchema, ctx.query);
    const [names, proposals] = await Promise.all([
      loadNames(core),
      core.ledger.listDocuments(toProposalFilter(f), viewer.actor, viewFilter(core, f, viewer.actor)),
    ]);
    bureau ??= bureauName(o.bureau);
    const scope = f.kind ?? scopeOfKinds(proposals.map((p) => p.kind));
    const sheet = buildLedgerRows(sortProposals(proposals, 'number', 'asc', names), {
      bureau: await bureau,
      names,
      asOf: { now: core.clock.now(), deadlines: core.ledgerConfig.deadlines, calendar: core.calendar },
      sees: (p, section) => sectionsFor(viewer.actor, p).has(section),
      scope,
    });
    ctx.attachment(exportFileName(f, names, toLocalDate(core.clock.now()), format, scope));
    if (format === 'csv') {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = writeLedgerCsv(sheet);
    } else {
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.body = await writeLedgerXlsx(sheet);
    }
  });

  router.get('/metrics', async (ctx) => {
    const viewer = viewerOf(ctx);
    if (!viewer.canSeeMetrics) ctx.throw(403, t.forbiddenPage);
    const q = parseInput(periodSchema, ctx.query);
    const filter: ProposalFilter = {
      ...(q.kind && { kind: q.kind }),
      ...(q.session && { session: q.session }),
      ...(q.from && { receivedFrom: startOfLocalDay(q.from) }),
      ...(q.to && { receivedTo: startOfLocalDay(addDays(q.to, 1)) }),
      ...(!viewer.seesAll && { leadDivision: viewer.actor.divisionCode }),
    };
    const [names, figures, listed] = await Promise.all([loadNames(core), core.ledger.metrics(filter), core.ledger.list(filter, viewer.actor)]);
    // The trend goes back to the week the first of these proposals came in (a year at most).
    const now = core.clock.now();
    const first = new Date(Math.min(now.getTime(), ...listed.map((p) => new Date(p.receivedAt).getTime())));
    const weeks = Math.min(TREND_MAX_WEEKS, daysBetween(weekOf(toLocalDate(first)).start, weekOf(toLocalDate(now)).start) / 7 + 1);
    const trend = (await weeklyRateSeries(core, now, weeks, filter, trendMemo)).map((w) => ({ period: w.week, ...w.figures }));
    // Overdue at whatever stage it stands (交办 and 沟通 included), not only unanswered replies.
    const overdue = listed.filter((p) => proposalDue(core, p) === 'overdue').sort(byUrgency());
    const period = html`<form class="filters" method="get" action="/metrics">
      <label>${t.filter.from}<input type="date" name="from" value="${q.from ?? ''}"></label>
      <label>${t.filter.to}<input type="date" name="to" value="${q.to ?? ''}"></label>
      <label>${t.filter.session}<input name="session" value="${q.session ?? ''}" size="8"></label>
      ${kindSelect(q.kind)}
      <button type="submit">${t.filter.apply}</button> <a href="/metrics">${t.filter.reset}</a></form>`;
    render(ctx, {
      title: t.metricsTitle,
      active: 'metrics',
      body: metricsPage(
        {
          ...figures,
          weights: (scoreWeights ??= o.scoreWeights ?? loadSchedulesConfig().monthly.scoreWeights),
          bureauWide: viewer.seesAll,
          overdue,
          unassigned: listed.filter((p) => p.stage === 'registered').length,
        },
        names,
        period,
        trend,
        q.session,
      ),
    });
  });

  return router;
}
