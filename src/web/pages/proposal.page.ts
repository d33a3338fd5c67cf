/**
 * One proposal as this viewer may read it: where it stands first, then its facts, due dates,
 * contacts, reply and measures, and its history as a vertical timeline. Which sections appear is
 * the domain's visibility table (domain/visibility.ts): a member reads their own proposal in
 * plain words, never 批示, 催办, staff-only trail entries or drafts.
 */
import { dueStatus } from '../../domain/deadlines.js';
import { describeEvent } from '../../present/audit.js';
import { MILESTONES, type ChannelName, type Proposal } from '../../domain/model.js';
import { availableCommands, REPLY_BODY_MAX, replyParagraphs } from '../../domain/workflow.js';
import { formatQuantity, progressText } from '../../present/measures.js';
import { csrfField } from '../layout.js';
import type { Viewer } from '../viewer.js';
import { METHOD_LABELS, milestoneLabel, OUTCOME_LABELS, PHASE_LABELS, SATISFACTION_LABELS, STAGE_LABELS } from '../../present/ledger.texts.js';
import { formatLocal, toLocalDate } from '../../domain/shanghai-time.js';
import { describeCorrection } from '../../present/correction.js';
import type { Section } from '../../domain/visibility.js';
import { memberStageWord, memberTrailLines } from '../../present/member-view.js';
import { MEMBER_VIEW_WORDS } from '../../present/member-view.texts.js';
import { html, type SafeHtml } from '../html.js';
import { letterState } from '../letter/reply-letter.js';
import { dateOf, dueBadge, dueText, type DueDeps } from '../view-helpers.js';
import type { Names } from '../../domain/names.js';
import { CHANNEL_LABELS } from '../../ledger-io/timeline.js';
import { webTexts as t } from '../web.texts.js';
import { wording } from '../../present/kind.texts.js';

const f = t.fields;
const yesNo = (b: boolean) => (b ? t.yes : t.no);
const when = (d: Date | undefined) => (d ? formatLocal(new Date(d)) : '');

/** The desk forms this viewer may use now: the same commands, rules and audit as the chat. */
function deskForms(p: Proposal, names: Names, viewer: Viewer): SafeHtml | '' {
  const can = new Set(availableCommands(p, viewer.actor));
  const d = t.desk;
  const form = (action: string, legend: string, body: SafeHtml) =>
    html`<form class="desk" method="post" action="/proposals/${encodeURIComponent(p.id)}/act" data-action="${action}">
      <fieldset><legend>${legend}</legend>${csrfField(viewer)}<input type="hidden" name="action" value="${action}"><input type="hidden" name="version" value="${p.version}">${body}</fieldset></form>`;
  const divisions = [...names.divisions.values()].filter((x) => x.active && x.kind !== 'coordinating');
  const divisionSelect = html`<label>${d.leadDivision}<select name="leadDivision" required>${divisions.map(
    (x) => html`<option value="${x.code}"${x.code === p.leadDivision ? html` selected` : ''}>${x.name}</option>`,
  )}</select></label>`;
  // Names or short names, as in chat (协办:帮扶处、规划处); the domain resolves and checks them.
  const assistingInput = html`<label>${d.assisting}<input name="assisting" maxlength="200" placeholder="${d.assistingHint}" value="${p.assistingDivisions
    .map((c) => names.division(c))
    .join('、')}"></label>`;
  const note = (label: string = d.note, required = false) =>
    html`<label>${label}<input name="${required ? 'reason' : 'note'}" maxlength="500"${required ? html` required` : ''}></label>`;
  const pending = p.extensions.find((x) => x.status === 'pending');
  const forms = [
    can.has('assign')
      ? form('assign', d.legends.assign, html`${divisionSelect}${assistingInput}${note()}<button class="primary">${d.buttons.assign}</button>`)
      : '',
    can.has('reassign')
      ? form('reassign', d.legends.reassign, html`${divisionSelect}${assistingInput}${note(d.reason, true)}<button>${d.buttons.reassign}</button>`)
      : '',
    can.has('signOff')
      ? form(
          'signOff',
          d.legends.signOff,
          html`${note(d.opinion)}<button class="primary" name="decision" value="approve">${d.buttons.signOff}</button> <button name="decision" value="back">${d.buttons.signOffBack}</button>`,
        )
      : '',
    can.has('decideExtension') && pending
      ? form(
          'decideExtension',
          d.legends.decideExtension,
          html`<p>${d.pendingExtension(pending.days, pending.reason)}</p>${note(d.opinion)}<button class="primary" name="decision" value="approve">${d.buttons.approveExtension}</button> <button name="decision" value="reject">${d.buttons.rejectExtension}</button>`,
        )
      : '',
    can.has('replyBody') && p.reply
      ? form(
          'replyBody',
          d.legends.replyBody,
          html`<p class="hint">${d.replyBodyHint}</p><label><textarea name="body" rows="12" maxlength="${REPLY_BODY_MAX}" required>${p.reply.body ?? ''}</textarea></label><button class="primary">${d.buttons.replyBody}</button>`,
        )
      : '',
    can.has('archive') ? form('archive', d.legends.archive, html`${note()}<button>${d.buttons.archive}</button>`) : '',
    can.has('chase') && p.stage !== 'archived' ? form('chase', d.legends.chase, html`${note()}<button>${d.buttons.chase}</button>`) : '',
    can.has('correct')
      ? html`<details class="correct"><summary>${d.correct.summary}</summary>${form('correct', d.buttons.correct, correctionFields(p))}</details>`
      : '',
  ].filter((x) => x !== '');
  return forms.length ? html`<section class="desk-work"><h2>${d.title}</h2><p class="hint">${d.intro}</p><div class="desk-forms">${forms}</div></section>` : '';
}

/** The registered facts as they stand, ready to be corrected (更正台账). */
function correctionFields(p: Proposal): SafeHtml {
  const c = t.desk.correct;
  const input = (name: string, label: string, value: string | undefined, extra = html``) =>
    html`<label>${label}<input name="${name}" value="${value ?? ''}" maxlength="1000"${extra}></label>`;
  const typeLocked = p.stage !== 'registered';
  return html`<p class="hint">${c.hint}</p>
    ${input('title', f.title, p.title, html` required`)}
    <label>${f.summary}<textarea name="summary" rows="3" maxlength="5000">${p.summary}</textarea></label>
    ${input('proposers', f.proposers, p.proposers.map((x) => x.name).join('、'), html` required`)}
    ${input('coSigners', f.coSigners, p.coSigners.join('、'))}
    ${input('sector', f.sector, p.sector)}
    ${input('filedAt', c.filedAt, p.filedAt ? toLocalDate(new Date(p.filedAt)) : '', html` type="date"`)}
    <label>${f.type}<select name="handlingType"${typeLocked ? html` disabled` : ''}>${(['lead', 'co'] as const).map(
      (x) => html`<option value="${x}"${x === p.handlingType ? html` selected` : ''}>${x === 'lead' ? t.filter.lead : t.filter.co}</option>`,
    )}</select>${typeLocked ? html`<small class="hint">${c.typeLocked}</small>` : ''}</label>
    ${typeLocked ? html`<input type="hidden" name="handlingType" value="${p.handlingType}">` : ''}
    ${input('externalLeadUnit', f.externalLead, p.externalLeadUnit)}
    ${input('externalCoUnits', c.externalCoUnits, p.externalCoUnits.join('、'))}
    <label class="check"><input type="checkbox" name="isKey"${p.isKey ? html` checked` : ''}> ${f.key}</label>
    <label>${c.reason}<input name="reason" maxlength="500" required placeholder="${c.reasonPlaceholder}"></label>
    <button class="primary">${c.button}</button>`;
}

const table = (head: readonly string[], rows: SafeHtml[]) =>
  rows.length
    ? html`<div class="table-scroll"><table><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p class="hint">${t.none}</p>`;

const dl = (pairs: [string, unknown, boolean?][]) =>
  html`<dl class="facts">${pairs
    .filter(([, v, show]) => show !== false && v !== '' && v !== undefined)
    .map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl>`;

/** A vertical timeline: readable at 390 px, one entry under the other. */
const timeline = (entries: { at: Date; head: string; detail?: string; note?: string; changes?: string[] }[]) =>
  entries.length
    ? html`<ol class="timeline">${entries.map(
        (e) =>
          html`<li><time>${when(e.at)}</time><strong>${e.head}</strong>${e.detail ? html` <span class="tag">${e.detail}</span>` : ''}${
            e.note ? html`<div class="note">${e.note}</div>` : ''
          }${e.changes?.length ? html`<ul class="changes">${e.changes.map((c) => html`<li>${c}</li>`)}</ul>` : ''}</li>`,
      )}</ol>`
    : html`<p class="hint">${t.none}</p>`;

export function proposalPage(core: DueDeps, p: Proposal, names: Names, seen: ReadonlySet<Section>, viewer: Viewer, flash?: string): SafeHtml {
  const k = t.kindFields(p.kind);
  const now = core.clock.now();
  const can = (s: Section) => seen.has(s);
  const r = p.reply;

  const milestones = MILESTONES.filter((m) => p.milestones[m]).map((m) => {
    const ms = p.milestones[m]!;
    const status = ms.doneAt
      ? html`<span class="due due-done">${t.done}</span>`
      : dueBadge(dueStatus(ms.dueAt, now, core.ledgerConfig.deadlines, core.calendar));
    return html`<tr><td>${milestoneLabel(m, p.kind)}</td><td>${dateOf(ms.dueAt)}</td><td>${dateOf(ms.doneAt)}</td><td>${status}</td></tr>`;
  });

  const contacts = p.contacts.map(
    (c) => html`<li><time>${when(c.at)}</time><strong>${PHASE_LABELS[c.phase]} · ${METHOD_LABELS[c.method]}</strong>
      <span class="tag">${c.faceToFace ? t.faceToFaceMark : ''} ${t.confirmation[c.confirmation] ?? c.confirmation}${c.confirmationNote ? `（${c.confirmationNote}）` : ''}${
        can('contactEvidence') ? ` · ${t.photos(c.evidence.length)} · ${names.person(c.loggedBy)}` : ''
      }</span>
      <div class="note">${c.summary}${c.memberViews ? html`<br><small>${k.memberViews}：${c.memberViews}</small>` : ''}</div></li>`,
  );

  // The reply: the draft for staff, only the issued reply (发文) for the member.
  const showReply = r && (can('draft') || can('reply'));
  const reply = showReply
    ? dl([
        [t.replyFields.outcome, OUTCOME_LABELS[r.outcome]],
        [t.replyFields.docNo, r.docNo ?? t.docNoPending],
        [t.replyFields.summary, r.summary],
        [t.replyFields.drafted, `${names.person(r.draftedBy)} ${when(r.draftedAt)}`, can('staff')],
        [t.replyFields.signedOff, r.signedOffBy ? `${names.person(r.signedOffBy)} ${when(r.signedOffAt)}` : t.notSignedOff, can('staff')],
        [t.replyFields.sent, r.sentAt ? when(r.sentAt) : t.notSent],
      ])
    : html`<p class="hint">${r && !can('reply') && can('progress') ? t.replyPendingMember : t.none}</p>`;
  // The 正文 paragraph by paragraph, under the same rule as the reply it belongs to.
  const replyBody =
    showReply && r.body ? html`<h3>${t.replyFields.body}</h3><div class="reply-body">${replyParagraphs(r.body).map((x) => html`<p>${x}</p>`)}</div>` : '';

  const measures = p.measures.length
    ? html`<ol class="measures">${p.measures.map(
        (m) => html`<li><strong>${m.text}</strong> <span class="tag">${m.status === 'done' ? t.measureDone : t.measureOpen}</span>
          ${m.target ? html`<span class="measure-progress">${progressText(m)}</span>` : ''}
          ${can('measureProgress') && m.progress.length ? html`<ul>${m.progress.map((x) => html`<li>${when(x.at)} ${names.person(x.by)}：${x.note}${x.value !== undefined && m.target ? html` <span class="tag">${formatQuantity({ amount: x.value, unit: m.target.unit })}</span>` : ''}</li>`)}</ul>` : ''}</li>`,
      )}</ol>`
    : html`<p class="hint">${t.none}</p>`;

  const trail = can('trail')
    ? timeline(
        [...p.events]
          .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
          .map((e) => ({
            at: new Date(e.at),
            head: describeEvent(e, (code) => names.division(code)),
            detail: [
              e.actor.name,
              CHANNEL_LABELS[e.channel as ChannelName] ?? e.channel,
              e.fromStage || e.toStage ? `${e.fromStage ? STAGE_LABELS[e.fromStage] : ''} → ${e.toStage ? STAGE_LABELS[e.toStage] : ''}` : '',
            ]
              .filter(Boolean)
              .join(' · '),
            note: e.note,
            changes: describeCorrection(e),
          })),
      )
    : timeline(memberTrailLines(p).map((e) => ({ at: e.at, head: e.text })));

  const letterHref = `/proposals/${encodeURIComponent(p.id)}/letter.docx`;
  // The label says what the file is: a draft for sign-off, signed off, or the letter as issued.
  const letter =
    r && ((can('letter') && r.sentAt) || can('letterDraft'))
      ? html`<a class="button primary" href="${letterHref}" download id="letter-download" data-state="${letterState(r)}">${t.letterButton[letterState(r)]}</a>`
      : can('letterDraft')
        ? html`<span class="hint">${t.letterNeedsReply}</span>`
        : '';

  const stageLine = can('stage') ? STAGE_LABELS[p.stage] : memberStageWord(p);
  const next = can('deadlines') ? dueText(core, p) : '';

  return html`
  ${flash ? html`<p class="flash">${flash}</p>` : ''}
  <section class="now"><dl class="facts">
    <dt>${can('stage') ? f.stage : MEMBER_VIEW_WORDS.progress}</dt><dd><strong>${stageLine}</strong>${p.isKey && can('stage') ? html` <span class="key">${t.keyBadge}</span>` : ''}</dd>
    ${next ? html`<dt>${t.nextDue}</dt><dd>${p.nextDueAt && p.stage !== 'archived' ? dueBadge(dueStatus(p.nextDueAt, now, core.ledgerConfig.deadlines, core.calendar)) : ''} ${next}</dd>` : ''}
    ${can('unit') ? html`<dt>${can('stage') ? f.leadDivision : MEMBER_VIEW_WORDS.unit}</dt><dd>${names.division(p.leadDivision) || p.externalLeadUnit || MEMBER_VIEW_WORDS.unitPending}</dd>` : ''}
    ${can('staff') && p.handlerUserid ? html`<dt>${f.handler}</dt><dd>${names.person(p.handlerUserid)}</dd>` : ''}
  </dl>${letter ? html`<p class="actions">${letter}</p>` : ''}</section>
  ${deskForms(p, names, viewer)}
  <section><h2>${t.basics}</h2>${dl([
    [k.kind, wording(p).full],
    [f.session, p.session],
    [k.number, p.number],
    [f.title, p.title],
    [k.proposers, p.proposers.map((x) => x.name).join('、')],
    [k.coSigners, p.coSigners.join('、')],
    [f.sector, p.sector ?? ''],
    [f.type, p.handlingType === 'lead' ? t.filter.lead : t.filter.co],
    [f.externalLead, p.externalLeadUnit ?? '', can('unit')],
    [f.externalCo, p.externalCoUnits.join('、'), can('unit')],
    [k.key, yesNo(p.isKey), can('stage')],
    [f.assisting, p.assistingDivisions.map((d) => names.division(d)).join('、'), can('unit')],
    [f.responsible, names.person(p.responsibleUserid), can('staff')],
    [f.leader, names.person(p.leaderUserid), can('staff')],
    [f.received, dateOf(p.receivedAt)],
    [f.assigned, dateOf(p.assignedAt), can('deadlines')],
    [f.round, p.round > 1 ? t.secondRound(p.round) : t.firstRound, can('stage')],
    [f.summary, p.summary],
  ])}</section>
  ${can('deadlines') ? html`<section><h2>${t.milestones}</h2>${table(t.milestoneCols, milestones)}</section>` : ''}
  ${can('contacts') ? html`<section><h2>${t.contacts}</h2>${contacts.length ? html`<ol class="timeline">${contacts}</ol>` : html`<p class="hint">${t.none}</p>`}</section>` : ''}
  <section><h2>${t.reply}</h2>${reply}${replyBody}${can('measures') ? html`<h3>${t.measures}</h3>${measures}` : ''}</section>
  ${
    can('feedback')
      ? html`<section><h2>${t.feedback}</h2>${
          p.feedback.length
            ? html`<ul>${p.feedback.map((x) => html`<li>${when(x.at)} ${SATISFACTION_LABELS[x.rating]}${x.comment ? `：${x.comment}` : ''}</li>`)}</ul>`
            : html`<p class="hint">${t.none}</p>`
        }</section>`
      : ''
  }
  ${can('coordination') && p.coOpinions.length ? html`<section><h2>${t.coOpinions}</h2><ul>${p.coOpinions.map((o) => html`<li>${names.division(o.divisionCode)}：${o.text ?? ''} ${when(o.sentAt)}</li>`)}</ul></section>` : ''}
  ${can('instructions') && p.instructions.length ? html`<section><h2>${t.instructions}</h2><ul>${p.instructions.map((i) => html`<li>${when(i.at)} ${names.person(i.by)}：${i.text}</li>`)}</ul></section>` : ''}
  ${can('extensions') && p.extensions.length ? html`<section><h2>${t.extensions}</h2><ul>${p.extensions.map((x) => html`<li>${milestoneLabel(x.milestone, p.kind)} ${x.days} 天：${x.reason}（${t.extensionStatus[x.status]}）</li>`)}</ul></section>` : ''}
  <section><h2>${can('trail') ? t.timeline : t.memberTimeline}</h2>${trail}</section>`;
}
