/**
 * 工作报告 in the web console: coordinators and leaders preview the draft for a period and download
 * it as Word or Markdown; nobody else sees it; a bad period is explained.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../support/test-db.js';
import { actorOf, seedLedger, startWeb, type WebHarness } from './web-harness.js';
import { newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { docxText, readZipEntry } from './unzip.js';

useTestDb();

let web: WebHarness;
let p1: string;

beforeAll(async () => {
  web = await startWeb();
  p1 = (await seedLedger(web.core)).p1.id;
});
afterAll(async () => web?.close());

const get = (path: string, userid: string) => fetch(`${web.url}${path}`, { redirect: 'manual', headers: { cookie: web.cookieFor(userid).cookie } });

describe('work report page', () => {
  it('shows the coordinator the draft for a year, with both downloads', async () => {
    const res = await get('/reports/work?year=2026', 'zf-staff');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('省乡村振兴局2026年度提案办理工作报告');
    expect(page).toContain('我局共承办提案3件，其中主办2件、协办1件；重点提案1件');
    expect(page).toContain('<th>按时办复率</th>');
    expect(page).toContain('href="/reports/work.docx?year=2026"');
    expect(page).toContain('href="/reports/work.md?year=2026"');
  });

  it('downloads a Word file with the same figures, and Markdown', async () => {
    const res = await get('/reports/work.docx?year=2026', 'leader1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.docx');
    const text = docxText(readZipEntry(Buffer.from(await res.arrayBuffer()), 'word/document.xml').toString('utf8'));
    expect(text).toContain('一、基本情况');
    expect(text).toContain('我局共承办提案3件，其中主办2件、协办1件；重点提案1件');
    const md = await get('/reports/work.md?from=2026-01-01&to=2026-12-31', 'leader1');
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(await md.text()).toContain('2026年度（2026年1月1日至2026年12月31日收文），我局共承办提案3件');
  });

  it('counts only the cases received in the period', async () => {
    const page = await (await get('/reports/work?from=2026-01-01&to=2026-09-20', 'zf-staff')).text();
    expect(page).toContain('我局共承办提案0件');
  });

  it('is for coordinators and leaders only', async () => {
    for (const userid of ['kf-head', 'kf-staff', 'wy-chen']) {
      const page = await get('/reports/work?year=2026', userid);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('工作报告只有政策法规处提案协调人员和局领导可以起草');
      expect((await get('/reports/work.docx?year=2026', userid)).status).toBe(403);
    }
    const board = await (await get('/board', 'kf-head')).text();
    expect(board).not.toContain('/reports/work');
    expect(await (await get('/board', 'zf-staff')).text()).toContain('href="/reports/work"');
  });

  it('explains a bad period', async () => {
    const bad = await get('/reports/work?year=26', 'zf-staff');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('年份请写四位数字，例如 2026');
    const half = await get('/reports/work?from=2026-01-01', 'zf-staff');
    expect(await half.text()).toContain('开始日期和结束日期要一起填');
    const form = await (await get('/reports/work', 'zf-staff')).text();
    expect(form).toContain('name="year"');
    expect(form).not.toContain('下载 Word');
  });
});

describe('measures with numbers on the proposal page and the reply letter', () => {
  it('shows each measure’s target and the latest value against it', async () => {
    const handler = actorOf(people.handler);
    const run = (cmd: Parameters<typeof web.core.ledger.perform>[1], who = handler) => web.core.ledger.perform({ id: p1 }, cmd, who, 'web');
    await run({ type: 'advance' });
    await run({ type: 'logContact', phase: 'before', method: 'visit', summary: '上门听取意见' });
    await run({ type: 'advance' });
    await run({ type: 'draftReply', summary: '已列入计划。', outcome: 'B', measures: ['建设庭院经济示范户 目标200户', '安排扶持资金'] });
    const letter = docxText(
      readZipEntry(Buffer.from(await (await get(`/proposals/${p1}/letter.docx`, 'zf-staff')).arrayBuffer()), 'word/document.xml').toString('utf8'),
    );
    expect(letter).toContain('1. 建设庭院经济示范户（目标 200户）');
    expect(letter).toContain('2. 安排扶持资金');
    await run({ type: 'advance' });
    await run({ type: 'signOff', approve: true }, actorOf(people.leader));
    const sent = await run({ type: 'sendReply', docNo: '乡振函〔2026〕30号' });
    await run({ type: 'superviseMeasure', measureId: sent.measures[0]!.id, note: '已建成', done: false, value: { amount: 1.5, unit: '百户' } });
    const page = await (await get(`/proposals/${p1}`, 'zf-staff')).text();
    expect(page).toContain('已完成 150户／目标 200户（75.0%，截至2026年10月9日）');
    expect(page).toContain('已建成 <span class="tag">150户</span>');
  });
});

// Last: it adds a 建议 to the ledger the other tests count.
describe('work report per kind', () => {
  it('drafts it for one kind when asked: the 建议 of the year, in a deputy’s words, and the 提案 alone', async () => {
    const coordinator = actorOf(people.coordinator);
    await web.core.ledger.registerMany(
      [newProposalInput({ kind: 'suggestion', number: '0001', title: '关于加强农村供水保障的建议', receivedAt: new Date('2026-05-10T02:00:00Z') })],
      coordinator,
      'web',
    );
    const suggestions = await (await get('/reports/work?year=2026&kind=suggestion', 'zf-staff')).text();
    expect(suggestions).toContain('省乡村振兴局2026年度建议办理工作报告');
    expect(suggestions).toContain('我局共承办建议1件，其中主办1件、协办0件；重点建议0件');
    expect(suggestions).toContain('四、与代表沟通情况');
    // Its lists are captioned as 建议.
    expect(suggestions).toContain('本期无重点建议。');
    expect(suggestions).toContain('href="/reports/work.docx?year=2026&amp;kind=suggestion"');
    const file = await get('/reports/work.md?year=2026&kind=suggestion', 'zf-staff');
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain('建议办理工作报告-2026.md');
    const proposals = await (await get('/reports/work?year=2026&kind=proposal', 'zf-staff')).text();
    expect(proposals).toContain('我局共承办提案3件，其中主办2件、协办1件；重点提案1件');
    const both = await (await get('/reports/work?year=2026', 'zf-staff')).text();
    expect(both).toContain('省乡村振兴局2026年度提案和建议办理工作报告');
    expect(both).toContain('我局共承办提案和建议4件');
    expect((await get('/reports/work?year=2026&kind=npc', 'zf-staff')).status).toBe(400);
    // The metrics page counts the kind chosen.
    const metrics = await (await get('/metrics?kind=suggestion', 'zf-staff')).text();
    expect(metrics).toContain('<option value="suggestion" selected>人大代表建议</option>');
  });

  it('names the ledger and its export by the kinds listed, and shows each case’s 类别', async () => {
    const suggestions = await (await get('/ledger?kind=suggestion', 'zf-staff')).text();
    expect(suggestions).toContain('<h1>建议台账</h1>');
    expect(suggestions).toContain('<td data-label="类别">建议</td>');
    expect(suggestions).not.toContain('<td data-label="类别">提案</td>');
    expect(suggestions).toContain('<td data-label="建议号">');
    const both = await (await get('/ledger', 'zf-staff')).text();
    expect(both).toContain('<h1>提案和建议台账</h1>');
    expect(both).toContain('<td data-label="编号">');
    expect(both).toContain('<td data-label="类别">提案</td>');
    const proposals = await (await get('/ledger?kind=proposal', 'zf-staff')).text();
    expect(proposals).toContain('<h1>提案台账</h1>');
    expect(proposals).toContain('<td data-label="提案号">');
    const file = await get('/ledger/export.xlsx?kind=suggestion', 'zf-staff');
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toMatch(/建议台账-\d{4}-\d{2}-\d{2}\.xlsx/);
    expect(readZipEntry(Buffer.from(await file.arrayBuffer()), 'xl/workbook.xml').toString('utf8')).toContain('name="建议台账"');
  });
});
