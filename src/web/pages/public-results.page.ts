/** 提案办理结果公开: the read-only public page of the answered cases the coordinator opted in. */
import { OUTCOME_LABELS } from '../../present/ledger.texts.js';
import type { PublicCase } from '../../domain/public-results.js';
import { publicationTexts } from '../../present/publication.texts.js';
import { formatDateZh } from '../../present/dates.js';
import { progressWords } from '../../present/measures.js';
import { html, type SafeHtml } from '../html.js';

const t = publicationTexts.page;

export function publicResultsPage(bureau: string, cases: PublicCase[], division: (code: string | undefined) => string): SafeHtml {
  if (cases.length === 0) return html`<p>${t.intro(bureau)}</p><p class="hint">${t.none}</p>`;
  return html`<p>${t.intro(bureau)}</p>
${cases.map(
  (c) => html`<article class="public-case">
  <h2>${t.number(c.session, c.number)} ${c.title}</h2>
  <p class="hint">${c.proposer ? html`${t.proposer}：${c.proposer} · ` : ''}${c.leadDivision ? html`${t.division}：${division(c.leadDivision)} · ` : ''}${t.repliedOn(formatDateZh(c.repliedAt))}</p>
  <p><strong>${t.outcome}</strong>：${OUTCOME_LABELS[c.outcome]}</p>
  <p><strong>${t.summary}</strong>：${c.summary}</p>
  ${
    c.measures.length
      ? html`<p><strong>${t.measures}</strong></p><ol>${c.measures.map((m) => html`<li>${m.text} <span class="tag">${m.done ? t.measureDone : t.measureOpen}</span>${m.progress ? html` ${progressWords(m.progress)}` : ''}</li>`)}</ol>`
      : ''
  }
</article>`,
)}`;
}

/** The coordinator's switch on the proposal page. */
export function publishSection(p: { id: string; published?: { proposerNamed: boolean } }, csrf: SafeHtml): SafeHtml {
  const s = publicationTexts.section;
  const action = `/proposals/${encodeURIComponent(p.id)}/publish`;
  return html`<section id="publish"><h2>${s.title}</h2>
<p>${p.published ? s.isPublic(p.published.proposerNamed) : s.isPrivate}</p>
<form method="post" action="${action}">${csrf}
${
  p.published
    ? html`<input type="hidden" name="on" value="0"><button type="submit">${s.unpublish}</button>`
    : html`<input type="hidden" name="on" value="1"><label class="check"><input type="checkbox" name="named" value="1"> ${s.named}</label> <button type="submit" class="primary">${s.publish}</button>`
}
 <a href="/results">${s.link}</a></form></section>`;
}
