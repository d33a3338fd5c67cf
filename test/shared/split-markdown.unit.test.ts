import { describe, expect, it } from 'vitest';
import { splitMarkdown, utf8Bytes } from '../../src/shared/split-markdown.js';

describe('one markdown splitter', () => {
  it('repeats the heading on every following piece and keeps each piece within the cap', () => {
    const lines = ['**周督导**', ...Array.from({ length: 60 }, (_, i) => `> 第${String(i).padStart(4, '0')}号《关于推进乡村振兴的提案》：逾期 3 个工作日`)];
    const pieces = splitMarkdown(lines, { maxBytes: 1000, continued: (n) => `**周督导（续${n}）**` });
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) expect(utf8Bytes(p)).toBeLessThanOrEqual(1000);
    pieces.slice(1).forEach((p, i) => expect(p.split('\n')[0]).toBe(`**周督导（续${i + 2}）**`));
    // Nothing lost, nothing repeated but the headings.
    expect(pieces.flatMap((p, i) => p.split('\n').slice(i === 0 ? 0 : 1))).toEqual(lines);
  });
});
