/**
 * The ledger's labels as people are shown them: stages, roles, actions, contact phases and methods,
 * reply classes, ratings and milestones (the refusals name some of them: refusals.texts.ts).
 */
import type { CommandType } from '../domain/commands.js';
import { DEFAULT_KIND, type CaseKind } from '../domain/kind.js';
import type { ContactMethod, ContactPhase, MilestoneKey, OutcomeClass, Role, Satisfaction, Stage } from '../domain/model.js';
import { wording } from './kind.texts.js';

export const STAGE_LABELS: Record<Stage, string> = {
  registered: '登记',
  assigned: '交办',
  researching: '调研',
  communicating: '沟通',
  reviewing: '会审',
  signing: '签发',
  replying: '答复',
  supervising: '督办',
  opinionSent: '协办意见',
  feedback: '反馈',
  archived: '归档',
};

/** Who filed a case, as one names them to staff: 提案委员 / 提出建议的代表. */
export const AUTHOR: Record<CaseKind, string> = { proposal: '提案委员', suggestion: '提出建议的代表' };

/** The roles as a case of `kind` names them (a refusal on a 建议 names 代表, not 委员; the coordinator's title is one for both). */
export const roleLabels = (kind: CaseKind | 'both'): Record<Role, string> => ({
  coordinator: '政策法规处提案协调人员',
  leader: '局领导',
  divisionHead: '承办处室负责人',
  handler: '承办人',
  member: `${kind === 'both' ? `${AUTHOR.proposal}或${AUTHOR.suggestion}` : AUTHOR[kind]}本人`,
});

/** The roles where no case is in question (a 提案, the first kind the ledger had). */
export const ROLE_LABELS: Record<Role, string> = roleLabels(DEFAULT_KIND);

const ACTION_LABELS: Record<CommandType, string> = {
  assign: '交办',
  reassign: '改派',
  accept: '接收',
  return: '退回',
  designate: '指定承办人',
  advance: '推进',
  logContact: '记录沟通',
  confirmContact: '确认沟通',
  attachEvidence: '上传沟通照片',
  draftReply: '起草答复',
  replyBody: '撰写答复正文',
  signOff: '签发',
  sendReply: '发出答复',
  sendCoOpinion: '报送协办意见',
  recordCoOpinion: '登记协办意见',
  superviseMeasure: '督办措施',
  feedback: '评价',
  requestExtension: '申请延期',
  decideExtension: '审批延期',
  instruct: '阅批',
  chase: '催办',
  archive: '归档',
  correct: '更正台账',
  publish: '公开设置',
  mergeInto: '并案',
  mergeLead: '并案',
  unmergeFrom: '撤销并案',
  unmergeLead: '撤销并案',
  followLead: '随主案同步',
  undo: '撤销',
};

/** An action as the audit trail records it (a command, or 登记), by its label where it has one. */
export const actionLabel = (action: string): string => ACTION_LABELS[action as CommandType] ?? action;

export const PHASE_LABELS: Record<ContactPhase, string> = { before: '办前沟通', during: '办中对接', after: '办后反馈' };

export const METHOD_LABELS: Record<ContactMethod, string> = {
  phone: '电话',
  online: '网络',
  wechat: '微信',
  visit: '上门走访',
  meeting: '座谈',
  inPerson: '当面',
  other: '其他',
};

export const OUTCOME_LABELS: Record<OutcomeClass, string> = {
  A: 'A类（已解决或采纳）',
  B: 'B类（正在解决或列入计划）',
  C: 'C类（因条件限制暂不能解决或留作参考）',
};

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
};

export const MILESTONE_LABELS: Record<MilestoneKey, string> = {
  assign: '交办',
  returnWindow: '退回时限',
  preContact: '办前沟通',
  opinion: '办理意见',
  reply: '答复',
  feedback: '委员反馈',
};

/** A milestone's name on one case: the member's feedback is the 代表's on a 建议. */
export const milestoneLabel = (m: MilestoneKey, kind: CaseKind = DEFAULT_KIND): string =>
  m === 'feedback' ? `${wording(kind).member}反馈` : MILESTONE_LABELS[m];
