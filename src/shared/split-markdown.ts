/**
 * The one markdown splitter: WeCom caps a markdown message at 4096 bytes of UTF-8 (the group
 * robot's documented limit; the app's is not documented, and the same cap is used for it). Pieces
 * are cut between lines; a single line longer than the cap is cut inside, never inside a
 * character. Summaries repeat a short heading ('（续）') on every following piece.
 */
export const MARKDOWN_MAX_BYTES = 4096;

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export interface SplitOptions {
  maxBytes?: number;
  /** A line put first on piece n (n ≥ 2), e.g. the title with '（续）'; '' for none. */
  continued?: (n: number) => string;
}

function cutLine(line: string, maxBytes: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (utf8Bytes(cur) + utf8Bytes(ch) > maxBytes) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Splits markdown (text, or its lines) into pieces of at most `maxBytes` each. */
export function splitMarkdown(markdown: string | readonly string[], o: SplitOptions = {}): string[] {
  const maxBytes = o.maxBytes ?? MARKDOWN_MAX_BYTES;
  const lines = typeof markdown === 'string' ? markdown.split('\n') : markdown;
  const pieces: string[] = [];
  let cur: string[] = [];
  let size = 0;
  const push = () => {
    pieces.push(cur.join('\n'));
    const head = o.continued?.(pieces.length + 1) ?? '';
    cur = head ? [head] : [];
    size = head ? utf8Bytes(head) : 0;
  };
  for (const line of lines) {
    for (const part of utf8Bytes(line) > maxBytes ? cutLine(line, maxBytes) : [line]) {
      const add = utf8Bytes(part) + (cur.length > 0 ? 1 : 0);
      if (cur.length > 0 && size + add > maxBytes) push();
      size += utf8Bytes(part) + (cur.length > 0 ? 1 : 0);
      cur.push(part);
    }
  }
  if (cur.length > 0) pieces.push(cur.join('\n'));
  return pieces;
}
