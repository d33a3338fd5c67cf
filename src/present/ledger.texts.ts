/**
 * The ledger's labels as people are shown them: contact phases and methods, reply classes, ratings
 * and milestones (the labels the workflow's refusals name are in domain/ledger.texts.ts).
 */
import { DEFAULT_KIND, wording, type CaseKind } from '../domain/kind.js';
import type { ContactMethod, ContactPhase, MilestoneKey, OutcomeClass, Satisfaction } from '../domain/model.js';

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
