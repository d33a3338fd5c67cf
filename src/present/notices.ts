/**
 * A notice in words: the facts the notice table gives (domain/notices.ts) said in the words of the
 * case's kind (notices.texts.ts).
 */
import type { CaseKind } from '../domain/kind.js';
import type { MemberStep, NoticeMessage } from '../domain/notices.js';
import { measureWithTarget } from './measures.js';
import { noticeTextsFor } from './notices.texts.js';

export function noticeText(m: NoticeMessage, kind: CaseKind): string {
  const t = noticeTextsFor(kind);
  const { number: n, title: ti } = m;
  switch (m.say) {
    case 'assignedLead':
      return t.staff.assignedLead(n, ti, m.helpers, m.returnBy);
    case 'assignedCo':
      return t.staff.assignedCo(n, ti, m.lead);
    case 'movedAway':
      return t.staff.movedAway(n, ti, m.to, m.reason);
    case 'returned':
      return t.staff.returned(n, ti, m.division, m.who, m.reason);
    case 'designated':
      return t.staff.designated(n, ti, m.by);
    case 'toSign':
      return t.staff.toSign(n, ti, m.outcome, m.summary, m.measures.map(measureWithTarget), m.docNo, m.bodyParagraphs);
    case 'signed':
      return t.staff.signed(n, ti, m.by);
    case 'signedBack':
      return t.staff.signedBack(n, ti, m.by, m.comment);
    case 'disputed':
      return t.staff.disputed(n, ti, m.member, m.contact, m.note);
    case 'coOpinionIn':
      return t.staff.coOpinionIn(n, ti, m.division, m.text);
    case 'rated':
      return t.staff.rated(n, ti, m.member, m.rating, m.comment);
    case 'dissatisfied':
      return t.staff.dissatisfied(n, ti, m.member, m.comment, m.replyDue);
    case 'extensionAsked':
      return t.staff.extensionAsked(n, ti, m.who, m.milestone, m.days, m.reason, m.dueAt);
    case 'extensionApproved':
      return t.staff.extensionApproved(n, ti, m.by, m.milestone, m.days, m.dueAt, m.note);
    case 'extensionRefused':
      return t.staff.extensionRefused(n, ti, m.by, m.milestone, m.dueAt, m.note);
    case 'instruction':
      return t.staff.instruction(n, ti, m.by, m.text);
    case 'chase':
      return t.staff.chase(n, ti, m.by, m.note, m.milestone, m.dueAt);
    case 'archived':
      return t.staff.archived(n, ti);
    case 'memberAssigned':
      return t.member.assigned(n, ti, m.division, m.helpers);
    case 'memberReplied':
      return t.member.replied(n, ti, m.docNo, m.outcome, m.measures);
    case 'coSignerReplied':
      return t.member.coSignerReplied(n, ti, m.docNo);
    case 'confirmContact':
      return t.member.confirmContact(n, ti);
    case 'memberArchived':
      return t.member.archived(n, ti);
    case 'rateRequest':
      return t.member.rateDescription(n, ti, m.sentAt);
    case 'memberSummary':
      return t.member.summary(
        n,
        ti,
        m.steps.map((s) => stepText(s, t.member)),
      );
  }
}

function stepText(s: MemberStep, t: ReturnType<typeof noticeTextsFor>['member']): string {
  switch (s.step) {
    case 'assigned':
      return t.stepAssigned(s.division);
    case 'replied':
      return t.stepReplied(s.docNo, s.outcome);
    case 'archived':
      return t.stepArchived;
  }
}
