/** The words of a scope of cases (one kind or both) and of a kind written wrongly. */
import type { KindScope } from '../domain/kind.js';
import { WORDING } from '../domain/kind.texts.js';

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
