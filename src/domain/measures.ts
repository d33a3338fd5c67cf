/**
 * 落实措施 with numbers: a measure may commit to a quantity (资金 96.01 亿元, 项目 3296 个) as its
 * target; each 督办 update may record the value reached by its date. Progress is the latest value
 * against the target. Quantities are read forgivingly (96.01亿元, 9601万元, 3,296 个, 110.8%) and
 * every value is kept in the target's own unit. Their words: present/measures.ts.
 */
import type { Measure } from './model.js';

export interface Quantity {
  amount: number;
  unit: string;
}

export interface MeasureProgress {
  target: Quantity;
  /** Latest value recorded, in the target's unit; 0 before any. */
  value: number;
  /** When the latest value was recorded. */
  at?: Date;
  /** value / target (1.108 for 110.8%), null when the target is 0. */
  ratio: number | null;
}

/** Magnitude words that may stand before a unit: 9601万元 is 0.9601亿元. */
const MAGNITUDES: [string, number][] = [
  ['千万', 1e7],
  ['百万', 1e6],
  ['十万', 1e5],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
  ['百', 1e2],
];

/** A unit split into its magnitude and base: 亿元 → 1e8 × 元, 万人 → 1e4 × 人, 个 → 1 × 个. */
function splitUnit(unit: string): { scale: number; base: string } {
  for (const [word, scale] of MAGNITUDES) if (unit.startsWith(word) && unit.length > word.length) return { scale, base: unit.slice(word.length) };
  return { scale: 1, base: unit };
}

/**
 * `q` in `unit`, when their units differ only in magnitude (万元 → 亿元); undefined when they measure
 * different things (人 and 元).
 */
export function convert(q: Quantity, unit: string): number | undefined {
  if (q.unit === unit) return q.amount;
  const from = splitUnit(q.unit);
  const to = splitUnit(unit);
  if (from.base !== to.base) return undefined;
  return (q.amount * from.scale) / to.scale;
}

/**
 * Units the bureau counts in, longest first; a magnitude (万, 亿…) may stand before any. Text after a
 * number that starts with none of them gives its first character as the unit (栋, 艘…), so
 * “15个幸福院” reads 15 个 and not 15 “个幸福院”.
 */
const UNITS = [
  '平方公里',
  '立方米',
  '平方米',
  '千瓦时',
  '人次',
  '户次',
  '公里',
  '千米',
  '公顷',
  '小时',
  '千瓦',
  '兆瓦',
  '个',
  '项',
  '件',
  '人',
  '户',
  '元',
  '亩',
  '米',
  '吨',
  '家',
  '所',
  '村',
  '县',
  '座',
  '处',
  '次',
  '场',
  '期',
  '批',
  '台',
  '辆',
  '头',
  '只',
  '株',
  '棵',
  '名',
  '位',
  '套',
  '间',
  '栋',
  '条',
  '张',
  '份',
  '本',
  '篇',
  '天',
  '月',
  '年',
  '%',
].sort((a, b) => b.length - a.length);
const MAGNITUDE = '(?:千万|百万|十万|亿|万|千|百)?';
const UNIT = String.raw`(${MAGNITUDE}(?:${UNITS.join('|')})|${MAGNITUDE}[^\s\d.,，;；:：、()（）\[\]【】]|${MAGNITUDE.slice(3, -2)})?`;
/** A number with optional thousands separators (3,296) and decimals. */
const NUMBER = String.raw`(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const QUANTITY = new RegExp(`${NUMBER}\\s*${UNIT}`, 'u');

/** The first quantity in `text` (a number, then its unit if one follows), and where it stood. */
export function findQuantity(text: string): { amount: number; unit?: string; index: number; length: number } | undefined {
  const m = QUANTITY.exec(text.replace(/％/gu, '%'));
  if (!m) return undefined;
  return { amount: Number(m[1]!.replace(/[,，]/g, '')), unit: m[2] || undefined, index: m.index, length: m[0].length };
}

/** Words that introduce a measure's target, in a draft reply or a 督办 update. */
export const TARGET_WORD = /(?:目标值|目标数|目标)\s*[:：为是]?\s*(?=\d)/u;

/**
 * Reads a target written in a measure: "建设互助幸福院 目标20个", "安排资金（目标：96.01亿元）".
 * 目标 not followed by a number is plain text (完成年度目标任务). `error` says a number had no unit.
 */
export function splitTarget(raw: string): { text: string; target?: Quantity; error?: 'noUnit' } {
  const m = TARGET_WORD.exec(raw);
  if (!m) return { text: raw.trim() };
  const after = raw.slice(m.index + m[0].length);
  const q = findQuantity(after)!;
  if (!q.unit) return { text: raw.trim(), error: 'noUnit' };
  // What stood around the target stays the measure's text, without the brackets and commas left over.
  const before = raw.slice(0, m.index).replace(/[\s,，;；(（]+$/u, '');
  const rest = after
    .slice(q.index + q.length)
    .replace(/^[\s)）,，;；]+/u, '')
    .replace(/[\s,，;；]+$/u, '');
  const text = [before, rest].filter(Boolean).join(' ');
  return { text, target: { amount: q.amount, unit: q.unit } };
}

/** Where a measure with a target stands; undefined for one without. */
export function measureProgress(m: Pick<Measure, 'target' | 'progress'>): MeasureProgress | undefined {
  if (!m.target) return undefined;
  const last = m.progress.findLast((x) => x.value !== undefined);
  const value = last?.value ?? 0;
  return { target: m.target, value, at: last?.at, ratio: m.target.amount === 0 ? null : value / m.target.amount };
}

/** Measures with a target, counted for a summary: how many reached it, how many are not yet halfway. */
export interface TargetTally {
  total: number;
  reached: number;
  belowHalf: number;
}

export function tallyTargets(ratios: Iterable<number | null>): TargetTally {
  const t: TargetTally = { total: 0, reached: 0, belowHalf: 0 };
  for (const r of ratios) {
    t.total += 1;
    if (r === null || r >= 1) t.reached += 1;
    else if (r < 0.5) t.belowHalf += 1;
  }
  return t;
}
