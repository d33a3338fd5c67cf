/**
 * 通知表: for every kind of audit event, who is told and with what. One table for the whole
 * product: the ledger service publishes staff notices as soon as a change is stored, the notices
 * job scans the audit trail for anything missed and for members (whom it holds over quiet hours
 * and re-checks, see `memberDigest`). Keys are derived from the event (proposal id + its index on
 * the trail), so whoever publishes an event first, the others add nothing.
 *
 * Pure: the caller passes the proposal, the event's index and what it knows of the directory.
 */
import { measureWithTarget } from './measures.js';
import type { AuditEvent, Division, MilestoneKey, Proposal } from './model.js';
import { noticeTextsFor } from './notices.texts.js';
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
  text: string;
  /**
   * What goes with the text: `card` the proposal's card as the recipient sees it (with the buttons
   * they may press), `rate` a rating card, `confirm` a card asking to confirm contact `contactId`.
   */
  attach?: 'card' | 'rate' | 'confirm';
  contactId?: string;
}

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
  | 'kind'
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
  const t = noticeTextsFor(p.kind);
  const out: Notice[] = [];
  const divName = (code: string | undefined) => (code ? (dir.divisions.get(code)?.name ?? code) : '');
  const headOf = (code: string | undefined) => (code ? dir.divisions.get(code)?.headUserid : undefined);
  const tell = (audience: Audience, userids: (string | undefined)[], text: string, attach?: Notice['attach'], suffix = '', contactId?: string) => {
    for (const userid of userids) {
      if (!userid || userid === e.actor.userid || out.some((n) => n.userid === userid && n.key.endsWith(suffix))) continue;
      out.push({
        key: `notice:${p.id}:${index}:${userid}${suffix}`,
        userid,
        audience,
        text,
        ...(attach ? { attach } : {}),
        ...(contactId ? { contactId } : {}),
      });
    }
  };
  const n = p.number;
  const ti = p.title;
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
        tell('previousDivision', [headOf(previous)], t.staff.movedAway(n, ti, divName(leadCode), e.note));
      }
      tell('divisionHead', [headOf(leadCode)], t.staff.assignedLead(n, ti, helpers.map(divName), p.milestones.returnWindow?.dueAt), 'card');
      for (const code of helpers) tell('coDivision', [headOf(code)], t.staff.assignedCo(n, ti, divName(leadCode)), 'card');
      if (typeof lead === 'string') tell('member', members(p), t.member.assigned(n, ti, divName(leadCode), helpers.map(divName)));
      break;
    }
    case 'return': {
      const ret = p.returns.find((r) => sameInstant(r.at, e.at));
      tell('coordinator', [...dir.coordinators], t.staff.returned(n, ti, divName(ret?.divisionCode), who, e.note ?? ret?.reason ?? ''), 'card');
      break;
    }
    case 'designate':
      tell('handler', [p.handlerUserid], t.staff.designated(n, ti, who), 'card');
      break;
    case 'advance':
      if (e.toStage === 'signing' && p.reply) {
        const r = p.reply;
        tell(
          'leader',
          [signerOf(p, dir)],
          t.staff.toSign(n, ti, r.outcome, r.summary, p.measures.map(measureWithTarget), r.docNo, r.body ? replyParagraphs(r.body).length : undefined),
          'card',
        );
      }
      break;
    case 'signOff':
      if (e.toStage === 'replying') {
        tell('handler', [p.handlerUserid, p.responsibleUserid], t.staff.signed(n, ti, who), 'card');
      } else {
        tell('handler', [p.handlerUserid, p.responsibleUserid], t.staff.signedBack(n, ti, who, e.note ?? ''), 'card');
      }
      break;
    case 'logContact': {
      const id = contactIdOf(e).at(-1);
      const c = p.contacts.find((x) => x.id === id);
      if (c?.faceToFace) {
        tell('member', members(p), t.member.confirmContact(n, ti), 'confirm', '', c.id);
      }
      break;
    }
    case 'confirmContact': {
      const id = contactIdOf(e).at(-1);
      const contact = p.contacts.find((c) => c.id === id);
      if (contact && isDispute(e)) {
        const text = t.staff.disputed(n, ti, who, contact.summary, e.note);
        tell('coordinator', [...dir.coordinators], text, 'card');
        tell('divisionHead', [p.responsibleUserid], text, 'card');
        tell('handler', [p.handlerUserid], text, 'card');
      }
      break;
    }
    case 'recordCoOpinion': {
      const text = t.staff.coOpinionIn(n, ti, who, e.note ?? '');
      tell('handler', [p.handlerUserid], text);
      tell('divisionHead', [p.responsibleUserid], text);
      break;
    }
    case 'sendReply': {
      const reply = (after(e, 'reply') as Proposal['reply']) ?? p.reply;
      const sentAt = reply?.sentAt ? new Date(reply.sentAt) : e.at;
      tell('member', members(p), t.member.replied(n, ti, reply?.docNo, reply?.outcome, p.measures.length));
      if (p.handlingType === 'lead') tell('member', members(p), t.member.rateDescription(n, ti, sentAt), 'rate', ':rate');
      const coSigners = p.coSigners.map((name) => dir.memberIds.get(name)).filter((u) => u && !members(p).includes(u));
      tell('coSigner', coSigners, t.member.coSignerReplied(n, ti, reply?.docNo));
      break;
    }
    case 'feedback': {
      const f = p.feedback.find((x) => sameInstant(x.at, e.at)) ?? p.feedback.at(-1);
      if (!f) break;
      if (f.rating === 'dissatisfied') {
        const text = t.staff.dissatisfied(n, ti, who, f.comment, p.milestones.reply?.dueAt);
        tell('handler', [p.handlerUserid, p.responsibleUserid], text, 'card');
        tell('leader', [p.leaderUserid], text);
        tell('coordinator', [...dir.coordinators], text);
      } else {
        tell('handler', [p.handlerUserid, p.responsibleUserid], t.staff.rated(n, ti, who, f.rating, f.comment));
      }
      break;
    }
    case 'requestExtension': {
      const x = p.extensions.find((y) => sameInstant(y.requestedAt, e.at));
      if (!x) break;
      const text = t.staff.extensionAsked(n, ti, who, x.milestone, x.days, x.reason, dueOf(p, x.milestone, x.status === 'approved' ? x.days : 0));
      tell('leader', [p.leaderUserid], text, 'card');
      tell('coordinator', [...dir.coordinators], text, 'card');
      break;
    }
    case 'decideExtension': {
      const x = p.extensions.find((y) => sameInstant(y.decidedAt, e.at));
      if (!x) break;
      const text =
        x.status === 'approved'
          ? t.staff.extensionApproved(n, ti, who, x.milestone, x.days, p.milestones[x.milestone]?.dueAt, x.decisionNote)
          : t.staff.extensionRefused(n, ti, who, x.milestone, p.milestones[x.milestone]?.dueAt, x.decisionNote);
      tell('handler', [x.requestedBy, p.handlerUserid, p.responsibleUserid], text, 'card');
      break;
    }
    case 'instruct':
      tell('handler', [handlerOrHead], t.staff.instruction(n, ti, who, e.note ?? ''));
      break;
    case 'chase':
      tell('handler', [handlerOrHead], t.staff.chase(n, ti, who, e.note, p.nextDueMilestone, p.nextDueAt));
      break;
    case 'archive':
      tell('member', members(p), t.member.archived(n, ti));
      tell('handler', [p.handlerUserid], t.staff.archived(n, ti));
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
  const t = noticeTextsFor(p.kind);
  const all = indexes.flatMap((i) => noticesFor(p, i, dir).map((notice) => ({ notice, event: p.events[i]! })));
  const current = all.filter(({ notice }) => MEMBER_AUDIENCES.includes(notice.audience) && noticeHolds(p, notice));
  const divName = (code: string | undefined) => (code ? (dir.divisions.get(code)?.name ?? code) : '');
  const out: Notice[] = [];
  for (const userid of new Set(current.map((x) => x.notice.userid))) {
    const mine = current.filter((x) => x.notice.userid === userid);
    const plain = mine.filter((x) => !x.notice.attach);
    if (plain.length > 1) {
      const steps = plain.map(({ event: e }) => {
        if (e.action === 'sendReply') {
          const r = (after(e, 'reply') as Proposal['reply']) ?? p.reply;
          return t.member.stepReplied(r?.docNo, r?.outcome);
        }
        if (e.action === 'archive') return t.member.stepArchived;
        const lead = after(e, 'leadDivision');
        return t.member.stepAssigned(divName(typeof lead === 'string' ? lead : p.leadDivision));
      });
      out.push({ ...plain.at(-1)!.notice, text: t.member.summary(p.number, p.title, steps) });
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
