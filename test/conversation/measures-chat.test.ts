/**
 * Measures with numbers in chat: a draft reply names targets (目标20个), 督办 records values in
 * forgiving forms (完成15个, 9601万元 against 亿元, 60% of the target) and every bad input is
 * explained in Chinese; pages of the reply letter and cards show progress against target.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../support/test-db.js';
import { createHarness, L, type Harness } from './chat.harness.js';

useTestDb();

let h: Harness;
const USAGE = '\n正确写法：督办 <提案号> [第<n>项] <落实情况> [完成<数量>] [目标<数量>] [办结]\n例如：督办 12 第1项 已建成15个 完成15个';

/** Proposal n with a reply committing to two measures with targets and one without, sent. */
async function supervised(n: number): Promise<void> {
  const p = await h.proposal(n, 6);
  expect(await h.say('handler', `答复 ${n} B 已列入计划 措施：1.建设互助幸福院 目标20个 2.安排衔接资金（目标：96.01亿元） 3.出台管理办法`)).toBe(
    `${L(n)}：答复稿已保存（B类（正在解决或列入计划），落实措施 3 项）。会审完成后发送“推进”送局领导签发。`,
  );
  let q = await h.perform(p, 'handler', { type: 'advance' });
  q = await h.perform(q, 'leader', { type: 'signOff', approve: true });
  await h.perform(q, 'handler', { type: 'sendReply', docNo: `乡振函〔2026〕${n}号` });
}

beforeAll(async () => {
  h = await createHarness();
});

describe('measures with targets', () => {
  it('keeps the targets of a draft apart from the measures’ words', async () => {
    await supervised(501);
    const stored = await h.stored(501);
    expect(stored.measures.map((m) => [m.text, m.target])).toEqual([
      ['建设互助幸福院', { amount: 20, unit: '个' }],
      ['安排衔接资金', { amount: 96.01, unit: '亿元' }],
      ['出台管理办法', undefined],
    ]);
  });

  it('records values in the target’s unit, read forgivingly, and answers with progress against target', async () => {
    await supervised(502);
    expect(await h.say('handler', '督办 502 第1项 已建成15个 完成15个')).toBe(
      `${L(502)}：已登记“建设互助幸福院”的落实情况。\n已完成 15个／目标 20个（75.0%，截至2026年9月28日）`,
    );
    expect(await h.say('handler', '督办 502 第2项 已下达资金 完成9601万元')).toContain('已完成 0.96亿元／目标 96.01亿元（1.0%，截至2026年9月28日）');
    expect(await h.say('handler', '督办 502 第1项 完成 110%')).toContain('已完成 22个／目标 20个（110.0%');
    // A number met in passing in another unit is part of the note, not progress.
    expect(await h.say('handler', '督办 502 第1项 已召开3次现场推进会')).toContain('已完成 22个／目标 20个');
    const m = (await h.stored(502)).measures[0]!;
    expect(m.progress.map((x) => x.value)).toEqual([15, 22, undefined]);
    expect(m.progress.map((x) => x.note)).toEqual(['已建成15个 完成15个', '完成 110%', '已召开3次现场推进会']);
  });

  it('sets or corrects a target through 督办, carrying values already recorded into the new unit', async () => {
    await supervised(503);
    expect(await h.say('handler', '督办 503 第3项 办法已起草 目标1件')).toContain('目标 1件，尚未填报完成数');
    await h.say('handler', '督办 503 第2项 完成50亿元');
    expect(await h.say('handler', '督办 503 第2项 调整目标 目标9601000万元')).toContain('已完成 500000万元／目标 9601000万元（5.2%');
  });

  it('explains every bad input in Chinese', async () => {
    await supervised(504);
    expect(await h.say('handler', '督办 504 第1项 完成15万元')).toBe(
      '措施“建设互助幸福院”的目标单位是“个”，您写的是“万元”，无法换算：请用“个”填写完成数，例如“完成15个”。',
    );
    expect(await h.say('handler', '督办 504 第3项 完成5个')).toBe(
      '措施“出台管理办法”还没有设定目标，无法登记完成数：请先设定目标，例如“督办 12 第1项 目标20个”，或只写落实情况。',
    );
    expect(await h.say('handler', '督办 504 第1项 目标30')).toBe(`目标“30”没有写单位：请在数字后写上单位，例如“目标30个”或“目标30亿元”。${USAGE}`);
    await h.say('handler', '督办 504 第2项 完成10亿元');
    expect(await h.say('handler', '督办 504 第2项 改为按人统计 目标5万人')).toBe(
      '措施“安排衔接资金”已按“亿元”登记过完成数，目标不能改为“万人”：请仍用“亿元”，或可与之换算的单位（只差“万”“亿”等）。',
    );
    expect((await h.stored(504)).measures[1]!.target).toEqual({ amount: 96.01, unit: '亿元' });
  });

  it('refuses a target without a unit in a draft, naming the measure', async () => {
    await h.proposal(505, 6);
    expect(await h.say('handler', '答复 505 B 已列入计划 措施：1.建设互助幸福院 目标20')).toBe(
      '第1项措施“建设互助幸福院 目标20”的目标没有写单位：请在数字后写上单位，例如“目标20个”“目标96.01亿元”“目标100%”。',
    );
  });
});
