/**
 * 流程图: one column per stage in the order of the flow, a lane for 主办 and one for 协办 (a
 * co-handled proposal skips 会审…督办 and sends its 协办意见 instead), a card per proposal coloured
 * by its due status, counts per column.
 */
import type { CoreServices } from '../../app.js';
import type { LedgerEntry } from '../../domain/ledger-view.js';
import type { Stage } from '../../domain/model.js';
import { STAGES } from '../../domain/model.js';
import { CO_PATH, LEAD_PATH } from '../../domain/stages.js';
import { STAGE_LABELS } from '../../domain/ledger.texts.js';
import { html, type SafeHtml } from '../html.js';
import type { Viewer } from '../viewer.js';
import { dueBadge, dueText, filterForm, proposalDue, type Filters, type Names } from '../view-helpers.js';
import { webTexts as t, DUE_LABELS } from '../web.texts.js';

/** Every stage once, in flow order: the lead path with 协办意见 placed where the co path has it. */
const COLUMNS: Stage[] = STAGES.filter((s) => LEAD_PATH.includes(s) || CO_PATH.includes(s)).sort(
  (a, b) => order(a) - order(b),
);
function order(s: Stage): number {
  return s === 'opinionSent' ? LEAD_PATH.indexOf('supervising') + 0.5 : LEAD_PATH.indexOf(s);
}

function card(core: CoreServices, p: LedgerEntry, names: Names): SafeHtml {
  const status = proposalDue(core, p);
  return html`<a class="card state-${status}" href="/proposals/${encodeURIComponent(p.id)}" data-number="${p.number}">
    <span class="num">${p.number}</span>${p.isKey ? html`<span class="key">${t.keyBadge}</span>` : ''}
    <span class="title">${p.title}</span>
    <span class="meta">${names.division(p.leadDivision)}${p.handlerUserid ? ` · ${names.person(p.handlerUserid)}` : ''}</span>
    ${p.stage !== 'archived' && p.nextDueAt ? html`<span class="meta">${dueBadge(status)} ${dueText(core, p)}</span>` : ''}
  </a>`;
}

export function boardPage(core: CoreServices, proposals: LedgerEntry[], names: Names, filters: Filters, _viewer: Viewer): SafeHtml {
  const lanes: { type: 'lead' | 'co'; label: string; path: readonly Stage[] }[] = [
    { type: 'lead', label: t.laneLead, path: LEAD_PATH },
    { type: 'co', label: t.laneCo, path: CO_PATH },
  ];
  const count = (stage: Stage) => proposals.filter((p) => p.stage === stage).length;
  return html`
  ${filterForm('/board', filters, names)}
  <p class="legend">${t.legend}${(['onTrack', 'dueSoon', 'overdue'] as const).map((s) => html`<span class="due due-${s}">${DUE_LABELS[s]}</span> `)}<span class="key">${t.keyBadge}</span> ${t.total(proposals.length)}</p>
  <div class="board-scroll">
  <table class="board">
    <thead><tr><th></th>${COLUMNS.map((s) => html`<th data-stage="${s}">${STAGE_LABELS[s]} <span class="count">${count(s)}</span></th>`)}</tr></thead>
    <tbody>${lanes.map(
      (lane) => html`<tr class="lane lane-${lane.type}"><th scope="row">${lane.label}</th>${COLUMNS.map((s) => {
        if (!lane.path.includes(s)) return html`<td class="off" title="${t.notOnPath}"></td>`;
        const here = proposals.filter((p) => p.handlingType === lane.type && p.stage === s);
        return html`<td data-stage="${s}" data-lane="${lane.type}">${here.length ? here.map((p) => card(core, p, names)) : html`<span class="empty">${t.emptyColumn}</span>`}</td>`;
      })}</tr>`,
    )}</tbody>
  </table>
  </div>
  ${proposals.length === 0 ? html`<p class="hint">${t.noProposals}</p>` : ''}`;
}
