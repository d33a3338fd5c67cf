/**
 * The words of the two kinds of case (两类件): every text that names a case, its author or its
 * number asks `wording(kind)` instead of writing 提案/委员 itself; and the words of a scope of
 * cases (one kind or both) and of a kind written wrongly.
 */
import { DEFAULT_KIND, type CaseKind, type KindScope } from '../domain/kind.js';

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

export const wording = (k: CaseKind | { kind?: CaseKind }): Wording => WORDING[typeof k === 'string' ? k : (k.kind ?? DEFAULT_KIND)];

/** The number as a chat command takes it: 0012 for a 提案, 建议0012 for a 建议. */
export const commandRef = (kind: CaseKind, number: string): string => `${WORDING[kind].mark}${number}`;

export const kindTexts = {
  /** What a count or report over one kind or both is about. */
  scope: (s: KindScope): string => (s === 'both' ? '提案和建议' : WORDING[s].full),
  /** The short word of a scope (统计 提案 / 统计 建议 / 统计). */
  scopeShort: (s: KindScope): string => (s === 'both' ? '提案和建议' : WORDING[s].case),
  /** Who filed the cases of a scope. */
  scopeMember: (s: KindScope): string => (s === 'both' ? '委员和代表' : WORDING[s].member),
  badKind: (value: string) => `“${value}”不是件的类别：请写“提案”（政协提案）或“建议”（人大代表建议）。`,
  /** Options of a filter: both, then each kind. */
  bothLabel: '提案和建议',
} as const;
