import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/model.js';
import { startOfLocalDay } from '../../src/domain/shanghai-time.js';
import { parseCalendarDate, parseProposalTable, type TableRow } from '../../src/ledger-io/proposal-table.parser.js';
import { readCsvTable, readTableFile, readXlsxTable } from '../../src/ledger-io/table-readers.js';

const receivedAt = startOfLocalDay('2026-03-20');
const HEADER = ['届次', '提案号', '案由', '第一提案人', '联名提案人', '界别', '立案日期', '办理类型', '主办单位', '协办单位', '是否重点提案', '内容摘要'];

/** A CSV as Excel saves it (BOM, CRLF) from rows of cells. */
const csv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
const good = (number: string, overrides: Partial<Record<string, string>> = {}): string[] =>
  HEADER.map(
    (h) =>
      ({
        届次: '十三届四次',
        提案号: number,
        案由: `关于第${number}号事项的提案`,
        第一提案人: '卢涛',
        联名提案人: '李国庆、龙刚',
        界别: '中国民主同盟',
        立案日期: '2026-02-23',
        办理类型: '主办',
        主办单位: '省乡村振兴局',
        协办单位: '',
        是否重点提案: '否',
        内容摘要: '建议加强帮扶。',
        ...overrides,
      })[h] ?? '',
  );

const member = (userid: string, name: string, sector?: string): Person => ({ userid, name, roles: ['member'], active: true, ...(sector && { sector }) });

describe('the sample proposal list', () => {
  for (const file of ['samples/proposals-2026.csv', 'samples/proposals-2026.xlsx']) {
    it(`reads all 151 proposals of ${file}: 106 lead, 45 co-handled, 19 key`, async () => {
      const table = await readTableFile(file);
      const result = parseProposalTable(table.rows, { receivedAt, headers: table.headers, members: [member('lutao', '卢涛')] });
      expect(result.errors).toEqual([]);
      expect(result.ignoredColumns).toEqual([]);
      expect(result.proposals).toHaveLength(151);
      expect(result.proposals.filter((p) => p.handlingType === 'lead')).toHaveLength(106);
      expect(result.proposals.filter((p) => p.handlingType === 'co')).toHaveLength(45);
      expect(result.proposals.filter((p) => p.isKey)).toHaveLength(19);
      expect(result.proposals[0]).toMatchObject({
        session: '十三届四次',
        number: '0102',
        proposers: [{ name: '卢涛', userid: 'lutao' }],
        coSigners: ['李国庆', '龙刚'],
        filedAt: startOfLocalDay('2026-02-23'),
        receivedAt,
        handlingType: 'lead',
        isKey: true,
      });
      const co = result.proposals.find((p) => p.handlingType === 'co')!;
      expect(co.externalLeadUnit).toMatch(/^省/);
      expect(result.lines.at(-1)).toBe(152);
    });
  }
});

describe('parseProposalTable', () => {
  it('maps columns by header, in any order and under common synonyms, and keeps unknown columns out', () => {
    const table = readCsvTable(
      csv([
        ['内容摘要', '备注', '标题', '提案人', '办理类型', '提案编号', '主办单位', '重点提案'],
        ['建议加强帮扶。', '随便写', '关于农村饮水的提案', '孟秀英', '协办', '0201', '省水利厅', '是'],
      ]),
    );
    const result = parseProposalTable(table.rows, { receivedAt, headers: table.headers, session: '十三届四次' });
    expect(result.errors).toEqual([]);
    expect(result.ignoredColumns).toEqual(['备注']);
    expect(result.proposals).toEqual([
      expect.objectContaining({
        session: '十三届四次',
        number: '0201',
        title: '关于农村饮水的提案',
        handlingType: 'co',
        externalLeadUnit: '省水利厅',
        isKey: true,
        proposers: [{ name: '孟秀英' }],
      }),
    ]);
  });

  it('accepts dates as people and Excel write them', () => {
    for (const [text, date] of [
      ['2026-01-15', '2026-01-15'],
      ['2026/1/5', '2026-01-05'],
      ['2026年1月15日', '2026-01-15'],
      ['2026.1.15', '2026-01-15'],
      ['46037', '2026-01-15'],
      ['2026-01-15 00:00:00', '2026-01-15'],
    ]) {
      expect(parseCalendarDate(text!), text).toBe(date);
    }
    for (const bad of ['2026-02-30', '15/1/2026', '一月', '2026']) expect(parseCalendarDate(bad), bad).toBeNull();
  });

  it('reads a real Excel date cell and a numeric 提案号 cell from an .xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('清单');
    ws.addRow(HEADER);
    const row = good('0301');
    ws.addRow(row.map((cell, i) => (HEADER[i] === '立案日期' ? new Date(Date.UTC(2026, 0, 15)) : HEADER[i] === '提案号' ? 301 : cell)));
    const table = await readXlsxTable(Buffer.from(await workbook.xlsx.writeBuffer()));
    const result = parseProposalTable(table.rows, { receivedAt, headers: table.headers });
    expect(result.errors).toEqual([]);
    expect(result.proposals[0]).toMatchObject({ number: '301', filedAt: startOfLocalDay('2026-01-15') });
  });

  it('reports every bad row with its Excel line and the reason, and keeps blank lines in the count', () => {
    const table = readCsvTable(
      csv([
        HEADER,
        good('0001'),
        good('0002', { 案由: '', 立案日期: '2026年2月30日' }),
        HEADER.map(() => ''),
        good('0003', { 办理类型: '牵头' }),
        good('0001'),
        good('0004', { 办理类型: '协办', 主办单位: '' }),
        good('0005', { 是否重点提案: '重点' }),
        good('0006', { 第一提案人: '卢涛、龙刚' }),
      ]),
    );
    const result = parseProposalTable(table.rows, { receivedAt, headers: table.headers });
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [3, '案由'],
      [3, '立案日期'],
      [5, '办理类型'],
      [6, '提案号'],
      [7, '主办单位'],
      [8, '是否重点提案'],
      [9, '第一提案人'],
    ]);
    const byLine = (line: number) => result.errors.filter((e) => e.line === line).map((e) => e.message);
    expect(byLine(3)).toEqual([expect.stringContaining('“案由”不能为空'), expect.stringContaining('“2026年2月30日”，不是有效日期')]);
    expect(byLine(5)[0]).toContain('只能填“主办”或“协办”');
    expect(byLine(6)[0]).toBe('提案号 0001 与第 2 行重复：同一届次同一类别的编号不能重复（提案和建议可以同号）。');
    expect(byLine(7)[0]).toContain('协办提案须填写“主办单位”');
    expect(byLine(9)[0]).toContain('其余委员请填在“联名提案人”');
  });

  it('names missing columns on line 1 and imports no row', () => {
    const rows: TableRow[] = [{ 提案号: '1', 案由: '关于的提案' }];
    const result = parseProposalTable(rows, { receivedAt });
    expect(result.proposals).toEqual([]);
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [1, '届次'],
      [1, '第一提案人'],
      [1, '办理类型'],
    ]);
    expect(result.errors[1]!.message).toContain('也可写作 提案人');
  });

  it('refuses a row whose 届次 differs from the one given for the import', () => {
    const table = readCsvTable(csv([HEADER, good('0001'), good('0002', { 届次: '十二届五次' })]));
    const result = parseProposalTable(table.rows, { receivedAt, headers: table.headers, session: '十三届四次' });
    expect(result.errors).toEqual([{ line: 3, field: '届次', message: expect.stringContaining('与本次导入指定的届次“十三届四次”不一致') }]);
  });

  it('links a first proposer only when the name is unique in the directory', async () => {
    const table = readCsvTable(csv([HEADER, good('0001', { 第一提案人: '姚娟' }), good('0002')]));
    const members = [member('yaojuan1', '姚娟'), member('yaojuan2', '姚娟'), member('lutao', '卢涛')];
    const result = parseProposalTable(table.rows, { receivedAt, headers: table.headers, members });
    expect(result.proposals.map((p) => p.proposers)).toEqual([[{ name: '姚娟' }], [{ name: '卢涛', userid: 'lutao' }]]);
  });

  it("tells namesakes apart by the row's 界别", async () => {
    const table = readCsvTable(csv([HEADER, good('0001', { 第一提案人: '姚娟', 界别: '农工党' }), good('0002', { 第一提案人: '姚娟', 界别: '无党派' })]));
    const members = [member('yaojuan1', '姚娟', '中国民主同盟'), member('yaojuan2', '姚娟', '农工党')];
    const result = parseProposalTable(table.rows, { receivedAt, headers: table.headers, members });
    expect(result.proposals.map((p) => p.proposers)).toEqual([[{ name: '姚娟', userid: 'yaojuan2' }], [{ name: '姚娟' }]]);
  });

  it('keeps the sample CSV as Excel writes it: UTF-8 BOM and CRLF', async () => {
    const bytes = await readFile('samples/proposals-2026.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes('\r\n')).toBe(true);
  });
});
