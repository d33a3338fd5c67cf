/**
 * 通知表: for every kind of audit event, who is told and what of. One table for the whole
 * product: the ledger service publishes staff notices as soon as a change is stored, the notices
 * job scans the audit trail for anything missed and for members (whom it holds over quiet hours
 * and re-checks, see `memberDigest`). Keys are derived from the event (proposal id + its index on
 * the trail), so whoever publishes an event first, the others add nothing.
 *
 * Pure: the caller passes the proposal, the event's index and what it knows of the directory. What
 * a notice says is given as facts (`NoticeMessage`); src/present/notices.ts puts them in words.
 */
import type { AuditEvent, Division, Measure, MilestoneKey, OutcomeClass, Proposal, Satisfaction } from './model.js';
import { replyParagraphs } from './workflow.js';

/** Why someone is told: their relation to the proposal. */
export type Audience = 'handler' | 'divisionHead' | 'coDivision' | 'previousDivision' | 'coordinator' | 'leader' | 'member' | 'coSigner';

export const STAFF_AUDIENCES: readonly Audience[] = ['handler', 'divisionHead', 'coDivision', 'previousDivision', 'coordinator', 'leader'];
export const MEMBER_AUDIENCES: readonly Audience[] = ['member', 'coSigner'];

export interface Notice {
  /** Outbox idempotency key: one per event, recipient and message. */
  key: string;
  userid: string;
  audience: Audience;
  message: NoticeMessage;
  /**
   * What goes with the message: `card` the proposal's card as the recipient sees it (with the buttons
   * they may press), `rate` a rating card, `confirm` a card asking to confirm contact `contactId`.
   */
  attach?: 'card' | 'rate' | 'confirm';
  contactId?: string;
}

/** One step of a case told in a member's merged message (`memberSummary`). */
export type MemberStep = { step: 'assigned'; division: string } | { step: 'replied'; docNo?: string; outcome?: OutcomeClass } | { step: 'archived' };

/**
 * What a notice says, as facts: what happened and what its words need (names, dates, the reply).
 * Staff messages first, then the members'.
 */
export type NoticeFacts =
  | { say: 'assignedLead'; helpers: string[]; returnBy?: Date }
  | { say: 'assignedCo'; lead: string }
  | { say: 'movedAway'; to: string; reason?: string }
  | { say: 'returned'; division: string; who: string; reason: string }
  | { say: 'designated'; by: string }
  /** `bodyParagraphs`: the 正文's paragraph count when one is written. */
  | { say: 'toSign'; outcome: OutcomeClass; summary: string; measures: Pick<Measure, 'text' | 'target'>[]; docNo?: string; bodyParagraphs?: number }
  | { say: 'signed'; by: string }
  | { say: 'signedBack'; by: string; comment: string }
  | { say: 'disputed'; member: string; contact: string; note?: string }
  | { say: 'coOpinionIn'; division: string; text: string }
  | { say: 'rated'; member: string; rating: Satisfaction; comment?: string }
  | { say: 'dissatisfied'; member: string; comment?: string; replyDue?: Date }
  | { say: 'extensionAsked'; who: string; milestone: MilestoneKey; days: number; reason: string; dueAt?: Date }
  | { say: 'extensionApproved'; by: string; milestone: MilestoneKey; days: number; dueAt?: Date; note?: string }
  | { say: 'extensionRefused'; by: string; milestone: MilestoneKey; dueAt?: Date; note?: string }
  | { say: 'instruction'; by: string; text: string }
  | { say: 'chase'; by: string; note?: string; milestone?: MilestoneKey; dueAt?: Date }
  | { say: 'archived' }
  | { say: 'memberAssigned'; division: string; helpers: string[] }
  | { say: 'memberReplied'; docNo?: string; outcome?: OutcomeClass; measures: number }
  | { say: 'coSignerReplied'; docNo?: string }
  | { say: 'confirmContact' }
  | { say: 'memberArchived' }
  /** The rating card's description. */
  | { say: 'rateRequest'; sentAt?: Date }
  /** Several steps that came together (e.g. held overnight), in one message. */
  | { say: 'memberSummary'; steps: MemberStep[] };

/** A notice's facts about the case numbered `number`. */
export type NoticeMessage = { number: string; title: string } & NoticeFacts;

/** What the table needs to know about the bureau. */
export interface NoticeDirectory {
  divisions: ReadonlyMap<string, Division>;
  /** Active coordinators (政策法规处 staff who run the process). */
  coordinators: readonly string[];
  /** 主要负责同志: signs when no leader in charge is set. */
  mainLeader?: string;
  /** Userids of members by name, for co-signers (联名委员) who are in the directory. */
  memberIds: ReadonlyMap<string, string>;
  nameOf(userid: string): string;
}

type P = Pick<
  Proposal,
  | 'id'
  | 'number'
  | 'title'
  | 'handlingType'
  | 'proposers'
  | 'coSigners'
  | 'leadDivision'
  | 'assistingDivisions'
  | 'responsibleUserid'
  | 'handlerUserid'
  | 'leaderUserid'
  | 'events'
  | 'reply'
  | 'measures'
  | 'milestones'
  | 'extensions'
  | 'feedback'
  | 'contacts'
  | 'returns'
  | 'nextDueAt'
  | 'nextDueMilestone'
  | 'stage'
  | 'round'
>;

/** Who signs this proposal's reply: the leader in charge, else the main leader. */
export const signerOf = (p: Pick<Proposal, 'leaderUserid'>, dir: Pick<NoticeDirectory, 'mainLeader'>): string | undefined => p.leaderUserid ?? dir.mainLeader;

const after = (e: AuditEvent, field: string): unknown => e.changes.find((c) => c.field === field)?.after;
const before = (e: AuditEvent, field: string): unknown => e.changes.find((c) => c.field === field)?.before;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const sameInstant = (a: Date | undefined, b: Date) => a !== undefined && new Date(a).getTime() === new Date(b).getTime();
const members = (p: P): string[] => [...new Set(p.proposers.map((x) => x.userid).filter((u): u is string => Boolean(u)))];

/** Every notice for the event at `index` of `p.events`, the actor left out. */
export function noticesFor(p: P, index: number, dir: NoticeDirectory): Notice[] {
  const e = p.events[index];
  if (!e) return [];
  const out: Notice[] = [];
  const divName = (code: string | undefined) => (code ? (dir.divisions.get(code)?.name ?? code) : '');
  const headOf = (code: string | undefined) => (code ? dir.divisions.get(code)?.headUserid : undefined);
  const tell = (audience: Audience, userids: (string | undefined)[], facts: NoticeFacts, attach?: Notice['attach'], suffix = '', contactId?: string) => {
    for (const userid of userids) {
      if (!userid || userid === e.actor.userid || out.some((n) => n.userid === userid && n.key.endsWith(suffix))) continue;
      out.push({
        key: `notice:${p.id}:${index}:${userid}${suffix}`,
        userid,
        audience,
        message: { number: p.number, title: p.title, ...facts },
        ...(attach ? { attach } : {}),
        ...(contactId ? { contactId } : {}),
      });
    }
  };
  const who = e.actor.name;
  const handlerOrHead = p.handlerUserid ?? p.responsibleUserid;

  switch (e.action) {
    case 'assign':
    case 'reassign': {
      const lead = after(e, 'leadDivision');
      const leadCode = typeof lead === 'string' ? lead : p.leadDivision;
      if (!leadCode) break;
      const helpers = strings(after(e, 'assistingDivisions')).length ? strings(after(e, 'assistingDivisions')) : p.assistingDivisions;
      const previous = before(e, 'leadDivision');
      if (e.action === 'reassign' && typeof previous === 'string' && previous !== leadCode) {
        tell('previousDivision', [headOf(previous)], { say: 'movedAway', to: divName(leadCode), reason: e.note });
      }
      tell('divisionHead', [headOf(leadCode)], { say: 'assignedLead', helpers: helpers.map(divName), returnBy: p.milestones.returnWindow?.dueAt }, 'card');
      for (const code of helpers) tell('coDivision', [headOf(code)], { say: 'assignedCo', lead: divName(leadCode) }, 'card');
      if (typeof lead === 'string') tell('member', members(p), { say: 'memberAssigned', division: divName(leadCode), helpers: helpers.map(divName) });
      break;
    }
    case 'return': {
      const ret = p.returns.find((r) => sameInstant(r.at, e.at));
      tell('coordinator', [...dir.coordinators], { say: 'returned', division: divName(ret?.divisionCode), who, reason: e.note ?? ret?.reason ?? '' }, 'card');
      break;
    }
    case 'designate':
      tell('handler', [p.handlerUserid], { say: 'designated', by: who }, 'card');
      break;
    case 'advance':
      if (e.toStage === 'signing' && p.reply) {
        const r = p.reply;
        tell(
          'leader',
          [signerOf(p, dir)],
          {
            say: 'toSign',
            outcome: r.outcome,
            summary: r.summary,
            measures: p.measures,
            docNo: r.docNo,
            bodyParagraphs: r.body ? replyParagraphs(r.body).length : undefined,
          },
          'card',
        );
      }
      break;
    case 'signOff':
      if (e.toStage === 'replying') {
        tell('handler', [p.handlerUserid, p.responsibleUserid], { say: 'signed', by: who }, 'card');
      } else {
        tell('handler', [p.handlerUserid, p.responsibleUserid], { say: 'signedBack', by: who, comment: e.note ?? '' }, 'card');
      }
      break;
    case 'logContact': {
      const id = contactIdOf(e).at(-1);
      const c = p.contacts.find((x) => x.id === id);
      if (c?.faceToFace) {
        tell('member', members(p), { say: 'confirmContact' }, 'confirm', '', c.id);
      }
      break;
    }
    case 'confirmContact': {
      const id = contactIdOf(e).at(-1);
      const contact = p.contacts.find((c) => c.id === id);
      if (contact && isDispute(e)) {
        const facts: NoticeFacts = { say: 'disputed', member: who, contact: contact.summary, note: e.note };
        tell('coordinator', [...dir.coordinators], facts, 'card');
        tell('divisionHead', [p.responsibleUserid], facts, 'card');
        tell('handler', [p.handlerUserid], facts, 'card');
      }
      break;
    }
    case 'recordCoOpinion': {
      const facts: NoticeFacts = { say: 'coOpinionIn', division: who, text: e.note ?? '' };
      tell('handler', [p.handlerUserid], facts);
      tell('divisionHead', [p.responsibleUserid], facts);
      break;
    }
    case 'sendReply': {
      const reply = (after(e, 'reply') as Proposal['reply']) ?? p.reply;
      const sentAt = reply?.sentAt ? new Date(reply.sentAt) : e.at;
      tell('member', members(p), { say: 'memberReplied', docNo: reply?.docNo, outcome: reply?.outcome, measures: p.measures.length });
      if (p.handlingType === 'lead') tell('member', members(p), { say: 'rateRequest', sentAt }, 'rate', ':rate');
      const coSigners = p.coSigners.map((name) => dir.memberIds.get(name)).filter((u) => u && !members(p).includes(u));
      tell('coSigner', coSigners, { say: 'coSignerReplied', docNo: reply?.docNo });
      break;
    }
    case 'feedback': {
      const f = p.feedback.find((x) => sameInstant(x.at, e.at)) ?? p.feedback.at(-1);
      if (!f) break;
      if (f.rating === 'dissatisfied') {
        const facts: NoticeFacts = { say: 'dissatisfied', member: who, comment: f.comment, replyDue: p.milestones.reply?.dueAt };
        tell('handler', [p.handlerUserid, p.responsibleUserid], facts, 'card');
        tell('leader', [p.leaderUserid], facts);
        tell('coordinator', [...dir.coordinators], facts);
      } else {
        tell('handler', [p.handlerUserid, p.responsibleUserid], { say: 'rated', member: who, rating: f.rating, comment: f.comment });
      }
      break;
    }
    case 'requestExtension': {
      const x = p.extensions.find((y) => sameInstant(y.requestedAt, e.at));
      if (!x) break;
      const facts: NoticeFacts = {
        say: 'extensionAsked',
        who,
        milestone: x.milestone,
        days: x.days,
        reason: x.reason,
        dueAt: dueOf(p, x.milestone, x.status === 'approved' ? x.days : 0),
      };
      tell('leader', [p.leaderUserid], facts, 'card');
      tell('coordinator', [...dir.coordinators], facts, 'card');
      break;
    }
    case 'decideExtension': {
      const x = p.extensions.find((y) => sameInstant(y.decidedAt, e.at));
      if (!x) break;
      const dueAt = p.milestones[x.milestone]?.dueAt;
      const facts: NoticeFacts =
        x.status === 'approved'
          ? { say: 'extensionApproved', by: who, milestone: x.milestone, days: x.days, dueAt, note: x.decisionNote }
          : { say: 'extensionRefused', by: who, milestone: x.milestone, dueAt, note: x.decisionNote };
      tell('handler', [x.requestedBy, p.handlerUserid, p.responsibleUserid], facts, 'card');
      break;
    }
    case 'instruct':
      tell('handler', [handlerOrHead], { say: 'instruction', by: who, text: e.note ?? '' });
      break;
    case 'chase':
      tell('handler', [handlerOrHead], { say: 'chase', by: who, note: e.note, milestone: p.nextDueMilestone, dueAt: p.nextDueAt });
      break;
    case 'archive':
      tell('member', members(p), { say: 'memberArchived' });
      tell('handler', [p.handlerUserid], { say: 'archived' });
      break;
    default:
      break;
  }
  return out;
}

/** Whether the member can still rate the current reply: a rating card sent now would work. */
export const canRateNow = (p: Pick<Proposal, 'handlingType' | 'stage' | 'feedback' | 'round'>): boolean =>
  p.handlingType === 'lead' && (p.stage === 'supervising' || p.stage === 'feedback') && !p.feedback.some((f) => f.round === p.round);

/**
 * Whether a member's card still holds for the case as it stands: a rating card while the reply can
 * be rated, a confirmation card while that contact is unconfirmed and the case open. Plain notices
 * always hold. Asked when held notices go out (quiet hours) and again when the outbox delivers
 * (a WeCom outage may have kept a card for hours).
 */
export function noticeHolds(p: Pick<Proposal, 'handlingType' | 'stage' | 'feedback' | 'round' | 'contacts'>, n: Pick<Notice, 'attach' | 'contactId'>): boolean {
  if (n.attach === 'rate') return canRateNow(p);
  if (n.attach === 'confirm') return p.stage !== 'archived' && p.contacts.some((c) => c.id === n.contactId && c.confirmation === 'unconfirmed');
  return true;
}

/**
 * Member notices for events `indexes`, as they should go out now (after quiet hours or an outage):
 * cards that no longer hold are dropped (no rating card once rated or archived, no confirmation card
 * for a contact already confirmed or disputed), and several steps for one member become one message
 * saying where the case stands, keyed to the last of them.
 */
export function memberNoticesNow(p: P, indexes: number[], dir: NoticeDirectory): Notice[] {
  const all = indexes.flatMap((i) => noticesFor(p, i, dir).map((notice) => ({ notice, event: p.events[i]! })));
  const current = all.filter(({ notice }) => MEMBER_AUDIENCES.includes(notice.audience) && noticeHolds(p, notice));
  const divName = (code: string | undefined) => (code ? (dir.divisions.get(code)?.name ?? code) : '');
  const out: Notice[] = [];
  for (const userid of new Set(current.map((x) => x.notice.userid))) {
    const mine = current.filter((x) => x.notice.userid === userid);
    const plain = mine.filter((x) => !x.notice.attach);
    if (plain.length > 1) {
      const steps = plain.map(({ event: e }): MemberStep => {
        if (e.action === 'sendReply') {
          const r = (after(e, 'reply') as Proposal['reply']) ?? p.reply;
          return { step: 'replied', docNo: r?.docNo, outcome: r?.outcome };
        }
        if (e.action === 'archive') return { step: 'archived' };
        const lead = after(e, 'leadDivision');
        return { step: 'assigned', division: divName(typeof lead === 'string' ? lead : p.leadDivision) };
      });
      out.push({ ...plain.at(-1)!.notice, message: { number: p.number, title: p.title, say: 'memberSummary', steps } });
    } else out.push(...plain.map((x) => x.notice));
    // One card of each kind: the latest one.
    for (const kind of ['rate', 'confirm'] as const) {
      const cards = mine.filter((x) => x.notice.attach === kind);
      if (kind === 'confirm') out.push(...cards.map((x) => x.notice));
      else if (cards.length) out.push(cards.at(-1)!.notice);
    }
  }
  return out;
}

/** The due date of milestone `m` before an extension of `days` was added to it. */
function dueOf(p: P, m: MilestoneKey, days: number): Date | undefined {
  const at = p.milestones[m]?.dueAt;
  return at ? new Date(new Date(at).getTime() - days * 86_400_000) : undefined;
}

/** The id of the contact a logContact event added (the trail records the added entries). */
function contactIdOf(e: AuditEvent): string[] {
  const added = after(e, 'contacts');
  return Array.isArray(added) ? added.map((c) => (c as { id?: string }).id).filter((x): x is string => typeof x === 'string') : [];
}

/** A confirmContact event that recorded a dispute (the contact entry changed to 'disputed'). */
function isDispute(e: AuditEvent): boolean {
  const changed = after(e, 'contacts');
  return Array.isArray(changed) && changed.some((c) => (c as { confirmation?: string }).confirmation === 'disputed');
}
