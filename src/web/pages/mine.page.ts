/**
 * A member's home (我的提案): their proposals as cards in the member's own words — where each
 * stands, which division handles it, whether the reply has been issued — as the chat shows them.
 */
import type { Actor, Proposal } from '../../domain/model.js';
import { sees } from '../../domain/visibility.js';
import { memberReplyLine, stageWordFor } from '../../present/member-view.js';
import { MEMBER_VIEW_WORDS as m } from '../../present/member-view.texts.js';
import { html, type SafeHtml } from '../html.js';
import type { Names } from '../../domain/names.js';
import { webTexts as t } from '../web.texts.js';

export function minePage(actor: Actor, proposals: Proposal[], names: Names): SafeHtml {
  if (proposals.length === 0) return html`<p class="hint">${t.mine.none}</p>`;
  return html`<p class="hint">${t.mine.intro(proposals.length)}</p>
  <ul class="cards">${proposals.map((p) => {
    const issued = sees(actor, p, 'reply');
    return html`<li><a class="card" href="/proposals/${encodeURIComponent(p.id)}" data-number="${p.number}">
      <span class="num">${p.number}</span><span class="title">${p.title}</span>
      <span class="meta">${m.progress}：<strong>${stageWordFor(actor, p)}</strong></span>
      <span class="meta">${m.unit}：${names.division(p.leadDivision) || m.unitPending}</span>
      <span class="meta">${m.reply}：${memberReplyLine(p, issued)}</span>
    </a></li>`;
  })}</ul>`;
}
