/**
 * Small formatting helpers shared by the digests and summaries: percentages, changes in
 * percentage points, shortened titles, and fitting markdown into WeCom's message size.
 */
import type { Rate } from './metrics.js';

/** WeCom markdown messages are limited to 4096 bytes of UTF-8 (group robot; the app is stricter in practice). */
export const MARKDOWN_MAX_BYTES = 4000;

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

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

/**
 * Splits markdown lines into messages of at most `maxBytes`, cutting only between lines and
 * repeating `header` (e.g. '（续）' title) on every following part.
 */
export function splitIntoParts(lines: string[], maxBytes = MARKDOWN_MAX_BYTES, continued: (n: number) => string = () => ''): string[] {
  const parts: string[] = [];
  let cur: string[] = [];
  let size = 0;
  for (const line of lines) {
    const add = utf8Bytes(line) + 1;
    if (cur.length > 0 && size + add > maxBytes) {
      parts.push(cur.join('\n'));
      const head = continued(parts.length + 1);
      cur = head ? [head] : [];
      size = head ? utf8Bytes(head) + 1 : 0;
    }
    cur.push(line);
    size += add;
  }
  if (cur.length > 0) parts.push(cur.join('\n'));
  return parts;
}
