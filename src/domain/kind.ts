/**
 * 两类件: a case is a CPPCC member's proposal (政协提案) or an NPC deputy's suggestion (人大代表建议).
 * The same bureau handles both the same way; the words, the numbering, the deadlines and the
 * year-end figures differ. Every case stores its kind (older documents are backfilled at startup,
 * store/migrations.ts), and (kind, session, number) is unique.
 */
import { KIND_WORDS, WORDING, type Wording } from './kind.texts.js';

export const CASE_KINDS = ['proposal', 'suggestion'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** The kind a case written before kinds existed has. */
export const DEFAULT_KIND: CaseKind = 'proposal';

/** One kind, or both together (the default of every count and report). */
export type KindScope = CaseKind | 'both';

export const wording = (k: CaseKind | { kind?: CaseKind }): Wording => WORDING[typeof k === 'string' ? k : (k.kind ?? DEFAULT_KIND)];

/** The number as a chat command takes it: 0012 for a 提案, 建议0012 for a 建议. */
export const commandRef = (kind: CaseKind, number: string): string => `${WORDING[kind].mark}${number}`;

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

export type { Wording };
