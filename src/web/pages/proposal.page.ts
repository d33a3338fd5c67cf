/** One proposal: its facts, due dates, contacts, reply and measures, and the full audit trail. */
import type { CoreServices } from '../../app.js';
import { dueStatus } from '../../domain/deadlines.js';
import { describeEvent } from '../../domain/audit.js';
import { MILESTONES, type Proposal } from '../../domain/model.js';
import {
  METHOD_LABELS,
  MILESTONE_LABELS,
  OUTCOME_LABELS,
  PHASE_LABELS,
  SATISFACTION_LABELS,
  STAGE_LABELS,
} from '../../domain/ledger.texts.js';
import { formatLocal } from '../../domain/shanghai-time.js';
import { html, type SafeHtml } from '../html.js';
import { dateOf, dueBadge, type Names } from '../view-helpers.js';
import { CHANNEL_LABELS, webTexts as t } from '../web.texts.js';

const f = t.fields;
const yesNo = (b: boolean) => (b ? t.yes : t.no);
const when = (d: Date | undefined) => (d ? formatLocal(new Date(d)) : '');


const table = (head: readonly string[], rows: SafeHtml[]) =>
  rows.length
    ? html`<div class="table-scroll"><table><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p class="hint">${t.none}</p>`;

export function proposalPage(core: CoreServices, p: Proposal, names: Names): SafeHtml {
  const now = core.clock.now();
  const dl = (pairs: [string, unknown][]) =>
    html`<dl class="facts">${pairs.filter(([, v]) => v !== '' && v !== undefined).map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl>`;

  const milestones = MILESTONES.filter((m) => p.milestones[m]).map((m) => {
    const ms = p.milestones[m]!;
    const status = ms.doneAt ? html`<span class="due due-done">${t.done}</span>` : dueBadge(dueStatus(ms.dueAt, now, core.ledgerConfig.deadlines, core.calendar));
    return html`<tr><td>${MILESTONE_LABELS[m]}</td><td>${dateOf(ms.dueAt)}</td><td>${dateOf(ms.doneAt)}</td><td>${status}</td></tr>`;
  });

  const contacts = p.contacts.map(
    (c) => html`<tr><td>${when(c.at)}</td><td>${PHASE_LABELS[c.phase]}</td><td>${METHOD_LABELS[c.method]}</td><td>${yesNo(c.faceToFace)}</td>
      <td>${t.confirmation[c.confirmation] ?? c.confirmation}${c.confirmationNote ? `（${c.confirmationNote}）` : ''}</td><td>${t.photos(c.evidence.length)}</td>
      <td>${c.summary}${c.memberViews ? html`<br><small>委员意见：${c.memberViews}</small>` : ''}</td></tr>`,
  );

  const r = p.reply;
  const reply = r
    ? dl([
        [t.replyFields.outcome, OUTCOME_LABELS[r.outcome]],
        [t.replyFields.docNo, r.docNo ?? t.docNoPending],
        [t.replyFields.summary, r.summary],
        [t.replyFields.drafted, `${names.person(r.draftedBy)} ${when(r.draftedAt)}`],
        [t.replyFields.signedOff, r.signedOffBy ? `${names.person(r.signedOffBy)} ${when(r.signedOffAt)}` : t.notSignedOff],
        [t.replyFields.sent, r.sentAt ? when(r.sentAt) : t.notSent],
      ])
    : html`<p class="hint">${t.none}</p>`;

  const measures = p.measures.length
    ? html`<ol class="measures">${p.measures.map(
        (m) => html`<li><strong>${m.text}</strong> <span class="tag">${m.status === 'done' ? t.measureDone : t.measureOpen}</span>
          ${m.progress.length ? html`<ul>${m.progress.map((x) => html`<li>${when(x.at)} ${names.person(x.by)}：${x.note}</li>`)}</ul>` : ''}</li>`,
      )}</ol>`
    : html`<p class="hint">${t.none}</p>`;

  const events = [...p.events]
    .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
    .map(
      (e) => html`<tr><td>${when(e.at)}</td><td>${e.actor.name}</td><td>${CHANNEL_LABELS[e.channel] ?? e.channel}</td><td>${describeEvent(e, names.division)}</td>
        <td>${e.fromStage || e.toStage ? `${e.fromStage ? STAGE_LABELS[e.fromStage] : ''} → ${e.toStage ? STAGE_LABELS[e.toStage] : ''}` : ''}</td><td>${e.note ?? ''}</td></tr>`,
    );

  return html`
  <p class="actions">${
    r
      ? html`<a class="button primary" href="/proposals/${encodeURIComponent(p.id)}/letter.docx" download>${t.letterButton}</a>`
      : html`<span class="hint">${t.letterNeedsReply}</span>`
  }</p>
  <section><h2>${t.basics}</h2>${dl([
    [f.session, p.session],
    [f.number, p.number],
    [f.title, p.title],
    [f.proposers, p.proposers.map((x) => x.name).join('、')],
    [f.coSigners, p.coSigners.join('、')],
    [f.sector, p.sector ?? ''],
    [f.type, p.handlingType === 'lead' ? t.filter.lead : t.filter.co],
    [f.externalLead, p.externalLeadUnit ?? ''],
    [f.externalCo, p.externalCoUnits.join('、')],
    [f.key, yesNo(p.isKey)],
    [f.stage, STAGE_LABELS[p.stage]],
    [f.leadDivision, names.division(p.leadDivision)],
    [f.assisting, p.assistingDivisions.map((d) => names.division(d)).join('、')],
    [f.responsible, names.person(p.responsibleUserid)],
    [f.handler, names.person(p.handlerUserid)],
    [f.leader, names.person(p.leaderUserid)],
    [f.received, dateOf(p.receivedAt)],
    [f.assigned, dateOf(p.assignedAt)],
    [f.round, p.round > 1 ? t.secondRound(p.round) : t.firstRound],
    [f.summary, p.summary],
  ])}</section>
  <section><h2>${t.milestones}</h2>${table(t.milestoneCols, milestones)}</section>
  <section><h2>${t.contacts}</h2>${table(t.contactCols, contacts)}</section>
  <section><h2>${t.reply}</h2>${reply}<h3>${t.measures}</h3>${measures}</section>
  <section><h2>${t.feedback}</h2>${
    p.feedback.length
      ? html`<ul>${p.feedback.map((x) => html`<li>${when(x.at)} ${SATISFACTION_LABELS[x.rating]}${x.comment ? `：${x.comment}` : ''}</li>`)}</ul>`
      : html`<p class="hint">${t.none}</p>`
  }</section>
  ${p.coOpinions.length ? html`<section><h2>${t.coOpinions}</h2><ul>${p.coOpinions.map((o) => html`<li>${names.division(o.divisionCode)}：${o.text ?? ''} ${when(o.sentAt)}</li>`)}</ul></section>` : ''}
  ${p.instructions.length ? html`<section><h2>${t.instructions}</h2><ul>${p.instructions.map((i) => html`<li>${when(i.at)} ${names.person(i.by)}：${i.text}</li>`)}</ul></section>` : ''}
  ${p.extensions.length ? html`<section><h2>${t.extensions}</h2><ul>${p.extensions.map((x) => html`<li>${MILESTONE_LABELS[x.milestone]} ${x.days} 天：${x.reason}（${t.extensionStatus[x.status]}）</li>`)}</ul></section>` : ''}
  <section><h2>${t.timeline}</h2>${table(t.timelineCols, events)}</section>`;
}
