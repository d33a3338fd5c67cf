/**
 * Small formatting helpers shared by the digests and summaries: percentages, changes in
 * percentage points and shortened titles (splitting into messages: shared/split-markdown.ts).
 */
import type { Rate } from '../domain/metrics.js';

/** '95.2%', or '—' when nothing is due yet. */
export const pct = (r: Rate | number | null): string => {
  const v = typeof r === 'object' && r !== null ? r.rate : r;
  return v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
};

/** Change in percentage points: '+2.1', '-0.5', '0.0'; undefined when either side is unknown. */
export const pointsChange = (now: number | null, before: number | null | undefined): string | undefined => {
  if (now === null || before === null || before === undefined) return undefined;
  const d = Math.round((now - before) * 1000) / 10;
  return `${d > 0 ? '+' : ''}${d.toFixed(1)}`;
};

/** A title cut to `max` characters with an ellipsis, so one line stays one line. */
export const shortTitle = (title: string, max = 24): string => {
  const chars = [...title];
  return chars.length <= max ? title : `${chars.slice(0, max - 1).join('')}…`;
};
