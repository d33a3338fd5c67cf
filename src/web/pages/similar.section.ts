/**
 * 相似提案 and 并案 on a proposal's page: the most similar proposals with their scores, the merge
 * this case is part of, and for the coordinator the buttons to merge or unmerge.
 */
import type { Proposal } from '../../domain/model.js';
import type { SimilarMatch } from '../../domain/similar/similar.service.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { Viewer } from '../viewer.js';
import { webTexts } from '../web.texts.js';

const t = webTexts.similar;
const link = (c: { id: string; number: string }) => html`<a href="/proposals/${encodeURIComponent(c.id)}">${c.number}</a>`;
export const percent = (score: number): string => `${Math.round(score * 100)}%`;

/** The similar list for a table row or a page: number, title, session and score. */
export function similarList(matches: SimilarMatch[]): SafeHtml {
  if (matches.length === 0) return html`<span class="hint">${t.none}</span>`;
  return html`<ol class="similar">${matches.map(
    (m) =>
      html`<li>${link(m.case)} ${m.case.title}（${m.case.session}）<span class="tag">${t.score(percent(m.score))}</span>${
        m.case.mergedInto ? html` <small>${t.mergedInto(m.case.mergedInto.number)}</small>` : ''
      }</li>`,
  )}</ol>`;
}

export function similarSection(p: Proposal, matches: SimilarMatch[], viewer: Viewer): SafeHtml {
  const coordinator = viewer.isCoordinator && p.stage !== 'archived';
  const merge = (m: SimilarMatch) =>
    coordinator && !p.mergedInto && !m.case.mergedInto
      ? html`<form method="post" action="/proposals/${encodeURIComponent(p.id)}/merge" class="inline">${csrfField(viewer)}<input type="hidden" name="follower" value="${m.case.id}"><button type="submit">${t.mergeHere(m.case.number)}</button></form>`
      : '';
  const group = p.mergedInto
    ? html`<p id="merged-into">${t.mergedInto(p.mergedInto.number)}：${link(p.mergedInto)}</p>${
        coordinator
          ? html`<form method="post" action="/proposals/${encodeURIComponent(p.id)}/unmerge" class="stack">${csrfField(viewer)}<label>${t.unmergeReason}<input name="reason" required maxlength="200"></label><button type="submit">${t.unmerge}</button></form>`
          : ''
      }`
    : p.merged?.length
      ? html`<p id="merged-cases">${t.mergedCases}${p.merged.map((c) => html` ${link(c)}`)}</p>`
      : '';
  return html`<section id="similar"><h2>${t.title}</h2>${group}${similarList(matches)}${
    matches.length && coordinator && !p.mergedInto ? html`<p class="actions">${matches.map(merge)}</p><p class="hint">${t.mergeHint}</p>` : ''
  }</section>`;
}
