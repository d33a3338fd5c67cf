/**
 * 流程图: the process diagram (flow.svg.ts) with each stage's count, overdue and due-soon numbers,
 * then the board: one column per stage in flow order, a lane for 主办 and one for 协办, cards most
 * urgent first, long columns cut short ("另有 N 件" links to the full list), quick filters.
 */
import type { LedgerEntry } from '../../domain/ledger-view.js';
import type { Stage } from '../../domain/model.js';
import { STAGES } from '../../domain/model.js';
import { CO_PATH, LEAD_PATH } from '../../domain/stages.js';
import { STAGE_LABELS } from '../../present/ledger.texts.js';
import { html, query, type SafeHtml } from '../html.js';
import type { Viewer } from '../viewer.js';
import { byUrgency, dueBadge, dueText, filterForm, proposalDue, type DueDeps, type Filters } from '../view-helpers.js';
import type { Names } from '../../domain/names.js';
import { webTexts as t, DUE_LABELS } from '../web.texts.js';
import { flowDiagram } from './flow.svg.js';

/** Cards shown per column and lane before "另有 N 件". */
export const COLUMN_LIMIT = 6;

/** Every stage once, in flow order: the lead path with 协办意见 placed where the co path has it. */
const COLUMNS: Stage[] = STAGES.filter((s) => LEAD_PATH.includes(s) || CO_PATH.includes(s)).sort((a, b) => order(a) - order(b));
function order(s: Stage): number {
  return s === 'opinionSent' ? LEAD_PATH.indexOf('supervising') + 0.5 : LEAD_PATH.indexOf(s);
}

function card(core: DueDeps, p: LedgerEntry, names: Names): SafeHtml {
  const status = proposalDue(core, p);
  const due = dueText(core, p);
  return html`<a class="card state-${status}" href="/proposals/${encodeURIComponent(p.id)}" data-number="${p.number}">
    <span class="num">${p.number}</span>${p.isKey ? html`<span class="key">${t.keyBadge}</span>` : ''}
    <span class="title">${p.title}</span>
    <span class="meta">${names.division(p.leadDivision) || p.externalLeadUnit || ''}${p.handlerUserid ? ` · ${names.person(p.handlerUserid)}` : ''}</span>
    ${due ? html`<span class="meta">${dueBadge(status)} ${due}</span>` : ''}
  </a>`;
}

export function boardPage(core: DueDeps, proposals: LedgerEntry[], names: Names, filters: Filters, viewer: Viewer): SafeHtml {
  const lanes: { type: 'lead' | 'co'; label: string; path: readonly Stage[] }[] = [
    { type: 'lead', label: t.laneLead, path: LEAD_PATH },
    { type: 'co', label: t.laneCo, path: CO_PATH },
  ];
  const byStage = new Map<Stage, LedgerEntry[]>(COLUMNS.map((s) => [s, []]));
  for (const p of [...proposals].sort(byUrgency())) byStage.get(p.stage)?.push(p);
  const due = new Map(proposals.map((p) => [p.id, proposalDue(core, p)]));
  const nodes = COLUMNS.map((stage) => {
    const here = byStage.get(stage)!;
    return {
      stage,
      count: here.length,
      overdue: here.filter((p) => due.get(p.id) === 'overdue').length,
      dueSoon: here.filter((p) => due.get(p.id) === 'dueSoon').length,
      href: `/ledger${query({ ...filters, stage })}`,
    };
  });
  const overdueTotal = nodes.reduce((n, x) => n + x.overdue, 0);
  const soonTotal = nodes.reduce((n, x) => n + x.dueSoon, 0);
  return html`
  ${filterForm('/board', filters, names, viewer)}
  <p class="legend">${t.total(proposals.length)} · <span class="due due-overdue">${DUE_LABELS.overdue} ${overdueTotal}</span> <span class="due due-dueSoon">${DUE_LABELS.dueSoon} ${soonTotal}</span>
    <span class="key">${t.keyBadge}</span></p>
  ${flowDiagram(nodes)}
  <div class="board-scroll">
  <table class="board">
    <thead><tr><th></th>${nodes.map((n) => html`<th data-stage="${n.stage}" scope="col">${STAGE_LABELS[n.stage]} <span class="count">${n.count}</span></th>`)}</tr></thead>
    <tbody>${lanes.map(
      (lane) =>
        html`<tr class="lane lane-${lane.type}"><th scope="row">${lane.label}</th>${COLUMNS.map((s) => {
          if (!lane.path.includes(s)) return html`<td class="off" title="${t.notOnPath}"></td>`;
          const here = byStage.get(s)!.filter((p) => p.handlingType === lane.type);
          const more = here.length - COLUMN_LIMIT;
          return html`<td data-stage="${s}" data-lane="${lane.type}" data-total="${here.length}">${
            here.length ? here.slice(0, COLUMN_LIMIT).map((p) => card(core, p, names)) : html`<span class="empty">${t.emptyColumn}</span>`
          }${more > 0 ? html`<a class="more" href="/ledger${query({ ...filters, stage: s, type: lane.type, sort: 'due' })}">${t.moreInColumn(more)}</a>` : ''}</td>`;
        })}</tr>`,
    )}</tbody>
  </table>
  </div>
  ${proposals.length === 0 ? html`<p class="hint">${t.noProposals}</p>` : ''}`;
}
