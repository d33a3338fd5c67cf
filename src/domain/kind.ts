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

/** The kind a word names (提案, 建议, 人大代表建议, suggestion…), or undefined. Spaces are ignored. */
export const readKind = (word: string): CaseKind | undefined => KIND_WORDS[word.replace(/\s+/gu, '')];

/** A scope written as a kind word, or empty / 全部 / 两类 / both for both. */
export function readScope(word: string | undefined): KindScope | undefined {
  const w = (word ?? '').trim();
  if (w === '' || w === 'both' || w === '全部' || w === '两类' || w === '提案和建议') return 'both';
  return readKind(w);
}

/** The filter field a scope adds: nothing for both. */
export const kindFilter = (s: KindScope): { kind?: CaseKind } => (s === 'both' ? {} : { kind: s });

export type { Wording };
