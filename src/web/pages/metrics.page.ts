/**
 * 三个百分之百 for a chosen period: bureau-wide and per division, from LedgerService.metrics
 * (the numbers the chat summaries give), a bar chart per measure in inline SVG, and the weekly
 * trend from the snapshots the weekly job stores (shown only when they exist).
 */
import type { Metrics, Rate } from '../../domain/metrics.js';
import { html, type SafeHtml } from '../html.js';
import type { MetricSnapshotRow } from '../web-deps.js';
import type { Names } from '../view-helpers.js';
import { webTexts as t } from '../web.texts.js';

export const pct = (r: number | null): string => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

function rateTile(label: string, r: Rate): SafeHtml {
  return html`<div class="tile" data-measure="${label}"><div class="label">${label}</div><div class="value">${pct(r.rate)}</div>
    <div class="detail">${r.den === 0 ? t.noneDue : t.rateDetail(r.num, r.den)}</div></div>`;
}

/** Horizontal bars, one per division, 0–100 %. Rows with nothing due are drawn empty with "—". */
function barChart(title: string, rows: { label: string; rate: number | null }[]): SafeHtml {
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
      <text x="${labelW + w + 4}" y="${y + 15}" class="val">${pct(r.rate)}</text>`;
    })}
  </svg></figure>`;
}

export interface MetricsView {
  all: Metrics;
  byDivision: Map<string, Metrics>;
  /** Bureau-wide figures are shown only to those who see every proposal. */
  bureauWide: boolean;
}

export function metricsPage(view: MetricsView, names: Names, period: SafeHtml, snapshots: MetricSnapshotRow[] | undefined): SafeHtml {
  const m = view.all;
  const divisions = [...view.byDivision.entries()]
    .map(([code, dm]) => ({ code, label: code ? names.division(code) : t.unassigned, m: dm }))
    .sort((a, b) => (a.code === '' ? 1 : b.code === '' ? -1 : a.label.localeCompare(b.label, 'zh')));
  const measures: [string, (x: Metrics) => Rate][] = [
    [t.onTime, (x) => x.onTime],
    [t.faceToFace, (x) => x.faceToFace],
    [t.satisfaction, (x) => x.satisfaction],
  ];
  return html`
  <p class="hint">${t.metricsIntro}${view.bureauWide ? '' : ` ${t.metricsScopeOwn}`}</p>
  ${period}
  <div class="tiles">${measures.map(([label, get]) => rateTile(label, get(m)))}${rateTile(t.delivery, m.delivery)}</div>
  <p>${t.counts({ total: m.total, lead: m.lead, co: m.co, key: m.key, overdue: m.overdueUnanswered })}</p>
  <section><h2>${t.byDivision}</h2>
  <div class="table-scroll"><table class="metrics"><thead><tr>${t.divisionCols.map((c) => html`<th>${c}</th>`)}</tr></thead>
  <tbody>${divisions.map(
    (d) => html`<tr data-division="${d.code}"><td>${d.label}</td><td>${d.m.total}</td><td>${d.m.lead}</td><td>${d.m.co}</td>
      <td>${pct(d.m.onTime.rate)}</td><td>${pct(d.m.faceToFace.rate)}</td><td>${pct(d.m.satisfaction.rate)}</td><td>${d.m.overdueUnanswered}</td></tr>`,
  )}</tbody></table></div></section>
  <section class="charts">${measures.map(([label, get]) => barChart(t.chartTitle(label), divisions.map((d) => ({ label: d.label, rate: get(d.m).rate }))))}</section>
  <section><h2>${t.trendTitle}</h2>${
    snapshots && snapshots.length
      ? html`<div class="table-scroll"><table><thead><tr>${t.trendCols.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${snapshots.map(
          (s) => html`<tr><td>${s.period}</td><td>${pct(s.onTime)}</td><td>${pct(s.faceToFace)}</td><td>${pct(s.satisfaction)}</td></tr>`,
        )}</tbody></table></div>`
      : html`<p class="hint">${t.trendNone}</p>`
  }</section>`;
}
