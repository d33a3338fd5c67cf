import { describe, expect, it } from 'vitest';
import { splitMarkdown } from '../../src/shared/split-markdown.js';
import { createThrottle } from '../../src/channels/wecom-api/throttle.js';

describe('markdown splitting for the group robot', () => {
  it('leaves a short message whole', () => {
    expect(splitMarkdown('**本周**\n- 1 件')).toEqual(['**本周**\n- 1 件']);
  });

  it('splits at line breaks under the byte limit, never inside a character', () => {
    const text = Array.from({ length: 50 }, (_, i) => `第${i}行：提案办理进展`).join('\n');
    const pieces = splitMarkdown(text, { maxBytes: 200 });
    for (const p of pieces) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(200);
    expect(pieces.join('\n')).toBe(text);
    const oneLongLine = '办'.repeat(100); // 300 bytes
    const cut = splitMarkdown(oneLongLine, { maxBytes: 100 });
    expect(cut.join('')).toBe(oneLongLine);
    for (const p of cut) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(100);
  });
});

describe('send throttle', () => {
  it('allows 20 a minute per bucket and tells how long to wait for the 21st', () => {
    let now = 0;
    const th = createThrottle([{ ms: 60_000, max: 20 }], () => now);
    for (let i = 0; i < 20; i++) {
      expect(th.take('robot')).toBe(0);
      now += 1000;
    }
    expect(th.take('robot')).toBe(40_000);
    expect(th.take('other')).toBe(0);
    now = 60_001;
    expect(th.take('robot')).toBe(0);
  });

  it('applies the hourly limit too', () => {
    let now = 0;
    const th = createThrottle(
      [
        { ms: 60_000, max: 30 },
        { ms: 3_600_000, max: 1000 },
      ],
      () => now,
    );
    let sent = 0;
    for (let minute = 0; minute < 60; minute++) {
      now = minute * 60_000;
      for (let i = 0; i < 30; i++) if (th.take('m') === 0) sent++;
    }
    expect(sent).toBe(1000);
  });
});
