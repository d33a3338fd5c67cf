/**
 * The words people write for a kind of case: a vocabulary read (readKind), not wording shown.
 * What each kind is called where it is shown: present/kind.texts.ts.
 */
import type { CaseKind } from './kind.js';

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
