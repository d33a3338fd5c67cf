/** What a proposing member (委员) reads about their own proposal besides where it stands (domain/visibility.texts.ts). */

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
