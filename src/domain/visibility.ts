/**
 * 可见范围: the one table of what each role may see of a proposal, section by section. Web pages,
 * exports, reply letters and chat cards all ask `sees`/`sectionsFor` instead of deciding for
 * themselves, so a member reads the same plain things everywhere and never the bureau's
 * internal notes (批示, 催办, staff names, drafts, the internal audit trail).
 */
import type { Actor, ContactMethod, ContactPhase, Proposal, Role, Satisfaction, Stage } from './model.js';
import { viewingRoles, type ProposalScope } from './permissions.js';

export const SECTIONS = [
  /** 届次, 提案号, 案由, 提案人, 联名, 界别, 办理类型, 摘要, 收文/归档日期. */
  'facts',
  /** The internal stage (登记…归档) and 办理轮次. */
  'stage',
  /** Where it stands in the member's steps (memberProgress), never the internal stage. */
  'progress',
  /** Which division handles it (主办/协办处室, 外单位). */
  'unit',
  /** Staff names: 第一责任人, 承办人, 分管领导. */
  'staff',
  /** Milestones, due dates, due status, whether answered on time. */
  'deadlines',
  /** Contacts with the member: when, how, what was said, the member's confirmation. */
  'contacts',
  /** Who logged a contact, the photo evidence. */
  'contactEvidence',
  /** The reply while still a draft (not yet sent): class, summary, 正文, signing state. */
  'draft',
  /** The reply as issued (发文): class, 文号, summary, 正文. */
  'reply',
  /** The measures the reply commits to and whether each is done. */
  'measures',
  /** 督办 notes on each measure. */
  'measureProgress',
  /** The member's ratings (委员反馈). */
  'feedback',
  /** 阅批: leaders' instructions. */
  'instructions',
  /** 延期 requests and decisions. */
  'extensions',
  /** 协办意见 and 退回 reasons between divisions. */
  'coordination',
  /** The full audit trail: every step, who, channel, notes (催办 included). */
  'trail',
  /** The member's own history (contacts, reply sent, ratings) in their words. */
  'memberTrail',
  /** The 答复函 as a Word draft, before it is issued. */
  'letterDraft',
  /** The 答复函 once issued. */
  'letter',
  /** Division-level figures (统计). */
  'metrics',
] as const;
export type Section = (typeof SECTIONS)[number];

/** `always`, or only once the reply has been issued (发文). */
export type Access = 'always' | 'whenIssued';

const STAFF_ROLES = ['coordinator', 'leader', 'divisionHead', 'handler'] as const;
const staff = (access: Access = 'always'): Partial<Record<Role, Access>> => Object.fromEntries(STAFF_ROLES.map((r) => [r, access]));

/**
 * Role × section. A role absent from a row never sees that section. Which proposals a role covers
 * at all is `canView` (permissions.ts); this table decides what of a covered proposal it reads.
 */
export const VISIBILITY: Record<Section, Partial<Record<Role, Access>>> = {
  facts: { ...staff(), member: 'always' },
  stage: staff(),
  progress: { member: 'always' },
  unit: { ...staff(), member: 'always' },
  staff: staff(),
  deadlines: staff(),
  contacts: { ...staff(), member: 'always' },
  contactEvidence: staff(),
  draft: staff(),
  reply: { ...staff('whenIssued'), member: 'whenIssued' },
  measures: { ...staff(), member: 'whenIssued' },
  measureProgress: staff(),
  feedback: { ...staff(), member: 'always' },
  instructions: staff(),
  extensions: staff(),
  coordination: staff(),
  trail: staff(),
  memberTrail: { member: 'always' },
  letterDraft: staff(),
  letter: { ...staff('whenIssued'), member: 'whenIssued' },
  metrics: staff(),
};

export const isIssued = (p: Pick<Proposal, 'reply'>): boolean => p.reply?.sentAt !== undefined;

/** The sections `actor` may read of `p` (empty when `p` is not theirs to see at all). */
export function sectionsFor(actor: Actor, p: Proposal): ReadonlySet<Section> {
  const roles = viewingRoles(actor, p);
  const issued = isIssued(p);
  const out = new Set<Section>();
  for (const section of SECTIONS) {
    const rule = VISIBILITY[section];
    if (roles.some((r) => rule[r] === 'always' || (rule[r] === 'whenIssued' && issued))) out.add(section);
  }
  return out;
}

export const sees = (actor: Actor, p: Proposal, section: Section): boolean => sectionsFor(actor, p).has(section);

/**
 * Whether this person reads the proposal as its member would: their roles that cover it (or, when
 * none does any more — e.g. a division that just returned it — all their roles) see no internal stage.
 */
export function readsAsMember(actor: Actor, p: ProposalScope): boolean {
  const covering = viewingRoles(actor, p);
  return !(covering.length ? covering : actor.roles).some((r) => VISIBILITY.stage[r]);
}

/**
 * Where a case stands as its member is told: the internal stages folded into the steps a member
 * sees (the three of 研究办理 are one), and a 协办 case's own where the bureau only sends its
 * opinion and the reply and the rating are the external lead unit's. Worded in
 * present/member-view.texts.ts.
 */
export type MemberProgress =
  | 'received'
  | 'withDivision'
  | 'inHand'
  | 'replyInReview'
  | 'replySoon'
  | 'measuresUnderway'
  | 'opinionGiven'
  | 'ratingInvited'
  | 'closed'
  | 'coOpinionSent'
  | 'coReplyByLead';

const MEMBER_PROGRESS: Record<Stage, MemberProgress> = {
  registered: 'received',
  assigned: 'withDivision',
  researching: 'inHand',
  communicating: 'inHand',
  reviewing: 'inHand',
  signing: 'replyInReview',
  replying: 'replySoon',
  supervising: 'measuresUnderway',
  opinionSent: 'opinionGiven',
  feedback: 'ratingInvited',
  archived: 'closed',
};

const MEMBER_CO_PROGRESS: Partial<Record<Stage, MemberProgress>> = { opinionSent: 'coOpinionSent', feedback: 'coReplyByLead' };

/** Where the proposal stands (or stood, at `stage`) as its member is told: the workflow's refusals to a member say it too. */
export function memberProgress(p: Pick<Proposal, 'stage' | 'handlingType'>, stage: Stage = p.stage): MemberProgress {
  return (p.handlingType === 'co' ? MEMBER_CO_PROGRESS[stage] : undefined) ?? MEMBER_PROGRESS[stage];
}

/** One step of the member's own history, as facts (present/member-view.ts words it). */
export type MemberTrailEntry = { at: Date } & (
  | { what: 'stage'; stage: Stage }
  | { what: 'contact'; phase: ContactPhase; method: ContactMethod }
  | { what: 'confirmation'; confirmation: 'confirmed' | 'disputed' }
  | { what: 'replySent'; docNo?: string }
  | { what: 'rated'; rating: Satisfaction }
);

/**
 * The member's history: stage changes from the audit trail (repeats of the member's steps folded),
 * the contacts with them, each issued reply and their ratings. Nothing else of the trail is shown.
 */
export function memberTrail(p: Proposal): MemberTrailEntry[] {
  const out: MemberTrailEntry[] = [];
  let last: MemberProgress | undefined;
  for (const e of p.events) {
    if (!e.toStage) continue;
    const step = memberProgress(p, e.toStage);
    if (step !== last) out.push({ at: new Date(e.at), what: 'stage', stage: e.toStage });
    last = step;
  }
  for (const c of p.contacts) {
    out.push({ at: new Date(c.at), what: 'contact', phase: c.phase, method: c.method });
    if (c.confirmation !== 'unconfirmed') out.push({ at: new Date(c.at), what: 'confirmation', confirmation: c.confirmation });
  }
  for (const r of [...p.priorReplies, ...(p.reply ? [p.reply] : [])]) {
    if (r.sentAt) out.push({ at: new Date(r.sentAt), what: 'replySent', docNo: r.docNo });
  }
  for (const f of p.feedback) out.push({ at: new Date(f.at), what: 'rated', rating: f.rating });
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}
