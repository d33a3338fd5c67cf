/**
 * Where a proposing member's (委员) proposal stands, in plain words, never the bureau's internal
 * stage names: every channel shows them, and the workflow's refusals to a member say them. The
 * rest of what a member reads is in present/member-view.texts.ts.
 */
import type { Stage } from './model.js';

/** Member-facing wording of each stage: the member sees progress, not the internal workflow. */
export const MEMBER_STAGE_WORDS: Record<Stage, string> = {
  registered: '已收到，正在分办',
  assigned: '已交承办处室',
  researching: '正在研究办理',
  communicating: '正在研究办理',
  reviewing: '正在研究办理',
  signing: '答复正在审核',
  replying: '答复即将发出',
  supervising: '已答复，措施落实中',
  opinionSent: '已提出办理意见',
  feedback: '已答复，欢迎评价',
  archived: '已办结',
};

/**
 * Where a 协办 case stands in the member's words, where they differ: the bureau only sends its
 * co-handling opinion; the reply and the rating are the external lead unit's.
 */
export const MEMBER_CO_STAGE_WORDS: Partial<Record<Stage, string>> = {
  opinionSent: '本局协办意见已送主办单位',
  feedback: '本局协办意见已送主办单位，答复由主办单位发出',
};
