/**
 * The words of the two kinds of case (两类件): every text that names a case, its author or its
 * number asks `wording(kind)` instead of writing 提案/委员 itself. What a count over one kind or
 * both is called: present/kind.texts.ts.
 */
import type { CaseKind } from './kind.js';

export interface Wording {
  /** 提案 / 建议 */
  case: string;
  /** 政协提案 / 人大代表建议 */
  full: string;
  /** 委员 / 代表 */
  member: string;
  /** 政协委员 / 人大代表 */
  memberFull: string;
  /** 提案号 / 建议号 */
  number: string;
  /** 提案人 / 建议人 */
  proposer: string;
  /** 重点提案 / 重点建议 */
  key: string;
  /**
   * After the number in a staff label (第0012号《…》 / 第0012号建议《…》) and before it in a
   * command (查 0012 / 查 建议0012): a 提案, the first kind the ledger had, goes unmarked.
   */
  mark: string;
  /** Title line of the reply letter (答复函). */
  letterTitle: string;
}

export const WORDING: Record<CaseKind, Wording> = {
  proposal: {
    case: '提案',
    full: '政协提案',
    member: '委员',
    memberFull: '政协委员',
    number: '提案号',
    proposer: '提案人',
    key: '重点提案',
    mark: '',
    letterTitle: '关于政协提案办理情况的答复函',
  },
  suggestion: {
    case: '建议',
    full: '人大代表建议',
    member: '代表',
    memberFull: '人大代表',
    number: '建议号',
    proposer: '建议人',
    key: '重点建议',
    mark: '建议',
    letterTitle: '关于人大代表建议办理情况的答复函',
  },
};

/** Words people write for a kind: in an import column, a chat command, a CLI option or a web filter. */
export const KIND_WORDS: Readonly<Record<string, CaseKind>> = {
  提案: 'proposal',
  政协提案: 'proposal',
  委员提案: 'proposal',
  政协: 'proposal',
  建议: 'suggestion',
  人大建议: 'suggestion',
  代表建议: 'suggestion',
  人大代表建议: 'suggestion',
  人大: 'suggestion',
  proposal: 'proposal',
  suggestion: 'suggestion',
};
