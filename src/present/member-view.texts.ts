/** What a proposing member (委员) reads about their own proposal: where it stands, in plain words, and the rest. */
import type { MemberProgress } from '../domain/visibility.js';

/**
 * Where a proposal stands in the member's words, never the bureau's internal stage names: every
 * channel shows them, and the workflow's refusals to a member say them.
 */
export const MEMBER_PROGRESS_WORDS: Record<MemberProgress, string> = {
  received: '已收到，正在分办',
  withDivision: '已交承办处室',
  inHand: '正在研究办理',
  replyInReview: '答复正在审核',
  replySoon: '答复即将发出',
  measuresUnderway: '已答复，措施落实中',
  opinionGiven: '已提出办理意见',
  ratingInvited: '已答复，欢迎评价',
  closed: '已办结',
  coOpinionSent: '本局协办意见已送主办单位',
  coReplyByLead: '本局协办意见已送主办单位，答复由主办单位发出',
};

/** The member's own history: what they took part in or were told, in their words. */
export const MEMBER_TRAIL_WORDS = {
  contact: (phase: string, method: string) => `承办处室与您${method}沟通（${phase}）`,
  replySent: (docNo: string | undefined) => (docNo ? `答复已发出（${docNo}）` : '答复已发出'),
  rated: (rating: string) => `您的评价：${rating}`,
  confirmed: '您确认了这次见面沟通',
  disputed: '您对这次沟通记录提出了异议',
};

/** The labels of a member's view of one proposal: the chat card and the web page say the same. */
export const MEMBER_VIEW_WORDS = {
  progress: '办理进度',
  unit: '承办处室',
  contacts: '见面沟通',
  reply: '答复',
  replyLine: (docNo: string | undefined) => (docNo ? `已答复（${docNo}）` : '尚未答复'),
  /** A 协办 case: the reply comes from the lead unit, not from the bureau. */
  replyByLeadUnit: (unit: string | undefined) => `由主办单位${unit ? `（${unit}）` : ''}答复`,
  unitPending: '正在分办',
};
