/**
 * Turning 案由 and 内容摘要 into terms for the similarity index. The tokenizer is injected: the
 * character-bigram one here is pure; the word segmenter (jieba) lives outside the domain.
 */

/** Text → terms. Duplicates matter (term frequency). */
export type Tokenizer = (text: string) => string[];

/**
 * The frame every title and summary shares (关于…的提案, 建议…) says nothing about the subject,
 * and neither do punctuation or Latin noise; removing them keeps them out of every term list.
 */
export function subjectText(line: string): string {
  return line
    .trim()
    .replace(/^关于/u, '')
    .replace(/的(?:提案|建议|议案)$/u, '')
    .replace(/^建议/u, '');
}

/** Runs of Han characters (and digits/letters) between punctuation, line by line: bigrams never cross them. */
export function textRuns(text: string): string[] {
  return text
    .normalize('NFKC')
    .split('\n')
    .flatMap((line) => subjectText(line).split(/[^\p{Script=Han}\p{L}\p{N}]+/u))
    .filter(Boolean);
}

/** Overlapping character pairs within each run; a one-character run stays as it is. */
export const bigramTokenizer: Tokenizer = (text) => {
  const out: string[] = [];
  for (const run of textRuns(text)) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
};

/** Function words and the genre's own words: frequent everywhere, so only noise in a match. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  '的',
  '和',
  '与',
  '及',
  '等',
  '对',
  '在',
  '为',
  '了',
  '是',
  '把',
  '将',
  '提案',
  '建议',
  '议案',
  '关于',
  '我省',
  '全省',
]);
