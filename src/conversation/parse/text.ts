/**
 * Reading parts of a command from normalised text (see source.ts for the normalising):
 * numbers as people write them, lists, labelled values.
 */
import { readKind, type CaseKind } from '../../domain/kind.js';

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百零二 → 102, 十二 → 12, 一二三 → 123 (voice transcripts write numbers either way). */
export function chineseNumber(s: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千]+$/u.test(s)) return undefined;
  if (!/[十百千]/u.test(s)) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  let total = 0;
  let digit = 0;
  for (const c of s) {
    const unit = CN_UNITS[c];
    if (unit === undefined) digit = CN_DIGITS[c] ?? 0;
    else {
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

/** Kind words a number may carry (建议0012, 第12号提案); longest first so 人大代表建议 is read whole. */
const KIND_IN_REF = '人大代表建议|政协提案|代表建议|人大建议|委员提案|提案|建议';
const NUMBER_REF = new RegExp(
  `^(?:(${KIND_IN_REF})\\s*)?(第\\s*)?(?:(${KIND_IN_REF})\\s*)?(?:#|No\\.?\\s*)?(\\d+|[零〇一二两三四五六七八九十百千]+)\\s*(号)?(${KIND_IN_REF})?(?=$|[\\s,:])`,
  'iu',
);

/**
 * Reads a proposal reference at the start of `s`: 12, 0012, 第12号, 12号, #12, 提案12, 第十二号,
 * and with its kind: 建议0012, 建议 12, 第12号建议, 人大建议12 (`kind` is then set).
 * Chinese numerals count only with 第 or 号 around them, so a keyword like 三农 stays a keyword.
 */
export function readNumberRef(s: string): { number: string; rest: string; kind?: CaseKind } | undefined {
  const m = NUMBER_REF.exec(s);
  if (!m) return undefined;
  const [whole, before, di, after, num, hao, behind] = m;
  const digits = /^\d+$/.test(num!) ? num! : di || hao ? String(chineseNumber(num!)) : undefined;
  if (digits === undefined || digits === 'undefined') return undefined;
  const words = [before, after, behind].filter((w): w is string => w !== undefined).map(readKind);
  // 提案12号建议 names two kinds: not a reference this reads.
  if (new Set(words).size > 1) return undefined;
  const kind = words[0];
  return { number: digits, rest: s.slice(whole.length).replace(/^[\s,:]+/, ''), ...(kind && { kind }) };
}

/** A kind word among the words of `s` (统计 建议, 报告 2026 提案): the kind, and the other words. */
export function takeKind(s: string): { kind?: CaseKind; rest: string } {
  const words = s.split(/\s+/u).filter(Boolean);
  const at = words.findIndex((w) => readKind(w) !== undefined);
  if (at < 0) return { rest: s };
  return { kind: readKind(words[at]!), rest: words.filter((_, i) => i !== at).join(' ') };
}

/** Splits `s` at its first space: first token and the rest. */
export function firstToken(s: string): [string, string] {
  const i = s.indexOf(' ');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1).trim()];
}

/** Splits a list written with commas, 、, semicolons or spaces. */
export const splitList = (s: string): string[] =>
  s
    .split(/[\s,、;；]+/u)
    .map((x) => x.trim())
    .filter(Boolean);

/** `key:value` at the start of `s` (主办:开发处), value up to the next space. */
export function takeLabelled(s: string, labels: readonly string[]): { value: string; rest: string } | undefined {
  for (const label of labels) {
    const m = new RegExp(`(?:^|\\s)${label}\\s*:?\\s*([^\\s]+)`, 'u').exec(s);
    if (m) return { value: m[1]!, rest: (s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim() };
  }
  return undefined;
}
