/**
 * The permission matrix through chat: every role tries every command on a proposal at a stage
 * where the command is possible. Those the role matrix allows succeed; everyone else is refused
 * (by role, by scope, or — for members — by not seeing the proposal at all) and nothing changes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { createHarness, type Harness, type Who } from './chat.harness.js';

useTestDb();
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const ROWS: [input: string, steps: number, allowed: Who[]][] = [
  ['交办 {n} 开发处', 0, ['coordinator']],
  ['改派 {n} 主办:帮扶处 理由:职责调整', 1, ['coordinator']],
  ['接收 {n}', 1, ['coordinator', 'head']],
  ['退回 {n} 职责不符', 1, ['head']],
  ['指定 {n} 钱专员', 2, ['coordinator', 'head']],
  ['推进 {n}', 3, ['coordinator', 'head', 'handler']],
  ['沟通 {n} 办前 电话 听取意见', 3, ['coordinator', 'head', 'handler']],
  ['答复 {n} C 暂不具备条件', 6, ['head', 'handler']],
  ['签发 {n}', 8, ['leader']],
  ['发文 {n} 乡振函〔2026〕9号', 9, ['coordinator', 'head', 'handler']],
  ['督办 {n} 正在起草', 10, ['coordinator', 'head', 'handler']],
  ['反馈 {n} 满意', 10, ['member']],
  ['延期 {n} 30 需调研', 3, ['head', 'handler']],
  ['批准延期 {n}', -1, ['coordinator', 'leader']],
  ['阅批 {n} 抓紧', 3, ['leader']],
  ['催办 {n}', 3, ['coordinator', 'leader']],
  ['归档 {n}', 13, ['coordinator']],
  ['确认 {n}', 5, ['member']],
];

const REFUSED = /^(您没有这项操作的权限|这件提案不在您的办理范围内|第\d+号提案：|您所在处室是这件提案的协办处室|您的提案中没有|“.+”由.+使用，委员无需操作)/;
const WHO = Object.keys(people) as Who[];

async function atStage(n: number, steps: number) {
  if (steps >= 0) return h.proposal(n, steps);
  // A pending extension: researching with a handler, then the handler asks.
  const p = await h.proposal(n, 3);
  return h.perform(p, 'handler', { type: 'requestExtension', days: 30, reason: '需调研' });
}

describe.each(ROWS.map((r, i) => [r[0].replace(' {n}', ''), i, ...r] as const))('%s', (_name, row, input, steps, allowed) => {
  const base = 600 + row * 10;
  it.each(WHO.map((who, i) => [who, i] as const))('%s', async (who, i) => {
    const n = allowed.includes(who) ? base + 1 + i : base;
    const p = (await h.core.proposals.findByNumber(String(n).padStart(4, '0')))[0] ?? (await atStage(n, steps));
    const reply = await h.say(who, input.replace('{n}', String(n)));
    const after = await h.core.proposals.findById(p.id);
    if (allowed.includes(who)) {
      expect(reply).not.toMatch(REFUSED);
      expect(after!.version).toBe(p.version + 1);
    } else {
      expect(reply).toMatch(REFUSED);
      expect(after!.version).toBe(p.version);
    }
  });
});
