/**
 * 首页: the few numbers a person needs on a phone, by role. Each number is a link to the ledger
 * filtered to exactly the proposals it counts (the same filters, so the list always matches), and
 * the most urgent of those follow as cards. A leader also sees the three 100% rates with the
 * counts behind them.
 */
import type { Metrics } from '../../domain/metrics.js';
import { STAGE_LABELS } from '../../present/ledger.texts.js';
import type { LedgerEntry } from '../../domain/ledger-view.js';
import { html, query, type SafeHtml } from '../html.js';
import type { Filters } from '../view-helpers.js';
import type { Names } from '../../domain/names.js';
import { webTexts as t } from '../web.texts.js';
import { rateTile } from './metrics.page.js';

export interface HomeTile {
  key: string;
  label: string;
  filters: Filters;
  /** What the tile counts, most urgent first. */
  entries: LedgerEntry[];
  /** Red when there is anything in it (逾期), amber for 临期. */
  tone?: 'late' | 'soon';
}

export interface HomeView {
  intro: string;
  tiles: HomeTile[];
  /** The three 100% rates, for those who see the bureau's figures. */
  rates?: Metrics;
  /** The most urgent proposals of the viewer's own work. */
  urgent: LedgerEntry[];
}

const MAX_URGENT = 5;

function countTile(tile: HomeTile): SafeHtml {
  const n = tile.entries.length;
  return html`<a class="tile tile-link${n && tile.tone ? ` tile-${tile.tone}` : ''}" data-tile="${tile.key}" href="/ledger${query(tile.filters)}">
    <span class="label">${tile.label}</span><span class="value">${n}</span><span class="detail">${t.home.open}</span></a>`;
}

export function homePage(view: HomeView, names: Names, dueText: (e: LedgerEntry) => string): SafeHtml {
  return html`<p class="hint">${view.intro}</p>
  <div class="tiles home-tiles">${view.tiles.map(countTile)}</div>
  ${
    view.rates
      ? html`<h2>${t.metricsTitle}</h2><div class="tiles home-rates">${rateTile(t.onTime, view.rates.onTime)}${rateTile(t.faceToFace, view.rates.faceToFace)}${rateTile(t.satisfaction, view.rates.satisfaction)}</div>
      <p><a href="/metrics">${t.home.moreMetrics}</a></p>`
      : ''
  }
  <section><h2>${t.home.urgentTitle}</h2>${
    view.urgent.length
      ? html`<ul class="cards home-urgent">${view.urgent.slice(0, MAX_URGENT).map(
          (e) => html`<li><a class="card" href="/proposals/${encodeURIComponent(e.id)}" data-number="${e.number}">
            <span class="num">${e.number}</span><span class="title">${e.title}</span>
            <span class="meta">${STAGE_LABELS[e.stage]}${e.leadDivision ? ` · ${names.division(e.leadDivision)}` : ''}${e.isKey ? html` <span class="key">${t.keyBadge}</span>` : ''}</span>
            <span class="meta">${dueText(e)}</span></a></li>`,
        )}</ul>`
      : html`<p class="hint">${t.home.nothingUrgent}</p>`
  }</section>`;
}
