/**
 * Splits markdown into pieces of at most `maxBytes` UTF-8 bytes (the robot's limit is 4096),
 * at line breaks where possible, inside a line only when a single line is too long,
 * and never inside a character.
 */
export const ROBOT_MARKDOWN_MAX_BYTES = 4096;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function splitLongLine(line: string, maxBytes: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (bytes(cur) + bytes(ch) > maxBytes) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

export function splitMarkdown(text: string, maxBytes = ROBOT_MARKDOWN_MAX_BYTES): string[] {
  if (bytes(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    for (const part of bytes(line) > maxBytes ? splitLongLine(line, maxBytes) : [line]) {
      const joined = cur ? `${cur}\n${part}` : part;
      if (bytes(joined) <= maxBytes) {
        cur = joined;
      } else {
        if (cur) pieces.push(cur);
        cur = part;
      }
    }
  }
  if (cur) pieces.push(cur);
  return pieces;
}
