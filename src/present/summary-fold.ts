/**
 * Folding repeated lines in digests and summaries: items that wait for the same step in the same
 * state (e.g. 53 cases 待交办, all overdue) become one line saying how many, the longest delay, where
 * and which, instead of 53 lines that differ only by their number.
 */
import { DEFAULT_KIND, scopeOfKinds, type CaseKind } from '../domain/kind.js';
import type { MilestoneKey } from '../domain/model.js';
import { summaryTexts as t } from './summary.texts.js';
import { commandRef } from './kind.texts.js';

/** What a folded line needs of an item (digest items and listed proposals both have it). */
export interface Foldable {
  /** A 建议's number is shown as 建议0012 among the numbers of a folded line. */
  kind?: CaseKind;
  number: string;
  milestone?: MilestoneKey;
  dueAt?: Date;
  overdue: boolean;
  overdueWorkdays: number;
  divisionName?: string;
}

/** Alike items are folded from this many on; fewer are listed one by one. */
export const FOLD_MIN = 3;
/** Numbers named on a folded line; the rest are "等". */
const NUMBERS_SHOWN = 8;

export type Entry<T> = { one: T } | { many: T[] };

/** Items alike when they wait for the same milestone in the same state (overdue or due soon). */
export const sameStep = (x: Foldable): string | undefined => (x.milestone ? `${x.milestone}|${x.overdue}` : undefined);

/**
 * The items in order, with each set of at least FOLD_MIN items sharing `key` gathered into one entry
 * at the place of its first (in a list sorted by due date, the most pressing). No key: never folded.
 */
export function foldAlike<T extends Foldable>(items: readonly T[], key: (x: T) => string | undefined = sameStep): Entry<T>[] {
  const byKey = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    if (k === undefined) continue;
    const group = byKey.get(k);
    if (group) group.push(x);
    else byKey.set(k, [x]);
  }
  const out: Entry<T>[] = [];
  const placed = new Set<string>();
  for (const x of items) {
    const k = key(x);
    const group = k === undefined ? undefined : byKey.get(k);
    if (k === undefined || !group || group.length < FOLD_MIN) out.push({ one: x });
    else if (!placed.has(k)) {
      placed.add(k);
      out.push({ many: group });
    }
  }
  return out;
}

/** How many items the entries hold. */
export const itemCount = <T>(entries: readonly Entry<T>[]): number => entries.reduce((n, e) => n + ('many' in e ? e.many.length : 1), 0);

/** One line for alike items: how many wait for what, the longest delay (or first due date), per division, and which. */
export function foldedLine(items: readonly Foldable[]): string {
  const first = items[0]!;
  const waiting = first.milestone ? t.waitingOn(first.milestone, scopeOfKinds(items.map((i) => i.kind ?? DEFAULT_KIND))) : '';
  const head = first.overdue
    ? t.groupOverdue(items.length, waiting, Math.max(...items.map((i) => i.overdueWorkdays)))
    : t.groupDueSoon(items.length, waiting, new Date(Math.min(...items.map((i) => i.dueAt?.getTime() ?? Infinity))));
  const perDivision = new Map<string, number>();
  for (const i of items) if (i.divisionName) perDivision.set(i.divisionName, (perDivision.get(i.divisionName) ?? 0) + 1);
  const where = perDivision.size > 0 ? t.groupDivisions([...perDivision]) : '';
  return `> ${head}${where}${t.groupNumbers(
    items.slice(0, NUMBERS_SHOWN).map((i) => commandRef(i.kind ?? DEFAULT_KIND, i.number)),
    items.length,
  )}`;
}

/**
 * Lines for `entries`: folded sets as one line, others by `line`, at most `limit` lines, and a last
 * line counting what is left out (`what` says what those items are).
 */
export function entryLines<T extends Foldable>(entries: readonly Entry<T>[], limit: number, line: (x: T) => string, total: number, what: string): string[] {
  const shown = entries.slice(0, limit);
  const lines = shown.map((e) => ('many' in e ? foldedLine(e.many) : line(e.one)));
  const left = total - itemCount(shown);
  if (left > 0) lines.push(t.more(left, what));
  return lines;
}
