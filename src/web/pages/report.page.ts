/** 工作报告: the period form, the draft as it will print, and its downloads. */
import type { ReportDocument, ReportTableDoc } from '../../documents/work-report.compose.js';
import { reportTexts } from '../../documents/work-report.texts.js';
import type { CaseKind } from '../../domain/kind.js';
import { html, query, type SafeHtml } from '../html.js';
import { kindSelect } from '../view-helpers.js';

const t = reportTexts.page;

export interface ReportForm {
  /** One kind of case, or both when absent. */
  kind?: CaseKind;
  year?: string;
  from?: string;
  to?: string;
}

const tableHtml = (tb: ReportTableDoc): SafeHtml =>
  tb.rows.length === 0 && tb.empty
    ? html`<p><strong>${tb.caption}</strong>：${tb.empty}</p>`
    : html`<div class="table-scroll"><table><caption>${tb.caption}</caption><thead><tr>${tb.head.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${tb.rows.map((row) => html`<tr>${row.map((c) => html`<td>${c.split('\n').map((line, i) => html`${i ? html`<br>` : ''}${line}`)}</td>`)}</tr>`)}</tbody></table></div>`;

export function reportPage(form: ReportForm, doc: ReportDocument | undefined): SafeHtml {
  const period = { year: form.year, from: form.from, to: form.to, kind: form.kind };
  return html`<form class="filters" method="get" action="/reports/work">
  <label>${t.year}<input name="year" inputmode="numeric" size="6" value="${form.year ?? ''}" placeholder="2026"></label>
  <label>${t.from}<input type="date" name="from" value="${form.from ?? ''}"></label>
  <label>${t.to}<input type="date" name="to" value="${form.to ?? ''}"></label>
  ${kindSelect(form.kind)}
  <button type="submit" class="primary">${t.draft}</button></form>
<p class="muted">${t.hint}</p>
${
  doc
    ? html`<p><a class="button primary" href="/reports/work.docx${query(period)}">${t.downloadDocx}</a> <a class="button" href="/reports/work.md${query(period)}">${t.downloadMarkdown}</a></p>
<article class="report-preview" aria-label="${t.preview}">
${doc.draftMark ? html`<p class="muted">${doc.draftMark}</p>` : ''}
<h2>${doc.title}</h2>
${doc.sections.map((s) => html`${s.heading ? html`<h3>${s.heading}</h3>` : ''}${s.paragraphs.map((p) => html`<p>${p}</p>`)}${s.tables.map(tableHtml)}`)}
${doc.foot.map((f) => html`<p class="right">${f}</p>`)}
</article>`
    : ''
}`;
}
