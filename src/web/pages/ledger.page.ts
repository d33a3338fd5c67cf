/** 台账 as a table: the board's filters plus sorting, and links to export the same rows. */
import { stageDue } from '../../domain/deadlines.js';
import type { LedgerEntry } from '../../domain/ledger-view.js';
import type { Viewer } from '../viewer.js';
import { SATISFACTION_LABELS, STAGE_LABELS } from '../../present/ledger.texts.js';
import { STAGES } from '../../domain/model.js';
import type { KindScope } from '../../domain/kind.js';
import { html, query, type SafeHtml } from '../html.js';
import { dateOf, dueBadge, filterForm, oncePerItem, proposalDue, type DueDeps, type Filters } from '../view-helpers.js';
import type { Names } from '../../domain/names.js';
import { webTexts as t } from '../web.texts.js';
import { wording } from '../../present/kind.texts.js';

export const SORTS = ['number', 'due', 'stage', 'division'] as const;
export type Sort = (typeof SORTS)[number];

const numeric = (s: string) => (/^\d+$/.test(s) ? Number(s) : Number.NaN);

/** Sorted copy; ties keep proposal-number order. */
type Row = Pick<LedgerEntry, 'number' | 'milestones' | 'stage' | 'leadDivision'>;

const ZH = new Intl.Collator('zh');

export function sortProposals<T extends Row>(list: T[], sort: Sort, dir: 'asc' | 'desc', names: Names): T[] {
  const n = oncePerItem((r: Row) => numeric(r.number));
  const byNumber = (a: Row, b: Row) => {
    const [x, y] = [n(a), n(b)];
    return !Number.isNaN(x) && !Number.isNaN(y) ? x - y : a.number.localeCompare(b.number);
  };
  const due = oncePerItem((r: Row) => stageDue(r)?.at.getTime() ?? Infinity);
  const division = oncePerItem((r: Row) => names.division(r.leadDivision));
  const key: Record<Sort, (a: Row, b: Row) => number> = {
    number: byNumber,
    due: (a, b) => due(a) - due(b),
    stage: (a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage),
    division: (a, b) => ZH.compare(division(a), division(b)),
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => sign * key[sort](a, b) || byNumber(a, b));
}

/** Rows per page: a whole year shows at once; 10,000 cases come in pages the browser renders quickly. */
export const LEDGER_PAGE_ROWS = 500;

export function ledgerPage(
  core: DueDeps,
  rows: LedgerEntry[],
  names: Names,
  f: Filters,
  { sort, dir, page, scope }: { sort: Sort; dir: 'asc' | 'desc'; page: number; scope: KindScope },
  viewer: Viewer,
): SafeHtml {
  const c = t.ledgerCols;
  const filterQuery = query({ ...f });
  const sortLink = (s: Sort, label: string) => {
    const nextDir = sort === s && dir === 'asc' ? 'desc' : 'asc';
    const mark = sort === s ? (dir === 'asc' ? ' ▲' : ' ▼') : '';
    return html`<a href="/ledger${query({ ...f, sort: s, dir: nextDir })}">${label}${mark}</a>`;
  };
  const pages = Math.max(1, Math.ceil(rows.length / LEDGER_PAGE_ROWS));
  const at = Math.min(page, pages);
  const shown = rows.slice((at - 1) * LEDGER_PAGE_ROWS, at * LEDGER_PAGE_ROWS);
  const pageLink = (n: number, label: string) => html`<a href="/ledger${query({ ...f, sort, dir, page: String(n) })}">${label}</a>`;
  const pager =
    pages > 1
      ? html`<p class="pager">${t.pager.range((at - 1) * LEDGER_PAGE_ROWS + 1, (at - 1) * LEDGER_PAGE_ROWS + shown.length, rows.length)}
    ${at > 1 ? pageLink(at - 1, t.pager.previous) : ''} ${at < pages ? pageLink(at + 1, t.pager.next) : ''}</p>`
      : '';
  return html`
  ${filterForm('/ledger', f, names, viewer, html`<input type="hidden" name="sort" value="${sort}"><input type="hidden" name="dir" value="${dir}">`)}
  <p class="actions">
    <a class="button" id="export-xlsx" href="/ledger/export.xlsx${filterQuery}" download>${t.exportXlsx}</a>
    <a class="button" id="export-csv" href="/ledger/export.csv${filterQuery}" download>${t.exportCsv}</a>
    <span class="hint">${t.total(rows.length)}</span>
  </p>
  <div class="table-scroll"><table class="ledger">
    <thead><tr>
      <th>${sortLink('number', c.number(scope))}</th><th>${c.title}</th><th>${c.kind}</th><th>${c.type}</th><th>${c.key}</th><th>${sortLink('stage', c.stage)}</th>
      <th>${sortLink('division', c.division)}</th><th>${c.handler}</th><th>${sortLink('due', c.due)}</th><th>${c.status}</th><th>${c.outcome}</th><th>${c.satisfaction}</th>
    </tr></thead>
    <tbody>${shown.map(
      (p) => html`<tr data-number="${p.number}" data-stage="${p.stage}">
        <td data-label="${c.number(scope)}"><a href="/proposals/${encodeURIComponent(p.id)}">${p.number}</a></td><td data-label="${c.title}" class="c-title">${p.title}</td><td data-label="${c.kind}">${wording(p).case}</td>
        <td data-label="${c.type}">${p.handlingType === 'lead' ? t.filter.lead : t.filter.co}</td><td data-label="${c.key}">${p.isKey ? html`<span class="key">${t.keyBadge}</span>` : ''}</td><td data-label="${c.stage}">${STAGE_LABELS[p.stage]}</td>
        <td data-label="${c.division}">${names.division(p.leadDivision)}</td><td data-label="${c.handler}">${names.person(p.handlerUserid)}</td><td data-label="${c.due}">${dateOf(stageDue(p)?.at)}</td>
        <td data-label="${c.status}">${p.stage === 'archived' ? '' : dueBadge(proposalDue(core, p))}</td>
        <td data-label="${c.outcome}">${p.facts.outcome === 'none' ? '' : p.facts.outcome}</td><td data-label="${c.satisfaction}">${p.facts.satisfaction === 'none' ? '' : SATISFACTION_LABELS[p.facts.satisfaction]}</td>
      </tr>`,
    )}</tbody>
  </table></div>
  ${pager}
  ${rows.length === 0 ? html`<p class="hint">${t.noProposals}</p>` : ''}`;
}
