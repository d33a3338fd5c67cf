/**
 * 落实措施 in words: targets and progress (domain/measures.ts) as the bureau writes them, in chat,
 * pages, letters and reports.
 */
import { measureProgress, type MeasureProgress, type Quantity } from '../domain/measures.js';
import type { Measure } from '../domain/model.js';
import { formatDateZh } from './dates.js';
import { measureTexts } from './measures.texts.js';
import { pct } from './summary-format.js';

/** Numbers as the bureau writes them: 96.01, 3296, 232.69 (at most two decimals, none trailing). */
export const formatAmount = (n: number): string => String(Math.round(n * 100) / 100);

export const formatQuantity = (q: Quantity): string => `${formatAmount(q.amount)}${q.unit}`;

/** “已完成 15个／目标 20个（75.0%，截至2026年10月9日）”, or the target alone before any value. */
export function progressWords(p: MeasureProgress): string {
  if (!p.at) return measureTexts.noValue(formatQuantity(p.target));
  return measureTexts.progress(formatQuantity({ amount: p.value, unit: p.target.unit }), formatQuantity(p.target), pct(p.ratio), formatDateZh(p.at));
}

/** A measure's progress in words, or undefined for a measure without a target. */
export function progressText(m: Pick<Measure, 'target' | 'progress'>): string | undefined {
  const p = measureProgress(m);
  return p && progressWords(p);
}

/** The measure as committed: “建设互助幸福院（目标 20个）” (letters, drafts). */
export const measureWithTarget = (m: Pick<Measure, 'text' | 'target'>): string =>
  m.target ? `${m.text}（${measureTexts.target(formatQuantity(m.target))}）` : m.text;

/** The measure with where it stands: “建设互助幸福院（已完成 15个／目标 20个（75.0%，截至…））”. */
export function measureWithProgress(m: Pick<Measure, 'text' | 'target' | 'progress'>): string {
  const p = progressText(m);
  return p ? `${m.text}（${p}）` : m.text;
}
