/** Normalising what people type for parsing, and giving free text back exactly as typed. */
import { describe, expect, it } from 'vitest';
import { normalizeSource, original } from '../../../src/conversation/parse/source.js';

describe('normalised for parsing', () => {
  it.each([
    ['溝通 139 辦前 電話 與委員電話溝通了', '沟通 139 办前 电话 与委员电话沟通了'],
    ['催辦 102 請儘快與委員溝通', '催办 102 请尽快与委员沟通'],
    ['查 第０１０２號', '查 第0102号'],
    ['査 139', '查 139'],
    ['処理 12', '处理 12'],
    ['查詢　１０２。', '查询 102'],
    ['@提案通  推进   12！', '推进 12'],
    ['答复 12 B 采纳建议，列入明年计划 措施：1．出台办法', '答复 12 B 采纳建议,列入明年计划 措施:1.出台办法'],
    ['👍', '👍'],
    ['', ''],
  ])('%s → %s', (raw, text) => {
    expect(normalizeSource(raw).text).toBe(text);
  });
});

describe('kept as typed', () => {
  it('gives back a run of words from the raw text, full-width punctuation and traditional characters included', () => {
    const s = normalizeSource('退回　１２　不屬於本處職責，請改派。');
    expect(original(s, '不属于本处职责,请改派')).toBe('不屬於本處職責，請改派。');
  });

  it('gives back words a parser took apart as separate runs', () => {
    const s = normalizeSource('溝通 139 與委員 電話 溝通了');
    expect(original(s, '与委员 沟通了')).toBe('與委員 溝通了');
    expect(original(s, '139')).toBe('139');
  });

  it('keeps a word it cannot find as the parser wrote it', () => {
    const s = normalizeSource('交办 12 开发处,帮扶处');
    expect(original(s, '开发处、帮扶处')).toBe('开发处、帮扶处');
  });

  it('skips @mentions and keeps characters outside the basic plane whole', () => {
    const s = normalizeSource('@提案通 反馈 12 满意 👍辛苦了');
    expect(s.text).toBe('反馈 12 满意 👍辛苦了');
    expect(original(s, '👍辛苦了')).toBe('👍辛苦了');
  });
});
