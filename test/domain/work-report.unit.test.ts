/**
 * The year's work report against a seeded year: the source-shaped ledger (151 cases with figures
 * computed by hand) plus a few cases with contacts of every kind, a confirmed and a disputed
 * visit, an approved extension, and cases received just before and after the year.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/domain/commands.js';
import type { Proposal } from '../../src/domain/model.js';
import { buildWorkReport } from '../../src/domain/report/work-report.js';
import { decide } from '../../src/domain/workflow.js';
import { composeWorkReport } from '../../src/documents/work-report.compose.js';
import { loadWorkReportConfig, parseWorkReportConfig } from '../../src/documents/work-report.config.js';
import { workReportDocx, workReportMarkdown } from '../../src/documents/work-report.render.js';
import { readReportPeriod, yearPeriod } from '../../src/documents/work-report.service.js';
import { actor, ctxAt, divisions, people, policy, registered } from '../fixtures/ledger.fixture.js';
import { EXPECTED, sourceShapedLedger } from '../fixtures/source-ledger.fixture.js';
import { docxText, readZipEntry } from '../web/unzip.js';

const AS_OF = new Date('2026-12-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

function step(p: Proposal, who: keyof typeof people, cmd: Command, now: Date): Proposal {
  return decide(p, cmd, actor(people[who]), ctxAt(now)).next;
}

function seededYear(): Proposal[] {
  const cases = sourceShapedLedger();
  // Case 0 (kfzd, 上门走访 logged): the member confirms it; case 2 (kfzd): the member disputes it.
  cases[0] = step(cases[0]!, 'member', { type: 'confirmContact', contactId: cases[0]!.contacts[0]!.id, agree: true }, at('2026-03-11T02:00:00Z'));
  cases[2] = step(
    cases[2]!,
    'member',
    { type: 'confirmContact', contactId: cases[2]!.contacts[0]!.id, agree: false, note: '没有见面' },
    at('2026-03-11T02:00:00Z'),
  );
  // Case 100 (kfzd, unanswered): a 座谈 during handling, then 30 more days for the reply; case 10 (kfzd, answered): 网上交流 after.
  cases[100] = step(cases[100]!, 'handler', { type: 'logContact', phase: 'during', method: 'meeting', summary: '座谈' }, at('2026-04-10T02:00:00Z'));
  cases[10] = step(cases[10]!, 'handler', { type: 'logContact', phase: 'after', method: 'online', summary: '网上交流' }, at('2026-08-11T02:00:00Z'));
  cases[100] = step(cases[100]!, 'handler', { type: 'requestExtension', days: 30, reason: '需跨部门会商' }, at('2026-05-01T02:00:00Z'));
  cases[100] = step(cases[100]!, 'coordinator', { type: 'decideExtension', approve: true }, at('2026-05-02T02:00:00Z'));
  // Key case 72 (B, its measure still open): a target of 20 个 set by 督办, 15 reached.
  cases[72] = step(
    cases[72]!,
    'coordinator',
    {
      type: 'superviseMeasure',
      measureId: cases[72]!.measures[0]!.id,
      note: '已建成15个',
      done: false,
      target: { amount: 20, unit: '个' },
      value: { amount: 15, unit: '个' },
    },
    at('2026-08-01T02:00:00Z'),
  );
  // Received on the last evening of 2026 (Shanghai) and on the first minute of 2027; one in 2025.
  const lastEvening = registered({ number: '0900', receivedAt: at('2026-12-31T15:59:00Z') });
  const nextYear = registered({ number: '0901', receivedAt: at('2026-12-31T16:00:00Z') });
  const lastYear = registered({ number: '0902', receivedAt: at('2025-06-01T02:00:00Z'), isKey: true });
  return [...cases, lastEvening, nextYear, lastYear];
}

const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;

describe('work report figures', () => {
  const all = seededYear();
  const inYear = all.filter((p) => p.number !== '0901' && p.number !== '0902');
  const report = buildWorkReport(all, { ...yearPeriod(2026), asOf: AS_OF }, policy.metrics);
  const m = report.metrics;

  it('counts the year’s cases only, with 主办/协办 and 重点 as computed by hand', () => {
    expect(m.total).toBe(EXPECTED.total + 1);
    expect(m.lead).toBe(EXPECTED.lead + 1);
    expect(m.co).toBe(EXPECTED.co);
    expect(m.key).toBe(EXPECTED.key);
  });

  it('gives the three 100% rates and 办成率 with their counts', () => {
    expect(m.onTime).toMatchObject(EXPECTED.onTime);
    // Case 100 met the member at a 座谈 besides its phone call; case 2's visit is disputed, so not counted.
    expect(m.faceToFace).toMatchObject({ num: EXPECTED.faceToFace.num + 1 - 1, den: EXPECTED.faceToFace.den });
    expect(m.satisfaction).toMatchObject(EXPECTED.satisfaction);
    expect(m.delivery).toMatchObject(EXPECTED.delivery);
    expect(m.ratings).toEqual({ ...EXPECTED.ratings });
    expect(m.outcomes).toEqual(EXPECTED.outcomes);
  });

  it('counts contacts by method and phase, face to face and confirmed, as logged', () => {
    const contacts = inYear.flatMap((p) => p.contacts);
    expect(report.contacts.total).toBe(151 + 2);
    expect(report.contacts.byMethod).toEqual({ visit: 90, phone: 16, inPerson: 30, wechat: 15, meeting: 1, online: 1, other: 0 });
    expect(report.contacts.byPhase).toEqual({ before: 151, during: 1, after: 1 });
    expect(report.contacts.faceToFace).toBe(count(contacts, (c) => c.faceToFace));
    expect(report.contacts.faceToFace).toBe(90 + 30 + 1);
    expect(report.contacts.confirmed).toBe(1);
    expect(report.contacts.disputed).toBe(1);
  });

  it('lists the key cases with their measures, the late and the extended cases', () => {
    expect(report.keyCases.map((k) => k.number)).toEqual(inYear.filter((p) => p.isKey).map((p) => p.number));
    const first = report.keyCases[0]!;
    expect(first).toMatchObject({ number: '0001', outcome: 'A', measures: [{ text: '落实措施', done: true }] });
    // 按时办复率's misses, one by one: 5 lead replies (95–99) and 3 co opinions late; 6 lead and 2 co
    // still unanswered, and the 3 不满意 (92–94) unanswered again past their second deadline.
    expect(report.late).toHaveLength(m.onTime.den - m.onTime.num);
    expect(report.late.filter((x) => x.answeredAt).map((x) => x.number)).toEqual(['0096', '0097', '0098', '0099', '0100', '0147', '0148', '0149']);
    expect(report.late.filter((x) => !x.answeredAt).map((x) => x.number)).toEqual([
      '0093',
      '0094',
      '0095',
      '0101',
      '0102',
      '0103',
      '0104',
      '0105',
      '0106',
      '0150',
      '0151',
    ]);
    expect(report.extended).toEqual([expect.objectContaining({ number: '0101', milestone: 'reply', days: 30, reason: '需跨部门会商' })]);
    expect(report.repliesSent).toBe(100);
    expect(report.coOpinionsSent).toBe(43);
  });

  it('has one row per lead division adding up to the totals', () => {
    const byCode = Object.fromEntries(report.divisions.map((d) => [d.code, d.metrics]));
    expect(Object.keys(byCode)).toEqual(['kfzd', 'shbf']);
    expect(byCode.kfzd!.total).toBe(count(inYear, (p) => p.leadDivision === 'kfzd'));
    expect(byCode.shbf!.total).toBe(53);
    expect(report.unassigned).toBe(1);
    expect(report.divisions.reduce((s, d) => s + d.metrics.onTime.num, 0)).toBe(m.onTime.num);
  });
});

describe('work report document', () => {
  const report = buildWorkReport(seededYear(), { ...yearPeriod(2026), asOf: AS_OF }, policy.metrics);
  const names = new Map(divisions.map((d) => [d.code, d.name]));
  const doc = composeWorkReport(report, { config: loadWorkReportConfig(), divisionName: (c) => names.get(c) ?? c });

  it('writes the figures into the template’s sentences, in Markdown', () => {
    const md = workReportMarkdown(doc);
    expect(md).toContain('# 省乡村振兴局2026年度提案办理工作报告');
    expect(md).toContain('我局共承办提案152件，其中主办107件、协办45件；重点提案19件');
    expect(md).toContain('按时办复率87.4%（按时办复132件，应办复151件）');
    expect(md).toContain('见面沟通率79.5%（见面沟通120件，进入办理151件）');
    expect(md).toContain('主办件满意率96.8%（满意92件，参评95件）');
    // 97 replies stand; 3 more were sent and then reopened by a 不满意 (100 letters in all).
    expect(md).toContain('已发出答复97件，其中A类（已解决或采纳）60件、B类（正在解决或列入计划）30件、C类（因条件限制暂不能解决或留作参考）7件');
    expect(md).toContain('承诺落实措施90项，已落实70项，办成率77.8%');
    expect(md).toContain('发出答复函100件、协办意见43件；与委员沟通153次，其中电话沟通16次、网上交流1次、微信联系15次、上门走访90次、座谈1次、当面沟通30次');
    expect(md).toContain('见面沟通121次，占沟通总数的79.1%，其中经委员确认1次、委员有异议1次');
    expect(md).toContain('**各处室办理情况（另有尚未交办1件，计入合计）**');
    // 开发指导处: on time 46 lead + 40 co of 53 + 45 due (86/98); 见面 over its 主办 cases only: 45 of 53 (one visit disputed, one 座谈 added).
    expect(md).toContain('| 开发指导处 | 98 | 53 | 45 | 91 | 87.8% | 84.9% |');
    expect(md).toContain('| 合计 | 152 | 107 | 45 | 140 | 87.4% | 84.9% | 96.8% | 77.8% |');
    expect(md).toContain(
      '| 0073 | 关于推进乡村振兴的提案 | 开发指导处 | 已答复，B类（正在解决或列入计划） | 1. 落实措施（已完成 15个／目标 20个（75.0%，截至2026年8月1日））（落实中） |',
    );
    expect(md).toContain('逾期19件（其中截至2026年12月1日仍未办复11件）；经批准延期1件次');
    expect(md).toContain('| 0101 | 关于推进乡村振兴的提案 | 开发指导处 | 答复 | 30天 | 需跨部门会商 |');
  });

  it('is a valid Word file with every section, table and figure', async () => {
    const docx = await workReportDocx(doc);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    expect(readZipEntry(docx, '[Content_Types].xml').toString()).toContain('wordprocessingml');
    const xml = readZipEntry(docx, 'word/document.xml').toString('utf8');
    const text = docxText(xml);
    for (const heading of [
      '一、基本情况',
      '二、“三个百分之百”完成情况',
      '三、答复类别与办成情况',
      '四、与委员沟通情况',
      '五、重点提案办理情况',
      '六、各处室办理情况',
      '七、逾期和延期情况',
      '八、下一步工作',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('我局共承办提案152件，其中主办107件、协办45件；重点提案19件');
    expect(text).toContain('按时办复率87.4%');
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('方正小标宋简体');
    // Tables: rates, outcomes, methods, phases, key cases, divisions, late, extended.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(8);
    expect(text).toContain('2026年12月1日');
  });
});

describe('work report template and period', () => {
  it('names an unknown placeholder when the template loads', () => {
    const bad = 'bureau: 局\ntitle: "{bureau}报告"\nsections:\n  - heading: 一\n    paragraphs: ["共{totl}件"]\n';
    expect(() => parseWorkReportConfig(bad)).toThrow(/sections\.0\.paragraphs\.0：没有占位符 \{totl\}/);
    expect(() => parseWorkReportConfig(bad.replace('{totl}', '{total}'))).not.toThrow();
  });

  it('reads a year or two dates, and says how to write anything else', () => {
    expect(readReportPeriod('2026年')).toEqual(yearPeriod(2026));
    expect(readReportPeriod('2026-01-01 至 2026-06-30')).toEqual({ from: at('2025-12-31T16:00:00Z'), to: at('2026-06-30T16:00:00Z') });
    expect(readReportPeriod('20226')).toMatchObject({ error: expect.stringContaining('例如 2026') });
    expect(readReportPeriod('去年')).toMatchObject({ error: expect.stringContaining('看不懂时段“去年”') });
    expect(readReportPeriod('2026-06-30 2026-01-01')).toMatchObject({ error: expect.stringContaining('晚于') });
  });
});
