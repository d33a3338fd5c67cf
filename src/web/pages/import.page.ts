/** Import of a proposal list: choose a file, see every bad row or what would be added, then confirm. */
import type { NewProposal } from '../../domain/ports.js';
import type { ImportReport } from '../../ledger-io/ledger-import.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { SimilarMatch } from '../../domain/similar/similar.service.js';
import { similarList } from './similar.section.js';
import type { Viewer } from '../viewer.js';
import { webTexts as t } from '../web.texts.js';

export function importForm(today: string, message?: string): SafeHtml {
  return html`<p class="hint">${t.importIntro}</p>
  ${message ? html`<p class="error">${message}</p>` : ''}
  <form id="import-form" class="stack" data-working="${t.importWorking}" data-need-file="${t.importNeedFile}">
    <label>${t.importFile}<input type="file" name="file" accept=".xlsx,.csv" required></label>
    <label>${t.importReceived}<input type="date" name="receivedAt" value="${today}" required></label>
    <label>${t.importSession}<input name="session" maxlength="40" placeholder="十三届四次"></label>
    <button type="submit" class="primary">${t.importPreview}</button>
    <p class="error" id="import-error" role="alert" hidden></p>
  </form>`;
}

const newRows = (rows: NewProposal[], similar: SimilarMatch[][]) =>
  html`<div class="table-scroll"><table><thead><tr><th>届次</th><th>提案号</th><th>案由</th><th>第一提案人</th><th>办理类型</th><th>重点</th><th>${t.similar.importColumn}</th></tr></thead><tbody>${rows.map(
    (p, i) => html`<tr><td>${p.session}</td><td>${p.number}</td><td>${p.title}</td><td>${p.proposers[0]?.name ?? ''}</td>
      <td>${p.handlingType === 'lead' ? t.filter.lead : t.filter.co}</td><td>${p.isKey ? t.yes : ''}</td><td>${similarList(similar[i] ?? [])}</td></tr>`,
  )}</tbody></table></div>`;

/** The dry run's result: bad rows (nothing can be written) or the proposals a confirm would add. */
export function importPreview(id: string, name: string, report: ImportReport, viewer: Viewer, similar: SimilarMatch[][] = []): SafeHtml {
  if (report.errors.length > 0) {
    return html`<p><strong>${name}</strong></p>
    <p class="error" id="import-errors-title">${t.importErrors(report.errors.length)}</p>
    <div class="table-scroll"><table id="import-errors"><thead><tr>${t.importErrorCols.map((c) => html`<th>${c}</th>`)}</tr></thead>
    <tbody>${[...report.errors]
      .sort((a, b) => a.line - b.line)
      .map((e) => html`<tr data-line="${e.line}"><td>${e.line > 0 ? e.line : ''}</td><td>${e.field ?? ''}</td><td>${e.message}</td></tr>`)}</tbody></table></div>
    <p><a class="button" href="/import">${t.importAgain}</a></p>`;
  }
  return html`<p><strong>${name}</strong></p>
  ${report.ignoredColumns.length ? html`<p class="hint">以下列不认识，已忽略：${report.ignoredColumns.join('、')}</p>` : ''}
  <p>${t.importNew(report.created.length)}</p>${report.created.length ? newRows(report.created, similar) : html`<p class="hint">${t.importNothingNew}</p>`}
  ${report.existing.length ? html`<p class="hint">${t.importExisting(report.existing.length)}</p>` : ''}
  ${report.created.length
    ? html`<form method="post" action="/import/${id}/confirm">${csrfField(viewer)}<button type="submit" class="primary" id="import-confirm">${t.importConfirm}</button></form>`
    : ''}`;
}

export function importDone(summary: string): SafeHtml {
  return html`<pre class="report" id="import-result">${summary}</pre><p><a class="button" href="/board">${t.nav.board}</a> <a class="button" href="/import">${t.importAgain}</a></p>`;
}
