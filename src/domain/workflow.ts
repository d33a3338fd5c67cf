/**
 * 办理流程: what each command does, from which stages, under which preconditions.
 * `decide` is pure: it returns the next state and its audit event, or throws a DomainError
 * whose refusal says why (present/refusals.ts words it). Nothing is changed on a refusal.
 */
import { DEFAULT_KIND } from './kind.js';
import type { WorkCalendar } from './calendar.js';
import type { Command, CommandType } from './commands.js';
import { computeMilestones, nextDue, type DeadlinePolicy } from './deadlines.js';
import { DomainError } from './errors.js';
import { EMPTY_FACTS, deriveFacts } from './facts.js';
import type { AuditNotes } from './audit-notes.js';
import type { Actor, AuditEvent, ChannelName, ContactMethod, Division, Measure, Person, Proposal, Stage } from './model.js';
import type { NewProposal } from './ports.js';
import { authorize, type ActionName, type ProposalScope } from './permissions.js';
import { isHandling, nextStageOf } from './stages.js';
import { followLead, followerMay } from './merge.js';
import { convert, splitTarget } from './measures.js';
import { readsAsMember } from './visibility.js';
import { kindOf, type Refusal, type RequiredField } from './refusals.js';
import { applyCorrection } from './correction.js';

/** Policy the workflow reads from config. */
export interface LedgerPolicy {
  deadlines: DeadlinePolicy;
  /** Methods that count as 见面 (face-to-face) unless the contact says otherwise. */
  faceToFaceMethods: ContactMethod[];
  /**
   * 签发: with `leaderInChargeOnly`, only the proposal's leader in charge (分管负责同志) or the main
   * leader (主要负责同志, by userid) may sign; otherwise any leader may.
   */
  signing?: { leaderInChargeOnly: boolean; mainLeader?: string };
  /** Minutes in which a person may undo their own latest step. */
  undoMinutes: number;
}

export interface DecideContext {
  now: Date;
  channel: ChannelName;
  calendar: WorkCalendar;
  policy: LedgerPolicy;
  newId: () => string;
  /** Divisions by code, for assignments. */
  divisions: ReadonlyMap<string, Division>;
  /** The person named by `designate`, resolved by the service. */
  people: ReadonlyMap<string, Person>;
  /** For `undo`: the proposal as it was before its latest step (the previous version), loaded by the service. */
  previous?: Proposal;
  /** The notes the trail gets in words (an undo, a reply body, a merge). */
  notes: AuditNotes;
}

type Of<T extends CommandType> = Extract<Command, { type: T }>;

interface Step<T extends CommandType> {
  action: ActionName;
  /** Stages the command is allowed from; `open` means any but archived, `any` archived too. */
  from: readonly Stage[] | 'handling' | 'open' | 'any';
  /** Preconditions that need no input: checked before a guided step asks for any (see refusalOf). */
  guard?(p: Proposal): void;
  /** Mutates the draft; returns a note for the audit event. */
  apply(d: Proposal, cmd: Of<T>, ctx: DecideContext, actor: Actor): string | undefined;
}

type Steps = { [T in CommandType]: Step<T> };

const fail = (refusal: Refusal): never => {
  throw new DomainError('precondition', refusal);
};

const requireText = (value: string | undefined, field: RequiredField): string => {
  const v = value?.trim();
  if (!v) throw new DomainError('invalidInput', { reason: 'missing', field });
  return v;
};

/** The longest 正文 kept: a long reply letter is a few thousand characters. */
export const REPLY_BODY_MAX = 10_000;

/** A reply text's paragraphs as typed: one per line, blank lines between them are not paragraphs. */
export const replyParagraphs = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

const requireQuantity = (n: number): number => {
  if (!Number.isFinite(n) || n < 0) throw new DomainError('invalidInput', { reason: 'badQuantity' });
  return n;
};

/** A value reported for a measure, in its target's unit (9601万元 against a target in 亿元 is 0.9601). */
function valueInTargetUnit(m: Measure, q: { amount: number; unit?: string }): number {
  const target = m.target ?? fail({ reason: 'measureNoTarget', text: m.text });
  const amount = requireQuantity(q.amount);
  if (!q.unit) return amount;
  return convert({ amount, unit: q.unit }, target.unit) ?? fail({ reason: 'progressUnitMismatch', text: m.text, target: target.unit, given: q.unit });
}

/** A new target; values already recorded are carried into its unit, or the change is refused. */
function retarget(m: Measure, target: { amount: number; unit: string }): Measure['target'] {
  const next = { amount: requireQuantity(target.amount), unit: target.unit.trim() };
  const old = m.target;
  if (old && old.unit !== next.unit && m.progress.some((x) => x.value !== undefined)) {
    const factor = convert({ amount: 1, unit: old.unit }, next.unit) ?? fail({ reason: 'targetUnitChange', text: m.text, from: old.unit, to: next.unit });
    for (const x of m.progress) if (x.value !== undefined) x.value *= factor;
  }
  return next;
}

function requireDivision(ctx: DecideContext, code: string): Division {
  const div = ctx.divisions.get(code);
  if (!div || !div.active) throw new DomainError('invalidInput', { reason: 'unknownDivision', code });
  return div;
}

function setAssignment(d: Proposal, ctx: DecideContext, leadCode: string, assisting: string[] = []): void {
  const lead = requireDivision(ctx, leadCode);
  const helpers = [...new Set(assisting.map((c) => requireDivision(ctx, c).code))];
  // One division cannot both lead a case and assist itself: its 协办意见 would go to itself.
  if (helpers.includes(lead.code)) throw new DomainError('invalidInput', { reason: 'leadAlsoAssisting', name: lead.name });
  d.leadDivision = lead.code;
  d.assistingDivisions = helpers;
  d.responsibleUserid = lead.headUserid;
  d.leaderUserid = lead.leaderUserid;
  d.handlerUserid = undefined;
  d.assignedAt = ctx.now;
  d.coOpinions = d.handlingType === 'lead' ? helpers.map((divisionCode) => ({ divisionCode })) : [];
  d.milestones = { assign: { dueAt: d.milestones.assign?.dueAt ?? ctx.now, doneAt: ctx.now } };
  d.stage = 'assigned';
}

function reachedStage(d: Proposal, stage: Stage): void {
  d.stage = stage;
}

function markDone(d: Proposal, key: keyof Proposal['milestones'], at: Date): void {
  const m = d.milestones[key];
  if (m && !m.doneAt) d.milestones[key] = { ...m, doneAt: at };
}

/** Preconditions for leaving a stage by 推进; the other moves have commands of their own. */
function advanceFrom(d: Proposal): Stage {
  const next = nextStageOf(d.handlingType, d.stage);
  switch (d.stage) {
    case 'researching':
      if (!d.handlerUserid) fail({ reason: 'needHandler' });
      break;
    case 'communicating':
      if (!d.contacts.some((c) => c.phase === 'before')) fail({ reason: 'needPreContact', kind: kindOf(d) });
      if (d.handlingType === 'co') fail({ reason: 'useCoOpinion', kind: kindOf(d) });
      break;
    case 'reviewing':
      if (!d.reply) fail({ reason: 'needDraft' });
      break;
    case 'signing':
      fail({ reason: 'needSignOff' });
      break;
    case 'replying':
      fail({ reason: 'useSendReply' });
      break;
    case 'supervising':
      if (d.measures.some((m) => m.status !== 'done' && m.progress.length === 0)) fail({ reason: 'needMeasureProgress' });
      break;
    case 'feedback':
      fail({ reason: 'useArchive', kind: kindOf(d) });
      break;
    case 'opinionSent':
      break;
    default:
      fail({ reason: 'cannotAdvance', stage: d.stage });
  }
  return next ?? fail({ reason: 'cannotAdvance', stage: d.stage });
}

/** Steps that cannot be undone: registering (delete instead) and an undo itself. */
const NOT_UNDOABLE = new Set(['register', 'undo']);

/** The latest step of `p`, when it is one that can be undone at all. */
export const undoableStep = (p: Proposal): AuditEvent | undefined => {
  const last = p.events.at(-1);
  return last && !NOT_UNDOABLE.has(last.action) ? last : undefined;
};

/**
 * 撤销: who may undo the latest step of `p`, or why not. One's own step within the undo window,
 * if nobody acted since (then the latest step is someone else's); the coordinator any latest
 * step at any time, with a reason unless it is their own and in time. Returns the step.
 */
export function checkUndo(p: Proposal, actor: Actor, now: Date, policy: Pick<LedgerPolicy, 'undoMinutes'>, reason?: string): AuditEvent {
  const last = undoableStep(p) ?? fail({ reason: 'nothingToUndo', kind: kindOf(p) });
  const own = last.actor.userid === actor.userid;
  const inTime = now.getTime() - last.at.getTime() <= policy.undoMinutes * 60_000;
  if (actor.roles.includes('coordinator')) {
    if (!(own && inTime) && !reason?.trim()) throw new DomainError('invalidInput', { reason: 'undoNeedsReason', action: last.action });
    return last;
  }
  if (!own) fail({ reason: 'undoNotYours', kind: kindOf(p), who: last.actor.name, action: last.action });
  if (!inTime) fail({ reason: 'undoTooLate', minutes: policy.undoMinutes, action: last.action });
  return last;
}

const STEPS: Steps = {
  assign: {
    action: 'assign',
    from: ['registered'],
    apply(d, cmd, ctx) {
      setAssignment(d, ctx, cmd.leadDivision, cmd.assisting);
      return cmd.note;
    },
  },
  reassign: {
    action: 'reassign',
    from: ['assigned', 'researching', 'communicating'],
    apply(d, cmd, ctx) {
      const reason = requireText(cmd.reason, 'reason');
      setAssignment(d, ctx, cmd.leadDivision, cmd.assisting);
      return reason;
    },
  },
  accept: {
    action: 'accept',
    from: ['assigned'],
    apply(d, _cmd, ctx) {
      markDone(d, 'returnWindow', ctx.now);
      reachedStage(d, 'researching');
      return undefined;
    },
  },
  return: {
    action: 'return',
    from: ['assigned'],
    apply(d, cmd, ctx, actor) {
      const reason = requireText(cmd.reason, 'reason');
      const window = d.milestones.returnWindow;
      if (window && ctx.now > window.dueAt) fail({ reason: 'returnWindowPassed', due: window.dueAt });
      d.returns.push({ at: ctx.now, by: actor.userid, divisionCode: d.leadDivision ?? '', reason });
      d.leadDivision = undefined;
      d.assistingDivisions = [];
      d.responsibleUserid = undefined;
      d.leaderUserid = undefined;
      d.assignedAt = undefined;
      d.coOpinions = [];
      d.milestones = {};
      reachedStage(d, 'registered');
      return reason;
    },
  },
  designate: {
    action: 'designate',
    from: 'open',
    apply(d, cmd, ctx) {
      if (d.stage === 'registered') fail({ reason: 'notAssignedYet', kind: kindOf(d) });
      const person = ctx.people.get(cmd.handlerUserid);
      if (!person || !person.active) throw new DomainError('invalidInput', { reason: 'unknownPerson', who: cmd.handlerUserid });
      if (person.divisionCode !== d.leadDivision) fail({ reason: 'handlerNotInDivision', name: person.name });
      d.handlerUserid = person.userid;
      return person.name;
    },
  },
  advance: {
    action: 'advance',
    from: 'handling',
    apply(d, cmd) {
      reachedStage(d, advanceFrom(d));
      return cmd.note;
    },
  },
  logContact: {
    action: 'logContact',
    from: 'handling',
    apply(d, cmd, ctx, actor) {
      const summary = requireText(cmd.summary, 'contactSummary');
      if (cmd.phase === 'after' && !d.reply?.sentAt && d.handlingType === 'lead') fail({ reason: 'afterNeedsReply' });
      const faceToFace = cmd.faceToFace ?? ctx.policy.faceToFaceMethods.includes(cmd.method);
      d.contacts.push({
        id: ctx.newId(),
        phase: cmd.phase,
        method: cmd.method,
        faceToFace,
        members: cmd.members?.length ? cmd.members : d.proposers.map((x) => x.name),
        staff: cmd.staff?.length ? cmd.staff : [actor.name],
        at: cmd.at ?? ctx.now,
        summary,
        memberViews: cmd.memberViews?.trim() || undefined,
        confirmation: 'unconfirmed',
        evidence: [],
        loggedBy: actor.userid,
      });
      if (cmd.phase === 'before') markDone(d, 'preContact', cmd.at ?? ctx.now);
      return summary;
    },
  },
  confirmContact: {
    action: 'confirmContact',
    from: 'open',
    apply(d, cmd) {
      const c = d.contacts.find((x) => x.id === cmd.contactId) ?? fail({ reason: 'contactNotFound' });
      if (c.confirmation !== 'unconfirmed') fail({ reason: 'contactAlreadyConfirmed', confirmed: c.confirmation === 'confirmed' });
      c.confirmation = cmd.agree ? 'confirmed' : 'disputed';
      c.confirmationNote = cmd.note?.trim() || undefined;
      return cmd.note;
    },
  },
  attachEvidence: {
    action: 'logContact',
    from: 'open',
    apply(d, cmd) {
      const c = d.contacts.find((x) => x.id === cmd.contactId) ?? fail({ reason: 'contactNotFound' });
      c.evidence.push(cmd.fileId);
      return undefined;
    },
  },
  draftReply: {
    action: 'draftReply',
    from: ['communicating', 'reviewing'],
    apply(d, cmd, ctx, actor) {
      const summary = requireText(cmd.summary, 'replySummary');
      const measures = cmd.measures.map((m) => m.trim()).filter(Boolean);
      // 力避答复多、措施少: an A or B reply must commit to concrete measures.
      if (cmd.outcome !== 'C' && measures.length === 0) fail({ reason: 'needMeasures' });
      // A measure may name its target (建设互助幸福院 目标20个): kept apart so progress can be measured.
      const parsed = measures.map((raw, i) => {
        const m = splitTarget(raw);
        if (m.error) throw new DomainError('invalidInput', { reason: 'targetNoUnit', index: i + 1, text: raw });
        return m;
      });
      // A re-draft (after 签发退回) keeps the 正文 already written; 撰写正文 replaces it on its own.
      const body = d.reply?.body;
      d.reply = { summary, ...(body && { body }), outcome: cmd.outcome, docNo: cmd.docNo?.trim() || undefined, draftedBy: actor.userid, draftedAt: ctx.now };
      d.measures = parsed.map(({ text, target }) => ({ id: ctx.newId(), text, status: 'open', ...(target && { target }), progress: [] }));
      // The draft embodies the lead division's 办理意见: without this the opinion milestone stays open
      // and every replied proposal would read as overdue to nudges and summaries.
      markDone(d, 'opinion', ctx.now);
      return undefined;
    },
  },
  replyBody: {
    // Whoever may draft the reply writes its body, at the same stages: a reply submitted for,
    // or past, 签发 keeps the body the leader signed.
    action: 'draftReply',
    from: ['communicating', 'reviewing'],
    guard(p) {
      if (!p.reply) fail({ reason: 'needDraft' });
    },
    apply(d, cmd, ctx) {
      const text = requireText(cmd.text, 'replyBody');
      if (text.length > REPLY_BODY_MAX) throw new DomainError('invalidInput', { reason: 'replyBodyTooLong', max: REPLY_BODY_MAX });
      d.reply = { ...d.reply!, body: text };
      return ctx.notes.replyBody(replyParagraphs(text).length);
    },
  },
  signOff: {
    action: 'signOff',
    from: ['signing'],
    apply(d, cmd, ctx, actor) {
      const reply = d.reply ?? fail({ reason: 'needDraft' });
      const signing = ctx.policy.signing;
      if (signing?.leaderInChargeOnly && d.leaderUserid && actor.userid !== d.leaderUserid && actor.userid !== signing.mainLeader) {
        throw new DomainError('notInScope', { reason: 'notYourSignature', kind: kindOf(d) });
      }
      if (!cmd.approve) {
        reachedStage(d, 'reviewing');
        return requireText(cmd.note, 'reason');
      }
      d.reply = { ...reply, signedOffBy: actor.userid, signedOffAt: ctx.now };
      reachedStage(d, 'replying');
      return cmd.note;
    },
  },
  sendReply: {
    action: 'sendReply',
    from: ['replying'],
    apply(d, cmd, ctx) {
      const reply = d.reply ?? fail({ reason: 'needDraft' });
      if (!reply.signedOffAt) fail({ reason: 'needSignOff' });
      const docNo = cmd.docNo?.trim() || reply.docNo || fail({ reason: 'needDocNo' });
      d.reply = { ...reply, docNo, sentAt: ctx.now };
      markDone(d, 'reply', ctx.now);
      reachedStage(d, 'supervising');
      return docNo;
    },
  },
  sendCoOpinion: {
    action: 'sendCoOpinion',
    from: ['communicating'],
    apply(d, cmd, ctx) {
      if (d.handlingType !== 'co') fail({ reason: 'coOpinionOnlyForCo', kind: kindOf(d) });
      if (!d.contacts.some((c) => c.phase === 'before')) fail({ reason: 'needPreContact', kind: kindOf(d) });
      const text = requireText(cmd.text, 'coOpinion');
      d.coOpinions = [{ divisionCode: d.leadDivision ?? '', text, sentAt: ctx.now }];
      markDone(d, 'opinion', ctx.now);
      reachedStage(d, 'opinionSent');
      return text;
    },
  },
  recordCoOpinion: {
    action: 'recordCoOpinion',
    from: 'handling',
    apply(d, cmd, ctx) {
      const entry =
        d.coOpinions.find((o) => o.divisionCode === cmd.divisionCode) ?? fail({ reason: 'notAssisting', kind: kindOf(d), divisionCode: cmd.divisionCode });
      if (entry.sentAt) fail({ reason: 'coOpinionAlreadyIn' });
      entry.text = requireText(cmd.text, 'coOpinion');
      entry.sentAt = ctx.now;
      return entry.text;
    },
  },
  superviseMeasure: {
    action: 'superviseMeasure',
    from: ['supervising', 'feedback'],
    apply(d, cmd, ctx, actor) {
      const m = d.measures.find((x) => x.id === cmd.measureId) ?? fail({ reason: 'measureNotFound' });
      if (m.status === 'done') fail({ reason: 'measureAlreadyDone' });
      const note = requireText(cmd.note, 'measureNote');
      if (cmd.target) m.target = retarget(m, cmd.target);
      const value = cmd.value && valueInTargetUnit(m, cmd.value);
      m.progress.push({ at: ctx.now, by: actor.userid, note, ...(value !== undefined && { value }) });
      if (cmd.done) {
        m.status = 'done';
        m.doneAt = ctx.now;
      }
      return ctx.notes.measureProgress(m.text, note);
    },
  },
  feedback: {
    action: 'feedback',
    from: ['supervising', 'feedback'],
    guard(p) {
      if (p.handlingType !== 'lead') fail({ reason: 'feedbackOnlyForLead', kind: kindOf(p) });
      if (p.feedback.some((f) => f.round === p.round)) fail({ reason: 'alreadyRated' });
    },
    apply(d, cmd, ctx, actor) {
      d.feedback.push({ rating: cmd.rating, comment: cmd.comment?.trim() || undefined, at: ctx.now, by: actor.userid, round: d.round });
      markDone(d, 'feedback', ctx.now);
      if (cmd.rating === 'dissatisfied') {
        // 不满意 sends the case back for a second handling (二次办理) with a new reply deadline.
        if (d.reply) d.priorReplies.push(d.reply);
        d.reply = undefined;
        d.measures = d.measures.filter((m) => m.status !== 'done');
        d.round += 1;
        d.reopenedAt = ctx.now;
        const { reply: _reply, feedback: _feedback, ...kept } = d.milestones;
        d.milestones = kept;
        reachedStage(d, 'researching');
      }
      return cmd.comment;
    },
  },
  requestExtension: {
    action: 'requestExtension',
    from: 'handling',
    apply(d, cmd, ctx, actor) {
      const milestone = cmd.milestone ?? (d.handlingType === 'co' ? 'opinion' : 'reply');
      const max = ctx.policy.deadlines.maxExtensionDays;
      if (!Number.isInteger(cmd.days) || cmd.days < 1 || cmd.days > max) throw new DomainError('invalidInput', { reason: 'badExtensionDays', max });
      const reason = requireText(cmd.reason, 'reason');
      const m = d.milestones[milestone];
      if (!m || m.doneAt) fail({ reason: 'milestoneNotOpen' });
      if (d.extensions.some((e) => e.status === 'pending')) fail({ reason: 'extensionPending' });
      d.extensions.push({ id: ctx.newId(), milestone, days: cmd.days, reason, requestedBy: actor.userid, requestedAt: ctx.now, status: 'pending' });
      return reason;
    },
  },
  decideExtension: {
    action: 'decideExtension',
    from: 'open',
    apply(d, cmd, ctx, actor) {
      const ext =
        d.extensions.find((e) => e.status === 'pending' && (!cmd.extensionId || e.id === cmd.extensionId)) ??
        fail({ reason: 'noPendingExtension', kind: kindOf(d) });
      ext.status = cmd.approve ? 'approved' : 'rejected';
      ext.decidedBy = actor.userid;
      ext.decidedAt = ctx.now;
      ext.decisionNote = cmd.note?.trim() || undefined;
      return cmd.note;
    },
  },
  instruct: {
    action: 'instruct',
    from: 'open',
    apply(d, cmd, ctx, actor) {
      const text = requireText(cmd.text, 'instruction');
      d.instructions.push({ at: ctx.now, by: actor.userid, text });
      return text;
    },
  },
  chase: {
    action: 'chase',
    from: 'open',
    apply(_d, cmd) {
      return cmd.note;
    },
  },
  undo: {
    action: 'undo',
    from: 'any',
    apply(d, cmd, ctx, actor) {
      const undone = checkUndo(d, actor, ctx.now, ctx.policy, cmd.reason);
      const before = ctx.previous;
      if (!before || before.id !== d.id || before.version !== d.version - 1) return fail({ reason: 'undoUnavailable' });
      // Back to the previous state; the trail keeps the undone step and gains this one.
      const { id, version, events } = d;
      const draft = d as unknown as Record<string, unknown>;
      for (const key of Object.keys(draft)) delete draft[key];
      Object.assign(d, structuredClone(before), { id, version, events });
      return ctx.notes.undo(undone.action, cmd.reason?.trim());
    },
  },
  archive: {
    action: 'archive',
    from: ['feedback'],
    apply(d, cmd, ctx, actor) {
      if (d.handlingType === 'lead') {
        const rated = d.feedback.some((f) => f.round === d.round);
        const fb = d.milestones.feedback;
        if (!rated && !(fb && ctx.now > fb.dueAt)) fail({ reason: 'archiveNeedsFeedback', kind: kindOf(d) });
      }
      d.archive = { at: ctx.now, by: actor.userid, note: cmd.note?.trim() || undefined };
      reachedStage(d, 'archived');
      return cmd.note;
    },
  },
  correct: {
    action: 'correct',
    from: 'any',
    apply(d, cmd) {
      return applyCorrection(d, cmd.fields, cmd.reason);
    },
  },
  publish: {
    action: 'publish',
    from: 'any',
    apply(d, cmd, ctx, actor) {
      if (!cmd.on) {
        if (!d.published) fail({ reason: 'notPublished' });
        delete d.published;
        return undefined;
      }
      d.published = { at: ctx.now, by: actor.userid, proposerNamed: cmd.proposerNamed === true };
      return undefined;
    },
  },
  mergeInto: {
    action: 'merge',
    from: 'open',
    apply(d, cmd, ctx) {
      d.mergedInto = cmd.lead;
      return ctx.notes.mergedInto(cmd.lead.number);
    },
  },
  mergeLead: {
    action: 'merge',
    from: 'open',
    apply(d, cmd, ctx) {
      const known = new Set((d.merged ?? []).map((x) => x.id));
      const added = cmd.followers.filter((x) => !known.has(x.id));
      d.merged = [...(d.merged ?? []), ...added];
      return ctx.notes.mergedCases(added.map((x) => x.number));
    },
  },
  unmergeFrom: {
    action: 'merge',
    from: 'open',
    apply(d, cmd) {
      const reason = requireText(cmd.reason, 'unmergeReason');
      if (!d.mergedInto) fail({ reason: 'notMerged', kind: kindOf(d) });
      d.mergedInto = undefined;
      return reason;
    },
  },
  unmergeLead: {
    action: 'merge',
    from: 'open',
    apply(d, cmd, ctx) {
      const rest = (d.merged ?? []).filter((x) => x.id !== cmd.follower.id);
      d.merged = rest.length ? rest : undefined;
      return ctx.notes.unmerged(cmd.follower.number, requireText(cmd.reason, 'unmergeReason'));
    },
  },
  followLead: {
    action: 'followLead',
    from: 'open',
    apply(d, cmd) {
      followLead(d, cmd.lead);
      return undefined;
    },
  },
};

function stageAllowed(from: Step<CommandType>['from'], stage: Stage): boolean {
  if (from === 'any') return true;
  if (from === 'open') return stage !== 'archived';
  if (from === 'handling') return isHandling(stage);
  return from.includes(stage);
}

/** Top-level fields whose change is shown in the audit trail; derived fields are left out. */
const DERIVED = new Set<keyof Proposal>(['events', 'version', 'facts', 'nextDueAt', 'nextDueMilestone', 'milestones']);

function diff(before: Proposal, after: Proposal, wholeLists: boolean): AuditEvent['changes'] {
  const changes: AuditEvent['changes'] = [];
  for (const key of Object.keys({ ...before, ...after }) as (keyof Proposal)[]) {
    if (DERIVED.has(key)) continue;
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    // Lists only grow in the ledger's sense: record what was added or changed, not the whole list;
    // a correction replaces a list (提案人, 联名), so it keeps both whole.
    if (Array.isArray(a) && Array.isArray(b) && !wholeLists) {
      const added = b.filter((x, i) => JSON.stringify(x) !== JSON.stringify(a[i]));
      changes.push({ field: key, before: a.length, after: added });
    } else changes.push({ field: key, before: a ?? null, after: b ?? null });
  }
  return changes;
}

/** Recomputes due dates, next due and metric facts after a change. */
export function refreshDerived(d: Proposal, ctx: Pick<DecideContext, 'calendar' | 'policy'>): void {
  d.milestones = { ...computeMilestones(d, ctx.policy.deadlines, ctx.calendar) };
  const due = nextDue(d);
  d.nextDueAt = due?.at;
  d.nextDueMilestone = due?.milestone;
  d.facts = deriveFacts(d);
}

/** 登记: a new proposal in the ledger, its deadlines set from receipt, its first event recorded. */
export function registerProposal(
  input: NewProposal,
  by: { id: string; at: Date; actor: Actor; channel: ChannelName },
  ctx: Pick<DecideContext, 'calendar' | 'policy'>,
): Proposal {
  const p: Proposal = {
    ...input,
    kind: input.kind ?? DEFAULT_KIND,
    id: by.id,
    stage: 'registered',
    assistingDivisions: [],
    milestones: {},
    contacts: [],
    priorReplies: [],
    measures: [],
    feedback: [],
    extensions: [],
    coOpinions: [],
    instructions: [],
    returns: [],
    round: 1,
    facts: { ...EMPTY_FACTS },
    version: 1,
    events: [
      { at: by.at, actor: { userid: by.actor.userid, name: by.actor.name }, channel: by.channel, action: 'register', toStage: 'registered', changes: [] },
    ],
  };
  refreshDerived(p, ctx);
  return p;
}

export interface Decision {
  next: Proposal;
  event: AuditEvent;
}

/** Throws the refusal when the actor may not run `type` on `p` as it stands: role, scope, merge, stage. */
function checkAllowed(p: Proposal, type: CommandType, actor: Actor): void {
  const step = STEPS[type] as Step<CommandType>;
  authorize(step.action, actor, p);
  if (p.mergedInto && !followerMay(p, type)) throw new DomainError('precondition', { reason: 'mergedFollower', kind: kindOf(p), lead: p.mergedInto.number });
  if (!stageAllowed(step.from, p.stage)) {
    const kind = kindOf(p);
    throw new DomainError(
      'invalidStage',
      readsAsMember(actor, p)
        ? { reason: 'wrongStageForMember', kind, action: type, stage: p.stage, handlingType: p.handlingType }
        : { reason: 'wrongStage', kind, action: type, stage: p.stage },
    );
  }
  step.guard?.(p);
}

/**
 * Why the actor may not perform any of `actions` on `p` now (the first refusal), or undefined
 * when one of them is possible: asked before a guided step asks for more, so nobody types a
 * reason for a step that will then be refused.
 */
export function refusalOf(p: Proposal, actions: readonly ActionName[], actor: Actor): DomainError | undefined {
  let first: DomainError | undefined;
  for (const type of Object.keys(STEPS) as CommandType[]) {
    if (!actions.includes(STEPS[type].action)) continue;
    try {
      checkAllowed(p, type, actor);
      return undefined;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      first ??= err;
    }
  }
  return first;
}

/** Applies `cmd` to `p` as `actor`, or throws a DomainError saying why not. */
export function decide(p: Proposal, cmd: Command, actor: Actor, ctx: DecideContext): Decision {
  checkAllowed(p, cmd.type, actor);
  const step = STEPS[cmd.type] as Step<CommandType>;
  const next = structuredClone(p);
  const note = step.apply(next, cmd as never, ctx, actor);
  refreshDerived(next, ctx);
  next.version = p.version + 1;
  const event: AuditEvent = {
    at: ctx.now,
    actor: { userid: actor.userid, name: actor.name },
    channel: ctx.channel,
    action: cmd.type,
    ...(next.stage !== p.stage ? { fromStage: p.stage, toStage: next.stage } : {}),
    changes: diff(p, next, cmd.type === 'correct'),
    note: note?.trim() || undefined,
  };
  return { next, event };
}

/** The commands this actor could try on `p` now (for cards): allowed by role and stage. */
export function availableCommands(p: ProposalScope & Pick<Proposal, 'stage'>, actor: Actor): CommandType[] {
  return (Object.keys(STEPS) as CommandType[]).filter((t) => {
    const step = STEPS[t] as Step<CommandType>;
    if (!stageAllowed(step.from, p.stage)) return false;
    try {
      authorize(step.action, actor, p);
      return true;
    } catch {
      return false;
    }
  });
}
