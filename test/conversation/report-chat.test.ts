/** 报告 <年份> in chat: coordinators and leaders get the year's figures in brief and a link to the full draft. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/conversation/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { useTestDb } from '../support/test-db.js';
import { createHarness, textOf, type Harness } from './chat.harness.js';
import { conversationStores } from '../support/conversation-stores.js';

useTestDb();

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  // 0301 replied on time (A, one measure done, member satisfied), 0302 in research, 0303 key and only registered.
  await h.proposal(301, 14);
  await h.proposal(302, 3);
  await h.proposal(303, 0, { isKey: true });
  await h.proposal(304, 0, { receivedAt: new Date('2025-05-01T02:00:00Z') });
});

describe('报告', () => {
  it('gives the coordinator the year’s figures, each with its count, and says where the full draft is', async () => {
    const reply = await h.say('coordinator', '报告 2026');
    expect(reply).toBe(
      [
        '省乡村振兴局2026年度提案办理工作报告（初稿）',
        '共承办提案3件：主办3件、协办0件，重点提案1件；已办复1件',
        '按时办复率 100.0%（1/1）',
        '见面沟通率 50.0%（1/2）',
        '主办件满意率 100.0%（1/1）',
        '办成率 100.0%（1/1）',
        '答复类别：A类1件、B类0件、C类0件',
        '与委员沟通1次，见面1次（100.0%），经委员确认0次',
        '逾期0件（仍未办复0件），延期0件次',
        '完整报告（Word）请在网页控制台“工作报告”页面预览和下载。',
      ].join('\n'),
    );
  });

  it('links to the report page when the console’s address is known, for a leader too', async () => {
    const handler = createConversation({
      core: h.core,
      log: createLogger({ level: 'silent' }),
      ...conversationStores(),
      options: { publicUrl: 'https://tiantong.example.cn/' },
    });
    const year = textOf(await h.send('leader', '工作报告 2025年', {}, handler));
    expect(year).toContain('共承办提案1件');
    expect(year).toContain('预览并下载 Word：https://tiantong.example.cn/reports/work?year=2025');
    const dates = textOf(await h.send('leader', '报告 2026-01-01 至 2026-06-30', {}, handler));
    expect(dates).toContain('省乡村振兴局2026年1月1日至2026年6月30日提案办理工作报告（初稿）');
    expect(dates).toContain('https://tiantong.example.cn/reports/work?from=2026-01-01&to=2026-06-30');
  });

  it('refuses other staff and members, and explains a bad period', async () => {
    expect(await h.say('head', '报告 2026')).toBe('“报告”只向政策法规处提案协调人员、局领导开放。发送“帮助”查看您可以使用的命令。');
    expect(await h.say('member', '报告 2026')).toBe(
      '“报告”由政策法规处提案协调人员、局领导使用，委员无需操作。您可以发送“我的”查看您的提案进展，或发送“帮助”查看可用命令。',
    );
    expect(await h.say('coordinator', '报告 明年')).toBe(
      '看不懂时段“明年”：请写年份（例如 2026），或开始和结束日期（例如 2026-01-01 2026-06-30）。\n正确写法：报告 <年份>\n例如：报告 2026',
    );
    expect(await h.say('coordinator', '报告')).toContain('请写报告的年份，例如 2026');
  });
});
