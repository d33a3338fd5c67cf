/**
 * 三个百分之百 for a chosen period: bureau-wide and per division, from LedgerService.metrics
 * (the numbers the chat summaries give), a bar chart per measure in inline SVG, and the weekly
 * trend from the snapshots the weekly job stores (shown only when they exist).
 */
import type { Metrics, Rate, RateName } from '../../domain/metrics.js';
import { STAGE_LABELS } from '../../present/ledger.texts.js';
import { divisionScore, type ScoreWeights } from '../../domain/summary-monthly.js';
import { pct } from '../../present/summary-format.js';
import { summaryTexts } from '../../present/summary.texts.js';
import type { Proposal, Stage } from '../../domain/model.js';
import { scopeOfKinds } from '../../domain/kind.js';
import { html, query, type SafeHtml } from '../html.js';
import type { HeadlineFigures } from '../../domain/summary-weekly.js';
import type { Names } from '../../domain/names.js';
import { webTexts as t } from '../web.texts.js';

/** A rate's tile; given the rate's name, its two counts open the lists behind them. */
export function rateTile(label: string, r: Rate, drillTo?: { rate: RateName; session?: string }): SafeHtml {
  const detail = r.den === 0 ? t.noneDue : drillTo ? rateCounts(r, drillTo.rate, { session: drillTo.session }) : t.rateDetail(r.num, r.den);
  return html`<div class="tile" data-measure="${label}"><div class="label">${label}</div><div class="value">${pct(r.rate)}</div>
    <div class="detail">${detail}</div></div>`;
}

/** "6 / 7", each number a link to the ledger filtered to the cases it counts. */
const rateCounts = (r: Rate, rate: RateName, params: Record<string, string | undefined>): SafeHtml =>
  html`${drill(r.num, { ...params, rate: `${rate}-num` })} / ${drill(r.den, { ...params, rate: `${rate}-den` })}`;

/** Horizontal bars, one per division, 0–100 %. Rows with nothing due are drawn empty with "—". */
function barChart(title: string, rows: { label: string; rate: number | null; detail: string }[]): SafeHtml {
  const rowH = 26;
  const labelW = 110;
  const barW = 220;
  const h = rows.length * rowH + 24;
  return html`<figure class="chart"><figcaption>${title}</figcaption>
  <svg viewBox="0 0 ${labelW + barW + 60} ${h}" width="100%" role="img" aria-label="${title}">
    <line x1="${labelW}" y1="0" x2="${labelW}" y2="${h - 20}" class="axis"/>
    <line x1="${labelW + barW}" y1="0" x2="${labelW + barW}" y2="${h - 20}" class="target"/>
    <text x="${labelW + barW}" y="${h - 6}" class="tick" text-anchor="middle">100%</text>
    <text x="${labelW}" y="${h - 6}" class="tick" text-anchor="middle">0</text>
    ${rows.map((r, i) => {
      const y = i * rowH + 4;
      const w = r.rate === null ? 0 : Math.round(r.rate * barW);
      return html`<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" class="lbl">${r.label}</text>
      <rect x="${labelW}" y="${y}" width="${w}" height="${rowH - 8}" class="${r.rate !== null && r.rate >= 1 ? 'bar full' : 'bar'}"/>
      <text x="${labelW + w + 4}" y="${y + 15}" class="val">${pct(r.rate)}${r.rate === null ? '' : ` ${r.detail}`}</text>`;
    })}
  </svg></figure>`;
}

export interface MetricsView {
  /** The monthly summary's weights for a division's score (config/schedules.yaml). */
  weights: ScoreWeights;
  all: Metrics;
  byDivision: Map<string, Metrics>;
  /** Bureau-wide figures are shown only to those who see every proposal. */
  bureauWide: boolean;
  /** Proposals past the deadline of their stage, whatever the stage, most overdue first. */
  overdue: Pick<Proposal, 'id' | 'number' | 'title' | 'stage' | 'leadDivision' | 'kind'>[];
  /** Waiting in 登记 (not a division's yet). */
  unassigned: number;
}

/** A count that opens the ledger filtered to exactly those proposals. */
const drill = (n: number, params: Record<string, string | undefined>) => html`<a class="drill" href="/ledger${query(params)}">${n}</a>`;

/** "85.7%（6/7）": the count behind every percentage, each count a link to its cases when named. */
const rateWithCount = (r: Rate, drillTo?: { rate: RateName; params: Record<string, string | undefined> }) =>
  r.den === 0 ? t.noneDue : drillTo ? html`${pct(r.rate)}（${rateCounts(r, drillTo.rate, drillTo.params)}）` : `${pct(r.rate)}（${r.num}/${r.den}）`;

export function metricsPage(view: MetricsView, names: Names, period: SafeHtml, trend: ({ period: string } & HeadlineFigures)[], session?: string): SafeHtml {
  const m = view.all;
  const score = (dm: Metrics) => divisionScore(dm, view.weights)?.toFixed(1) ?? t.scoreNone;
  // 尚未交办 is not a division: those proposals are counted on their own line.
  const divisions = [...view.byDivision.entries()]
    .filter(([code]) => code !== '')
    .map(([code, dm]) => ({ code, label: names.division(code), m: dm, overdue: view.overdue.filter((p) => p.leadDivision === code).length }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh'));
  const measures: [string, (x: Metrics) => Rate, RateName][] = [
    [t.onTime, (x) => x.onTime, 'onTime'],
    [t.faceToFace, (x) => x.faceToFace, 'faceToFace'],
    [t.satisfaction, (x) => x.satisfaction, 'satisfaction'],
  ];
  const stageCounts = new Map<string, number>();
  for (const p of view.overdue) stageCounts.set(p.stage, (stageCounts.get(p.stage) ?? 0) + 1);
  return html`
  <p class="hint">${t.metricsIntro}${view.bureauWide ? '' : ` ${t.metricsScopeOwn}`}</p>
  ${period}
  <div class="tiles">${measures.map(([label, get, rate]) => rateTile(label, get(m), { rate, session }))}${rateTile(t.delivery, m.delivery)}
    <div class="tile tile-overdue" data-measure="overdue"><div class="label">${t.overdueAll}</div><div class="value">${drill(view.overdue.length, { due: 'overdue', session })}</div>
    <div class="detail">${[...stageCounts].map(([stage, n]) => `${STAGE_LABELS[stage as Stage]} ${n}`).join(' · ') || t.none}</div></div></div>
  <p>${t.countsLine(m.total, m.lead, m.co, m.key)} ${view.unassigned ? html`· ${t.unassignedLine} ${drill(view.unassigned, { stage: 'registered', session })} 件` : ''}</p>
  ${
    view.overdue.length
      ? html`<section><h2>${t.overdueListTitle(view.overdue.length, scopeOfKinds(view.overdue.map((p) => p.kind)))}</h2><ol class="overdue-list">${view.overdue
          .slice(0, 20)
          .map(
            (p) =>
              html`<li><a href="/proposals/${encodeURIComponent(p.id)}">${p.number} ${p.title}</a> <span class="tag">${STAGE_LABELS[p.stage]} · ${names.division(p.leadDivision) || t.unassignedLine}</span></li>`,
          )}</ol>${view.overdue.length > 20 ? html`<p><a href="/ledger${query({ due: 'overdue', session })}">${t.moreInColumn(view.overdue.length - 20)}</a></p>` : ''}</section>`
      : ''
  }
  <section><h2>${t.byDivision}</h2>
  <div class="table-scroll"><table class="metrics ledger"><thead><tr>${t.divisionCols.map((c) => html`<th>${c}</th>`)}</tr></thead>
  <tbody>${divisions.map(
    (d) => html`<tr data-division="${d.code}"><td data-label="${t.divisionCols[0]}" class="c-title">${d.label}</td>
      <td data-label="${t.divisionCols[1]}">${drill(d.m.total, { leadDivision: d.code, session })}</td><td data-label="${t.divisionCols[2]}">${drill(d.m.lead, { leadDivision: d.code, type: 'lead', session })}</td><td data-label="${t.divisionCols[3]}">${drill(d.m.co, { leadDivision: d.code, type: 'co', session })}</td>
      ${measures.map(([, get, rate], i) => html`<td data-label="${t.divisionCols[4 + i]}" data-rate="${rate}">${rateWithCount(get(d.m), { rate, params: { leadDivision: d.code, session } })}</td>`)}
      <td data-label="${t.divisionCols[7]}">${drill(d.overdue, { leadDivision: d.code, due: 'overdue', session })}</td>
      <td data-label="${t.divisionCols[8]}" class="score">${score(d.m)}</td></tr>`,
  )}</tbody></table></div><p class="hint">${summaryTexts.scoreFormula(view.weights)}</p></section>
  <section class="charts">${measures.map(([label, get]) =>
    barChart(
      t.chartTitle(label),
      divisions.map((d) => ({ label: d.label, rate: get(d.m).rate, detail: `${get(d.m).num}/${get(d.m).den}` })),
    ),
  )}</section>
  <section><h2>${t.trendTitle}</h2><p class="hint">${t.trendIntro}</p>${
    trend.length
      ? html`<div class="table-scroll"><table id="trend"><thead><tr>${t.trendCols.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${[...trend]
          .reverse()
          .map(
            (s) =>
              html`<tr data-week="${s.period}"><td>${s.period}</td><td>${rateWithCount(s.onTime)}</td><td>${rateWithCount(s.faceToFace)}</td><td>${rateWithCount(s.satisfaction)}</td></tr>`,
          )}</tbody></table></div>`
      : html`<p class="hint">${t.none}</p>`
  }</section>`;
}
