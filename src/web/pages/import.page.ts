/** Import of a proposal list: choose a file, see every bad row or what would be added, then confirm. */
import { CASE_KINDS } from '../../domain/kind.js';
import type { NewProposal } from '../../domain/ports.js';
import type { CorrectableField } from '../../domain/correction.js';
import { shownValue } from '../../present/correction.js';
import { correctionLabels } from '../../present/correction.texts.js';
import type { ExistingRow, ImportReport } from '../../ledger-io/ledger-import.js';
import type { ImportRun, UpdateOutcome } from '../import.routes.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { SimilarMatch } from '../../domain/similar/similar.service.js';
import { similarList } from './similar.section.js';
import type { Viewer } from '../viewer.js';
import { webTexts as t } from '../web.texts.js';
import { wording } from '../../present/kind.texts.js';

export function importForm(today: string, message?: string): SafeHtml {
  return html`<p class="hint">${t.importIntro}</p>
  ${message ? html`<p class="error">${message}</p>` : ''}
  <form id="import-form" class="stack" data-working="${t.importWorking}" data-need-file="${t.importNeedFile}">
    <label>${t.importFile}<input type="file" name="file" accept=".xlsx,.csv" required></label>
    <label>${t.importReceived}<input type="date" name="receivedAt" value="${today}" required></label>
    <label>${t.importSession}<input name="session" maxlength="40" placeholder="十三届四次"></label>
    <label>${t.importKind}<select name="kind">
      <option value="">${t.importKindByColumn}</option>
      ${CASE_KINDS.map((k) => html`<option value="${k}">${wording(k).full}</option>`)}
    </select></label>
    <button type="submit" class="primary">${t.importPreview}</button>
    <p><a href="/import/template.xlsx" download id="import-template">${t.importTemplate}</a></p>
    <p class="error" id="import-error" role="alert" hidden></p>
  </form>`;
}

const newRows = (rows: NewProposal[], similar: SimilarMatch[][]) =>
  html`<div class="table-scroll"><table><thead><tr><th>类别</th><th>届次</th><th>编号</th><th>案由</th><th>第一提案人</th><th>办理类型</th><th>重点</th><th>${t.similar.importColumn}</th></tr></thead><tbody>${rows.map(
    (p, i) => html`<tr><td>${wording(p).case}</td><td>${p.session}</td><td>${p.number}</td><td>${p.title}</td><td>${p.proposers[0]?.name ?? ''}</td>
      <td>${p.handlingType === 'lead' ? t.filter.lead : t.filter.co}</td><td>${p.isKey ? t.yes : ''}</td><td>${similarList(similar[i] ?? [])}</td></tr>`,
  )}</tbody></table></div>`;

/** Rows already in the ledger that the file disagrees with: ledger and file side by side, a choice per row. */
function conflictRows(rows: ExistingRow[]): SafeHtml {
  return html`<p id="import-conflicts-title">${t.importConflicts(rows.length)}</p>
  <div class="table-scroll"><table id="import-conflicts"><thead><tr>${t.importConflictCols.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${rows.map(
    (e) => {
      const fields = Object.keys(e.correction!) as CorrectableField[];
      const span = String(fields.length);
      const choice = html`<td rowspan="${span}" class="choice">
      <label><input type="radio" name="choice-${e.line}" value="skip" checked> ${t.importSkip}</label>
      ${
        e.refused
          ? html`<p class="hint">${t.importCannotUpdate(e.refused)}</p>`
          : html`<label><input type="radio" name="choice-${e.line}" value="update:${e.stored!.id}:${e.stored!.version}"> ${t.importUpdate}</label>`
      }</td>`;
      return fields.map(
        (k, i) => html`<tr data-line="${e.line}">${i === 0 ? html`<td rowspan="${span}">${e.line}</td><td rowspan="${span}">${e.number}</td>` : ''}
        <th scope="row">${correctionLabels.fields[k]}</th><td class="was">${shownValue(k, e.stored![k])}</td><td class="now">${shownValue(k, e.correction![k])}</td>${i === 0 ? choice : ''}</tr>`,
      );
    },
  )}</tbody></table></div>`;
}

/** The dry run's result: bad rows (nothing can be written), or what a confirm would add and the rows in conflict. */
export function importPreview(id: string, name: string, report: ImportReport, viewer: Viewer, similar: SimilarMatch[][] = []): SafeHtml {
  if (report.errors.length > 0) {
    return html`<p><strong>${name}</strong></p>
    <p class="error" id="import-errors-title">${t.importErrors(report.errors.length)}</p>
    <div class="table-scroll"><table id="import-errors"><thead><tr>${t.importErrorCols.map((c) => html`<th>${c}</th>`)}</tr></thead>
    <tbody>${[...report.errors]
      .sort((a, b) => a.line - b.line)
      .map(
        (e) => html`<tr data-line="${e.line}"><td>${e.line > 0 ? e.line : ''}</td><td>${e.field ?? ''}</td><td>${e.message}</td></tr>`,
      )}</tbody></table></div>
    <p><a class="button" href="/import">${t.importChooseAgain}</a></p>`;
  }
  const conflicts = report.existing.filter((e) => e.correction);
  const same = report.existing.length - conflicts.length;
  const updatable = conflicts.filter((e) => !e.refused).length;
  return html`<p><strong>${name}</strong></p>
  ${report.ignoredColumns.length ? html`<p class="hint">以下列不认识，已忽略：${report.ignoredColumns.join('、')}</p>` : ''}
  <p>${t.importNew(report.created.length)}</p>${report.created.length ? newRows(report.created, similar) : html`<p class="hint">${t.importNothingNew}</p>`}
  ${same ? html`<p class="hint">${t.importExisting(same)}</p>` : ''}
  ${
    report.created.length || updatable
      ? html`<form method="post" action="/import/${id}/confirm">${csrfField(viewer)}${conflicts.length ? conflictRows(conflicts) : ''}
        <button type="submit" class="primary" id="import-confirm">${t.importConfirm(report.created.length, conflicts.length)}</button></form>`
      : conflicts.length
        ? conflictRows(conflicts)
        : ''
  }
  <p><a class="button" href="/import">${t.importChooseAgain}</a></p>`;
}

/** While a confirmed import runs: how far it got; the page's script follows it and reloads when done. */
export function importRunning(id: string, r: ImportRun): SafeHtml {
  return html`<div id="import-run" data-status="/import/${id}/status">
    <p>${t.importRunning(r.name)}</p>
    <progress id="import-progress" max="${r.total}" value="${r.done}"></progress>
    <p class="hint" id="import-progress-text">${t.importProgress(r.done, r.total)}</p></div>`;
}

export function importFailed(message: string): SafeHtml {
  return html`<p class="error">${t.importFailedTitle}${message}</p><p><a class="button" href="/import">${t.importChooseAgain}</a></p>`;
}

export function importDone(summary: string, updates: UpdateOutcome[] = []): SafeHtml {
  const ok = updates.filter((u) => !u.refused);
  const refused = updates.filter((u) => u.refused);
  return html`<pre class="report" id="import-result">${summary}</pre>
  ${ok.length ? html`<p id="import-updated">${t.importUpdated(ok.length)}</p><ul>${ok.map((u) => html`<li>${t.importUpdateLine(u.number, u.line)}</li>`)}</ul>` : ''}
  ${refused.length ? html`<p class="error" id="import-not-updated">${t.importNotUpdated(refused.length)}</p><ul>${refused.map((u) => html`<li>${t.importUpdateLine(u.number, u.line)}：${u.refused}</li>`)}</ul>` : ''}
  <p><a class="button" href="/board">${t.nav.board}</a> <a class="button" href="/import">${t.importAnother}</a></p>`;
}
