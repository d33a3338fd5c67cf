/**
 * 两类件: a case is a CPPCC member's proposal (政协提案) or an NPC deputy's suggestion (人大代表建议).
 * The same bureau handles both the same way; the words (present/kind.texts.ts), the numbering,
 * the deadlines and the year-end figures differ. Every case stores its kind (older documents are backfilled at startup,
 * store/migrations.ts), and (kind, session, number) is unique.
 */
import { KIND_WORDS } from './kind-words.js';

export const CASE_KINDS = ['proposal', 'suggestion'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** The kind a case written before kinds existed has. */
export const DEFAULT_KIND: CaseKind = 'proposal';

/** One kind, or both together (the default of every count and report). */
export type KindScope = CaseKind | 'both';

/** The kind a word names (提案, 建议, 人大代表建议, suggestion…), or undefined. Spaces are ignored. */
export const readKind = (word: string): CaseKind | undefined => KIND_WORDS[word.replace(/\s+/gu, '')];

/**
 * The scope of what is counted when no kind was asked for: both only when both kinds are among it,
 * else its one kind (a 提案 when nothing is counted, as in a ledger that never had a 建议).
 */
export function scopeOfKinds(kinds: Iterable<CaseKind>): KindScope {
  const set = new Set(kinds);
  return set.size > 1 ? 'both' : ([...set][0] ?? DEFAULT_KIND);
}
