/**
 * The year's work report as a document (src/documents/: composed from the template, rendered as
 * Markdown and Word) from a seeded year's figures (test/fixtures/work-report.fixture.ts), and the
 * template and period the bureau writes.
 */
import { describe, expect, it } from 'vitest';
import { composeWorkReport } from '../../src/documents/work-report.compose.js';
import { loadWorkReportConfig, parseWorkReportConfig } from '../../src/documents/work-report.config.js';
import { workReportDocx } from '../../src/documents/work-report.docx.js';
import { workReportMarkdown } from '../../src/documents/work-report.render.js';
import { readReportPeriod, yearPeriod } from '../../src/documents/work-report.service.js';
import { divisions } from '../fixtures/ledger.fixture.js';
import { seededReport, YEAR_2026 } from '../fixtures/work-report.fixture.js';
import { docxText, readZipEntry } from '../web/unzip.js';

const at = (iso: string) => new Date(iso);

describe('work report document', () => {
  const report = seededReport();
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
    expect(yearPeriod(2026)).toEqual({ from: YEAR_2026.from, to: YEAR_2026.to });
    expect(readReportPeriod('2026-01-01 至 2026-06-30')).toEqual({ from: at('2025-12-31T16:00:00Z'), to: at('2026-06-30T16:00:00Z') });
    expect(readReportPeriod('20226')).toMatchObject({ error: expect.stringContaining('例如 2026') });
    expect(readReportPeriod('去年')).toMatchObject({ error: expect.stringContaining('看不懂时段“去年”') });
    expect(readReportPeriod('2026-06-30 2026-01-01')).toMatchObject({ error: expect.stringContaining('晚于') });
  });
});
