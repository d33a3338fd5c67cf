/**
 * The ledger's vocabulary (台账): proposals, people, contacts, replies and the audit trail.
 * Pure types; every instant is a UTC `Date`, calendar dates are interpreted in Asia/Shanghai.
 */
import type { CaseKind } from './kind.js';

/** 办理环节: where a proposal stands. Lead-handled and co-handled proposals use different paths (see stages.ts). */
export const STAGES = [
  'registered', // 登记: received, waiting to be assigned
  'assigned', // 交办: assigned to a division, waiting for it to accept or return
  'researching', // 调研: accepted; the division studies the matter
  'communicating', // 沟通: talking with the member before drafting (办前沟通)
  'reviewing', // 会审: joint review of the draft reply
  'signing', // 签发: waiting for a leader to sign the reply off
  'replying', // 答复: signed off, the formal reply is to be sent
  'supervising', // 督办: reply sent; the committed measures are followed up
  'opinionSent', // 协办意见: co-handling opinion sent to the lead unit (co-handled path only)
  'feedback', // 反馈: waiting for / holding the member's rating
  'archived', // 归档
] as const;
export type Stage = (typeof STAGES)[number];

/** 角色. A person may hold several. */
export const ROLES = ['coordinator', 'leader', 'divisionHead', 'handler', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** 办理类型: 主办 (the bureau leads) or 协办 (the bureau co-handles for an external lead unit). */
export type HandlingType = 'lead' | 'co';

/** 答复类别: A 已解决或采纳, B 正在解决或列入计划, C 因条件限制暂不能解决或留作参考. */
export type OutcomeClass = 'A' | 'B' | 'C';

/** 满意度: 满意 / 基本满意 / 不满意. */
export type Satisfaction = 'satisfied' | 'basic' | 'dissatisfied';

/** 沟通阶段: 办前沟通 / 办中对接 / 办后反馈. */
export const CONTACT_PHASES = ['before', 'during', 'after'] as const;
export type ContactPhase = (typeof CONTACT_PHASES)[number];

/** 沟通方式. Face-to-face by default: 上门走访, 座谈, 当面. */
export const CONTACT_METHODS = ['phone', 'online', 'wechat', 'visit', 'meeting', 'inPerson', 'other'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** Which channel a change came through, for the audit trail. */
export type ChannelName = 'wecom-app' | 'wecom-bot' | 'console' | 'web' | 'web-sim' | 'cli' | 'job' | 'system';

/** 处室: a division of the bureau. `kind` marks the coordinating 政策法规处 and the 监测中心. */
export interface Division {
  code: string;
  name: string;
  /** Short names people type in chat, e.g. 政法处 for 政策法规处. */
  aliases: string[];
  kind: 'coordinating' | 'handling' | 'monitoring';
  /** 处长: first responsible person (第一责任人) by default. */
  headUserid?: string;
  /** 分管负责同志: the leader in charge of this division. */
  leaderUserid?: string;
  active: boolean;
}

/** A person in the directory. Members (委员) are outside the bureau and have no division. */
export interface Person {
  userid: string;
  name: string;
  roles: Role[];
  divisionCode?: string;
  /** 界别 for members. */
  sector?: string;
  mobile?: string;
  active: boolean;
}

/** Who did something, as recorded on the ledger. */
export interface Actor {
  userid: string;
  name: string;
  roles: Role[];
  divisionCode?: string;
}

/** 提案人: a member, matched to the directory by name when possible. */
export interface Proposer {
  name: string;
  userid?: string;
}

/** 办理沟通记录: one contact with the proposing member(s). */
export interface Contact {
  id: string;
  phase: ContactPhase;
  method: ContactMethod;
  /** 见面: derived from the method unless set explicitly. */
  faceToFace: boolean;
  members: string[];
  staff: string[];
  at: Date;
  summary: string;
  memberViews?: string;
  /** Member's confirmation of a face-to-face contact (keeps 见面沟通率 honest). */
  confirmation: 'unconfirmed' | 'confirmed' | 'disputed';
  confirmationNote?: string;
  /** GridFS file ids of photos taken as evidence. */
  evidence: string[];
  loggedBy: string;
}

/** 落实措施: a concrete measure a reply commits to, supervised (督办) until done. */
export interface Measure {
  id: string;
  text: string;
  status: 'open' | 'done';
  /** A quantity the measure commits to (资金 96.01 亿元); see measures.ts. */
  target?: { amount: number; unit: string };
  /** `value`: the quantity reached by `at`, in the target's unit, when the measure has a target. */
  progress: { at: Date; by: string; note: string; value?: number }[];
  doneAt?: Date;
}

/** 答复: the reply to the member. A draft until a leader signs it off. */
export interface Reply {
  summary: string;
  /** 正文: the letter's full body as typed (paragraphs split by line breaks); the letter prints the summary without it. */
  body?: string;
  outcome: OutcomeClass;
  docNo?: string;
  draftedBy: string;
  draftedAt: Date;
  signedOffBy?: string;
  signedOffAt?: Date;
  sentAt?: Date;
}

/** 委员反馈: the member's rating of the reply. */
export interface Feedback {
  rating: Satisfaction;
  comment?: string;
  at: Date;
  by: string;
  round: number;
}

/** 延期申请. Approved extensions move the due date and stay on the record. */
export interface Extension {
  id: string;
  milestone: MilestoneKey;
  days: number;
  reason: string;
  requestedBy: string;
  requestedAt: Date;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy?: string;
  decidedAt?: Date;
  decisionNote?: string;
}

/** 协办意见 from an assisting division (lead path) or to the external lead unit (co path). */
export interface CoOpinion {
  divisionCode: string;
  text?: string;
  sentAt?: Date;
}

/** Milestones with their own clocks. */
export const MILESTONES = ['assign', 'returnWindow', 'preContact', 'opinion', 'reply', 'feedback'] as const;
export type MilestoneKey = (typeof MILESTONES)[number];

export interface Milestone {
  dueAt: Date;
  doneAt?: Date;
}

/**
 * Precomputed figures for metrics, kept on the proposal so reports are a `$group` on plain fields
 * (no `$lookup`/`$cond`, which FerretDB 1.24 lacks).
 */
export interface ProposalFacts {
  /** The bureau has answered at least once (reply sent, or 协办意见 sent). */
  replied: boolean;
  /** The latest answer against its own due date (a second handling's reply against the reopened deadline). */
  repliedOnTime: boolean;
  /** 二次办理 under way and not answered again yet: out of 按时办复率 until then (or until its new due date passes). */
  reanswerPending: boolean;
  faceToFace: boolean;
  faceToFaceConfirmed: boolean;
  satisfaction: Satisfaction | 'none';
  outcome: OutcomeClass | 'none';
  /** Measures of a reply a leader signed off (a draft's measures are no commitment yet). */
  measuresTotal: number;
  measuresDone: number;
}

/** One entry of the audit trail. Appended, never edited or deleted. */
export interface AuditEvent {
  at: Date;
  actor: { userid: string; name: string };
  channel: ChannelName;
  action: string;
  fromStage?: Stage;
  toStage?: Stage;
  changes: { field: string; before: unknown; after: unknown }[];
  note?: string;
  /**
   * The inbound message (and its n-th command) that made this change, e.g. `wecom-app:<MsgId>#0`:
   * a message handled again after a crash finds its change here and does not apply it twice.
   */
  requestId?: string;
}

/** A reference to another case, enough to name it without loading it. */
export interface CaseRef {
  id: string;
  /** Absent on references written before kinds existed: a 政协提案. */
  kind?: CaseKind;
  session: string;
  number: string;
}

/** 提案: one proposal and its ledger. */
export interface Proposal {
  id: string;
  /** 政协提案 or 人大代表建议 (kind.ts): the wording, numbering, deadlines and figures follow it. */
  kind: CaseKind;
  /** 届次, e.g. 十二届五次. Numbers are unique within a kind and session. */
  session: string;
  /** 提案号 / 建议号. */
  number: string;
  title: string;
  summary: string;
  proposers: Proposer[];
  coSigners: string[];
  sector?: string;
  filedAt?: Date;
  receivedAt: Date;
  handlingType: HandlingType;
  /** For 协办: the external lead unit (主办单位). */
  externalLeadUnit?: string;
  /** External co-handling units named on the list. */
  externalCoUnits: string[];
  isKey: boolean;
  stage: Stage;
  leadDivision?: string;
  assistingDivisions: string[];
  /** 第一责任人. */
  responsibleUserid?: string;
  /** 专人: the designated handler. */
  handlerUserid?: string;
  /** 分管负责同志. */
  leaderUserid?: string;
  assignedAt?: Date;
  milestones: Partial<Record<MilestoneKey, Milestone>>;
  /** Earliest due date of an open milestone, for the due-soon/overdue index. */
  nextDueAt?: Date;
  nextDueMilestone?: MilestoneKey;
  contacts: Contact[];
  reply?: Reply;
  /** Replies of earlier rounds, kept when a 不满意 reopens the case. */
  priorReplies: Reply[];
  measures: Measure[];
  feedback: Feedback[];
  extensions: Extension[];
  coOpinions: CoOpinion[];
  /** 阅批: leaders' instructions. */
  instructions: { at: Date; by: string; text: string }[];
  returns: { at: Date; by: string; divisionCode: string; reason: string }[];
  /** 1 for the first handling, 2 after a 不满意 reopens it (二次办理). */
  round: number;
  /** When the last 二次办理 began; anchors its reply deadline. */
  reopenedAt?: Date;
  archive?: { at: Date; by: string; note?: string };
  /**
   * 并案: set on a case merged into a lead case. The truth of the merge: the lead's `merged` list
   * only names where to look, and a name there whose `mergedInto` points elsewhere is ignored.
   */
  mergedInto?: CaseRef;
  /** 并案 on the lead case: the cases merged into it. */
  merged?: CaseRef[];
  /**
   * 公开: the coordinator opted this case into the public results page (off by default). Only its
   * answer is shown; the first proposer's name only when `proposerNamed`.
   */
  published?: { at: Date; by: string; proposerNamed: boolean };
  facts: ProposalFacts;
  version: number;
  events: AuditEvent[];
}
