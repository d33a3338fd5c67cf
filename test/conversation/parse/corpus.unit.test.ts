/**
 * What people actually type → what the bot must understand, without a database. Each phrasing
 * is tried as typed, in traditional characters (converted with OpenCC, as a Taiwan or Hong Kong
 * keyboard would write it) and with full-width digits, with the proposal number in every place
 * people put it. Expected forms:
 *   `催办 102 …`  the command in the grammar (acts at once)
 *   `≈催办 102 …` the command read from plain words (a change waits for 确认; a read acts at once)
 *   `? 推进 139`  the suggestion 您是不是要…… (one tap runs it)
 *   `★ satisfied` a member's rating in their own words;  `~ thanks` small talk;  `∅` not understood
 */
import * as OpenCC from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { commandWord } from '../../../src/conversation/conversation.texts.js';
import { understand, type Intent } from '../../../src/conversation/parse/intent.js';
import { normalizeSource } from '../../../src/conversation/parse/source.js';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const fullWidthDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

function render(i: Intent): string {
  switch (i.kind) {
    case 'command':
      return `${i.exact ? '' : '≈'}${commandWord(i.command)}${i.rest ? ` ${i.rest}` : ''}`;
    case 'suggest':
      return `? ${i.text}`;
    case 'rating':
      return `★ ${i.rating}`;
    case 'smallTalk':
      return `~ ${i.topic}`;
    case 'unknown':
      return '∅';
  }
}

const read = (raw: string, rating = false) => render(understand(normalizeSource(raw).text, { rating }));

/** Phrasings with a proposal number `N`, and what each must become (`N` replaced the same way). */
const WITH_NUMBER: [string, string][] = [
  // 查: progress in plain words.
  ['N的进度', '≈查 N'],
  ['N进展怎么样了', '≈查 N'],
  ['N到哪了', '≈查 N'],
  ['N什么情况', '≈查 N'],
  ['看看N', '≈查 N'],
  ['查查N', '≈查 N'],
  ['查一下N', '≈查 N'],
  ['帮我查一下N', '≈查 N'],
  ['N现在怎么样了？', '≈查 N'],
  ['第N号提案的进展', '≈查 N'],
  // 催办.
  ['N 催一下', '≈催办 N'],
  ['帮我催一下N', '≈催办 N'],
  ['催一下N', '≈催办 N'],
  ['N催催', '≈催办 N'],
  ['督促一下N', '≈催办 N'],
  ['N 提醒一下', '≈催办 N'],
  ['催一下N 请尽快与委员沟通', '≈催办 N 请尽快与委员沟通'],
  ['N 催一下 🙏', '≈催办 N'],
  // 发文: the reply is out.
  ['已答复 N', '≈发文 N'],
  ['N 已答复', '≈发文 N'],
  ['N答复了', '≈发文 N'],
  ['N已经答复了', '≈发文 N'],
  ['N已发文', '≈发文 N'],
  // 归档: the case is closed.
  ['办结 N', '≈归档 N'],
  ['N办结', '≈归档 N'],
  ['N结案', '≈归档 N'],
  ['N已办完', '≈归档 N'],
  // 接收, 推进, 签发, 延期, 交办.
  ['N接了', '≈接收 N'],
  ['接收一下N', '≈接收 N'],
  ['N下一步', '≈推进 N'],
  ['N往下走', '≈推进 N'],
  ['N同意签发', '≈签发 N'],
  ['N签了', '≈签发 N'],
  ['N申请延期30天 需要调研', '≈延期 N 30天 需要调研'],
  ['把N交给开发处', '≈交办 N 开发处'],
  // 沟通: how it happened in everyday words; the summary is what they said.
  ['N 打电话沟通了', '≈沟通 N 电话 打电话沟通了'],
  ['打电话沟通了 N', '≈沟通 N 电话 打电话沟通了'],
  ['N 通了电话，委员同意', '≈沟通 N 电话 通了电话,委员同意'],
  ['N 上门走访了委员', '≈沟通 N 上门走访 上门走访了委员'],
  ['N 视频沟通', '≈沟通 N 网络 视频沟通'],
  ['N 微信联系了委员', '≈沟通 N 微信 微信联系了委员'],
  ['N 和委员见面谈了', '≈沟通 N 当面 和委员见面谈了'],
  ['N 办前电话沟通', '≈沟通 N 办前 电话 办前电话沟通'],
  ['N 开了座谈会听取意见', '≈沟通 N 座谈 开了座谈会听取意见'],
  ['去委员家里 N 听取意见', '≈沟通 N 上门走访 去委员家里 听取意见'],
  // The grammar, as documented.
  ['催办 N 请尽快与委员沟通', '催办 N 请尽快与委员沟通'],
  ['推进 N', '推进 N'],
  ['沟通 N 办前 电话 与委员电话沟通了', '沟通 N 办前 电话 与委员电话沟通了'],
  ['查 N', '查 N'],
  ['查询 N', '查 N'],
  ['查看 第N号', '查 第N号'],
  ['交办 N 主办:开发处', '交办 N 主办:开发处'],
  ['延期 N 30 需跨部门调研', '延期 N 30 需跨部门调研'],
  ['反馈 N 满意', '反馈 N 满意'],
  ['签发 N', '签发 N'],
  ['归档 N', '归档 N'],
  // Near misses: same sound (交半 → 交办) or one character off a longer word.
  ['推近 N', '? 推进 N'],
  ['推尽 N', '? 推进 N'],
  ['沟同 N 与委员电话沟通', '? 沟通 N 与委员电话沟通'],
  ['交半 N 主办:开发处', '? 交办 N 主办:开发处'],
  ['交伴 N 主办:开发处', '? 交办 N 主办:开发处'],
  ['接受 N', '? 接收 N'],
  ['归挡 N', '? 归档 N'],
  ['签法 N', '? 签发 N'],
  ['督半 N 办法已印发', '? 督办 N 办法已印发'],
  ['催半 N', '? 催办 N'],
  ['答付 N B 采纳', '? 答复 N B 采纳'],
  ['阅皮 N 请抓紧', '? 阅批 N 请抓紧'],
  ['批准廷期 N', '? 批准延期 N'],
  ['驳回延其 N 请按期办理', '? 驳回延期 N 请按期办理'],
  ['指订 N 钱专员', '? 指定 N 钱专员'],
  ['推近N', '? 推进 N'],
];

/** Phrasings without a number. */
const WITHOUT_NUMBER: [string, string][] = [
  ['看看我的待办', '≈我的'],
  ['我的待办', '我的'],
  ['我有哪些待办', '≈我的'],
  ['我手上还有什么要办的', '≈我的'],
  ['待办', '我的'],
  ['我的任务', '≈我的'],
  ['有哪些逾期的', '≈逾期'],
  ['逾期的有哪些', '≈逾期'],
  ['看看超期的', '≈逾期'],
  ['哪些过期了', '≈逾期'],
  ['这周统计一下', '≈统计 本周'],
  ['本月统计', '≈统计 本月'],
  ['统计一下', '≈统计'],
  ['看看报表', '≈统计'],
  ['这个月的数据', '≈统计 本月'],
  ['三个百分之百完成得怎么样', '≈统计'],
  ['统计 本周', '统计 本周'],
  ['怎么用', '≈帮助'],
  ['不会用', '≈帮助'],
  ['有哪些命令', '≈帮助'],
  ['帮助', '帮助'],
  ['谢谢', '~ thanks'],
  ['谢谢您', '~ thanks'],
  ['多谢', '~ thanks'],
  ['感谢', '~ thanks'],
  ['辛苦了', '~ thanks'],
  ['谢谢！', '~ thanks'],
  ['好的谢谢', '~ thanks'],
  ['好的', '~ ok'],
  ['好的，收到', '~ ok'],
  ['收到', '~ ok'],
  ['收到！', '~ ok'],
  ['知道了', '~ ok'],
  ['明白', '~ ok'],
  ['嗯嗯', '~ ok'],
  ['OK', '~ ok'],
  ['👍', '~ ok'],
  ['👌', '~ ok'],
  ['👍👍', '~ ok'],
  ['🙏', '~ thanks'],
  ['你好', '~ hello'],
  ['您好', '~ hello'],
  ['在吗', '~ hello'],
  ['hello', '~ hello'],
  ['今天天气不错', '∅'],
  ['asdf', '∅'],
  ['。。。', '∅'],
  ['挺满意的，谢谢', '∅'],
];

/** Members' words about a reply waiting for their rating. */
const RATINGS: [string, string][] = [
  ['挺满意的，谢谢', '★ satisfied'],
  ['很满意', '★ satisfied'],
  ['非常满意！', '★ satisfied'],
  ['很好，谢谢', '★ satisfied'],
  ['办得不错', '★ satisfied'],
  ['不太满意，措施没落实', '★ dissatisfied'],
  ['不满意', '★ dissatisfied'],
  ['措施没有落实', '★ dissatisfied'],
  ['基本满意吧', '★ basic'],
  ['还可以', '★ basic'],
  ['还行吧，希望继续推进', '★ basic'],
  ['谢谢', '~ thanks'],
];

/** Bare numbers, with nothing asked: the proposal of that number. */
const BARE: [string, string][] = [
  ['139', '≈查 139'],
  ['第139号', '≈查 139'],
  ['#139', '≈查 139'],
  ['第一百三十九号', '≈查 139'],
  ['１３９', '≈查 139'],
];

const NUMBERS = ['139', '0102'];

function cases(): [string, string][] {
  const out: [string, string][] = [];
  for (const [phrase, want] of WITH_NUMBER) {
    for (const n of NUMBERS) {
      const raw = phrase.replaceAll('N', n);
      const expected = want.replaceAll('N', n);
      out.push([raw, expected], [toTraditional(raw), expected]);
    }
    out.push([fullWidthDigits(phrase.replaceAll('N', '167')), want.replaceAll('N', '167')]);
  }
  for (const [phrase, want] of WITHOUT_NUMBER) out.push([phrase, want], [toTraditional(phrase), want]);
  out.push(...BARE);
  // Variant forms some input methods produce (査 is the Japanese 查).
  out.push(['査 139', '查 139'], ['査查139', '≈查 139'], ['処理 139', '∅']);
  return [...new Map(out.map((c) => [c[0], c])).values()];
}

const CORPUS = cases();

describe(`a corpus of ${CORPUS.length + RATINGS.length} phrasings`, () => {
  it('is large enough to mean something', () => {
    expect(CORPUS.length + RATINGS.length).toBeGreaterThanOrEqual(300);
  });

  it.each(CORPUS)('%s → %s', (raw, want) => {
    expect(read(raw)).toBe(want);
  });

  it.each(RATINGS)('a member awaiting a rating: %s → %s', (raw, want) => {
    expect(read(raw, true)).toBe(want);
    expect(read(toTraditional(raw), true)).toBe(want);
  });
});
