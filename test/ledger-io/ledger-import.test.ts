import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCoreServices } from '../../src/main/core.js';
import type { CoreServices } from '../../src/domain/services.js';
import { loadDirectoryFile, type DirectoryFile } from '../../src/config/directory.config.js';
import type { Actor } from '../../src/domain/model.js';
import { startOfLocalDay, toLocalDate } from '../../src/domain/shanghai-time.js';
import { formatImportReport, importProposalTable, type ImportOptions } from '../../src/ledger-io/ledger-import.js';
import { namesOf } from '../../src/domain/names.js';
import { buildLedgerRows } from '../../src/ledger-io/ledger-rows.js';
import { writeLedgerFile } from '../../src/ledger-io/ledger-writers.js';
import { readCsvTable, readTableFile, type Table } from '../../src/ledger-io/table-readers.js';
import { ProposalModel } from '../../src/store/models/proposal.model.js';
import { backfillKinds } from '../../src/store/migrations.js';
import { ensureIndexes } from '../../src/store/db.js';
import { suggestionList, SUGGESTION_SESSION } from '../fixtures/suggestions.fixture.js';
import { useTestDb } from '../support/test-db.js';

useTestDb({ cleanBeforeEach: true });
const coordinator: Actor = { userid: 'hefang', name: '何芳', roles: ['coordinator'], divisionCode: 'zcfg' };
const clock = { now: () => new Date('2026-03-20T02:00:00Z') };
let core: CoreServices;
let directory: DirectoryFile;
let tmp: string;

beforeAll(async () => {
  core = createCoreServices({ clock });
  directory = await loadDirectoryFile('config/directory.example.yaml');
  tmp = await mkdtemp(join(tmpdir(), 'ledger-io-'));
});
// The database was just emptied: the view starts over rather than wait for its next read.
beforeEach(() => core.view.catchUp());

const options = (overrides: Partial<ImportOptions> = {}): ImportOptions => ({
  receivedAt: startOfLocalDay('2026-03-20'),
  members: directory.people.filter((p) => p.roles.includes('member')),
  dryRun: false,
  actor: coordinator,
  channel: 'cli',
  ...overrides,
});
const importTable = (table: Table, overrides?: Partial<ImportOptions>) =>
  importProposalTable(table, { proposals: core.proposals, registrar: core.ledger }, options(overrides));
const countAll = async () => (await core.proposals.find({})).length;

describe('importing a proposal list', () => {
  it('registers the 151 sample proposals from the CSV, and the XLSX of the same list then adds nothing', async () => {
    const first = await importTable(await readTableFile('samples/proposals-2026.csv'));
    expect(first.errors).toEqual([]);
    expect(first.created).toHaveLength(151);
    expect(formatImportReport(first)).toBe('导入完成：共 151 件，新增 151 件（主办 106 件、协办 45 件、重点提案 19 件），已存在 0 件（未改动）。');
    const stored = await core.proposals.find({ session: '十三届四次' });
    expect(stored).toHaveLength(151);
    expect(stored.every((p) => p.stage === 'registered')).toBe(true);
    const lu = (await core.proposals.findByNumber('0102', '十三届四次'))[0]!;
    expect(lu.proposers).toEqual([{ name: '卢涛', userid: 'lutao' }]);
    expect(lu.events.map((e) => [e.action, e.channel, e.actor.userid])).toEqual([['register', 'cli', 'hefang']]);

    const again = await importTable(await readTableFile('samples/proposals-2026.xlsx'));
    expect(again.created).toEqual([]);
    expect(again.existing).toHaveLength(151);
    expect(again.existing.filter((e) => e.differs.length > 0)).toEqual([]);
    expect(formatImportReport(again)).toBe('导入完成：共 151 件，新增 0 件（主办 0 件、协办 0 件、重点提案 0 件），已存在 151 件（未改动）。');
    expect((await core.proposals.findByNumber('0102', '十三届四次'))[0]!.version).toBe(lu.version);
  });

  it('imports nothing from a file with bad rows and lists each of them', async () => {
    const text = await readFile('samples/proposals-2026.csv', 'utf8');
    const lines = text.split('\r\n');
    lines[3] = lines[3]!.replace('2026-03-10', '2026-13-01');
    const cells = lines[10]!.split(',');
    cells[7] = '牵头'; // 办理类型
    lines[10] = cells.join(',');
    lines[20] = lines[2]!; // line 21 repeats 提案号 of line 3
    const report = await importTable(readCsvTable(lines.join('\r\n')));
    expect(report.created).toEqual([]);
    expect(await countAll()).toBe(0);
    expect(formatImportReport(report).split('\n')).toEqual([
      '文件有 3 处错误（涉及 3 行），未导入任何提案。请改正后重新导入：',
      '  第 4 行：“立案日期”写成了“2026-13-01”，不是有效日期：请写 2026-01-15、2026/1/15 或 2026年1月15日。',
      '  第 11 行：“办理类型”写成了“牵头”：只能填“主办”或“协办”。',
      expect.stringMatching(/^ {2}第 21 行：提案号 0107 与第 3 行重复/),
    ]);
  });

  it('on a dry run reports what would be imported and writes nothing', async () => {
    const report = await importTable(await readTableFile('samples/proposals-2026.csv'), { dryRun: true });
    expect(report.created).toHaveLength(151);
    expect(formatImportReport(report)).toMatch(/^试导入（未写入）：共 151 件，将新增 151 件（主办 106 件、协办 45 件、重点提案 19 件）/);
    expect(await countAll()).toBe(0);
  });

  it('does not overwrite a proposal already in the ledger, and says which fields differ', async () => {
    const header = '届次,提案号,案由,第一提案人,办理类型,是否重点提案';
    await importTable(readCsvTable(`${header}\r\n十三届四次,0001,关于甲的提案,卢涛,主办,否\r\n`));
    const report = await importTable(readCsvTable(`${header}\r\n十三届四次,0001,关于乙的提案,卢涛,主办,是\r\n十三届四次,0002,关于丙的提案,孟秀英,主办,否\r\n`));
    expect(report.created.map((p) => p.number)).toEqual(['0002']);
    expect(formatImportReport(report).split('\n')[1]).toBe(
      '  第 2 行：提案号 0001 已在台账中，但案由、是否重点提案与文件不同；台账未改动，如需更正请在台账中修改。',
    );
    expect((await core.proposals.findByNumber('0001'))[0]).toMatchObject({ title: '关于甲的提案', isKey: false });
  });

  it('offers the differing row as a correction of the case, ignoring columns the file does not have', async () => {
    await importTable(readCsvTable('届次,提案号,案由,第一提案人,办理类型,内容摘要\r\n十三届四次,0001,关于甲的提案,卢涛,主办,原摘要\r\n'));
    const [stored] = await core.proposals.findByNumber('0001');
    await core.directory.sync(directory);
    await core.ledger.perform({ id: stored!.id }, { type: 'assign', leadDivision: 'kfzd' }, coordinator, 'cli');
    const report = await importTable(readCsvTable('届次,提案号,案由,第一提案人,办理类型,主办单位\r\n十三届四次,0001,关于乙的提案,卢涛,协办,省民政厅\r\n'), {
      dryRun: true,
    });
    const [row] = report.existing;
    // No 内容摘要 column: the stored summary is not proposed for clearing.
    expect(row!.correction).toEqual({ title: '关于乙的提案', handlingType: 'co', externalLeadUnit: '省民政厅' });
    expect(row!.stored).toMatchObject({ id: stored!.id, title: '关于甲的提案', handlingType: 'lead' });
    expect(row!.refused).toContain('已经交办');
  });
});

describe('exporting the ledger', () => {
  it('writes every proposal with its ledger columns, and importing the export changes nothing', async () => {
    await core.directory.sync(directory);
    await importTable(await readTableFile('samples/proposals-2026.csv'));
    const [first] = await core.proposals.findByNumber('0102', '十三届四次');
    const assigned = await core.ledger.perform({ id: first!.id }, { type: 'assign', leadDivision: '监测中心', assisting: ['政法处'] }, coordinator, 'cli');
    const proposals = await core.proposals.find({}, { sort: 'number' });
    const sheet = buildLedgerRows(proposals, {
      bureau: directory.bureau,
      names: namesOf(directory.divisions, directory.people),
      asOf: { now: core.clock.now(), deadlines: core.ledgerConfig.deadlines, calendar: core.calendar },
    });
    const row = sheet.rows.find((r) => r[1] === '0102')!;
    const cell = (header: string) => row[sheet.headers.indexOf(header)];
    expect(cell('环节')).toBe('交办');
    expect(cell('主办处室')).toBe('监测中心');
    expect(cell('协办处室')).toBe('政策法规处');
    expect(cell('交办日期')).toBe('2026-03-20');
    expect(cell('答复期限')).toBe(toLocalDate(assigned.milestones.reply!.dueAt));
    expect(cell('答复期限')).toMatch(/^2026-\d\d-\d\d$/);
    expect(cell('主办单位')).toBe('省乡村振兴局');

    for (const name of ['ledger.csv', 'ledger.xlsx']) {
      const path = join(tmp, name);
      await writeLedgerFile(path, sheet);
      const report = await importTable(await readTableFile(path));
      expect(report.errors, name).toEqual([]);
      expect(report.ignoredColumns, name).toEqual([]);
      expect(report.created, name).toEqual([]);
      expect(
        report.existing.filter((e) => e.differs.length > 0),
        name,
      ).toEqual([]);
      expect(report.existing, name).toHaveLength(151);
    }
  });
});

describe('two kinds in one ledger: import and numbering', () => {
  it('imports the sample 提案 and a year of 人大建议 chosen for the whole file, their numbers overlapping', async () => {
    const proposals = await importTable(await readTableFile('samples/proposals-2026.csv'));
    expect(proposals.created).toHaveLength(151);
    expect(proposals.created.every((p) => p.kind === 'proposal')).toBe(true);

    const suggestions = await importTable(suggestionList({ count: 40 }), { kind: 'suggestion' });
    expect(suggestions.errors).toEqual([]);
    expect(suggestions.created).toHaveLength(40);
    expect(suggestions.existing).toEqual([]);
    // 0102 is the sample's first 提案 and the generated list's first 建议: two cases.
    const both = await core.proposals.findByNumber('0102', SUGGESTION_SESSION);
    expect(both.map((p) => p.kind).sort()).toEqual(['proposal', 'suggestion']);
    expect((await core.proposals.findByNumber('0102', SUGGESTION_SESSION, 'suggestion'))[0]!.title).toBe('关于加强农村供水保障工作的建议（1）');
    expect(await core.proposals.find({ kind: 'suggestion' })).toHaveLength(40);
    expect(await core.proposals.find({ kind: 'proposal' })).toHaveLength(151);

    // The same 建议 file again adds nothing; as 提案 its rows collide with nothing but the sample's numbers.
    const again = await importTable(suggestionList({ count: 40 }), { kind: 'suggestion' });
    expect(again.created).toEqual([]);
    expect(again.existing).toHaveLength(40);
  });

  it('reads the kind from a 类别 column, rows of both kinds sharing a number, and a blank cell takes the file’s choice', async () => {
    const table: Table = {
      headers: ['类别', '届次', '编号', '案由', '第一提案人', '办理类型'],
      rows: [
        { 类别: '提案', 届次: '十三届四次', 编号: '0001', 案由: '关于庭院经济的提案', 第一提案人: '卢涛', 办理类型: '主办' },
        { 类别: '人大代表建议', 届次: '十三届四次', 编号: '0001', 案由: '关于庭院经济的建议', 第一提案人: '马建国', 办理类型: '主办' },
        { 类别: '', 届次: '十三届四次', 编号: '0002', 案由: '关于乡村道路的提案', 第一提案人: '卢涛', 办理类型: '主办' },
      ],
    };
    const report = await importTable(table);
    expect(report.errors).toEqual([]);
    expect(report.created.map((p) => [p.kind, p.number])).toEqual([
      ['proposal', '0001'],
      ['suggestion', '0001'],
      ['proposal', '0002'],
    ]);
    // The export names the kind in the same 类别 column the import reads.
    const sheet = buildLedgerRows(await core.proposals.find({}), {
      bureau: '省乡村振兴局',
      names: namesOf([], []),
      asOf: { now: clock.now(), deadlines: core.ledgerConfig.deadlines, calendar: core.calendar },
    });
    const kindAt = sheet.headers.indexOf('类别');
    const numberAt = sheet.headers.indexOf('提案号');
    expect(sheet.rows.map((r) => `${r[kindAt]}${r[numberAt]}`).sort()).toEqual(['建议0001', '提案0001', '提案0002']);
  });

  it('refuses a number twice for one kind, a bad 类别 and a row against the file’s kind, importing nothing', async () => {
    const table: Table = {
      headers: ['类型', '届次', '提案号', '案由', '第一提案人', '办理类型'],
      rows: [
        { 类型: '建议', 届次: '十三届四次', 提案号: '0005', 案由: '甲', 第一提案人: '卢涛', 办理类型: '主办' },
        { 类型: '建议', 届次: '十三届四次', 提案号: '0005', 案由: '乙', 第一提案人: '卢涛', 办理类型: '主办' },
        { 类型: '议案', 届次: '十三届四次', 提案号: '0006', 案由: '丙', 第一提案人: '卢涛', 办理类型: '主办' },
      ],
    };
    const report = await importTable(table);
    expect(report.created).toEqual([]);
    expect(formatImportReport(report).split('\n').slice(1)).toEqual([
      '  第 3 行：建议号 0005 与第 2 行重复：同一届次同一类别的编号不能重复（提案和建议可以同号）。',
      '  第 4 行：“类型”写成了“议案”：只能填“提案”（政协提案）或“建议”（人大代表建议），空着按导入时选的类别。',
    ]);
    const against = await importTable(suggestionList({ count: 2, kindColumn: true }), { kind: 'proposal' });
    expect(against.created).toEqual([]);
    expect(against.errors[0]!.message).toBe('“类别”为“建议”，与本次导入选的类别“提案”不一致：请核对，或导入时不选类别，按这一列导入。');
    expect(await core.proposals.find({})).toEqual([]);
  });

  it('backfills cases stored before kinds as 政协提案, once, and keeps numbers unique per kind in the database', async () => {
    await importTable(suggestionList({ count: 1 }), { kind: 'suggestion' });
    const [suggestion] = await core.proposals.find({});
    // A case as an older version stored it: no kind field (copied from the new one, another id and kind dropped).
    const { _id: _ignored, kind: _kind, ...old } = (await ProposalModel.collection.findOne({ _id: suggestion!.id } as Record<string, unknown>))!;
    await ProposalModel.collection.insertOne({ ...old, _id: 'old-case', number: '0999' } as never);
    expect(await backfillKinds()).toBe(1);
    expect(await backfillKinds()).toBe(0);
    expect((await ProposalModel.collection.findOne({ _id: 'old-case' } as Record<string, unknown>))!.kind).toBe('proposal');
    await ensureIndexes();

    // 0102 as a 提案 may join the 建议 0102; a second 建议 0102 is refused by the unique index itself.
    const doc = (await ProposalModel.collection.findOne({ _id: suggestion!.id } as Record<string, unknown>))!;
    await ProposalModel.collection.insertOne({ ...doc, _id: 'same-number-proposal', kind: 'proposal' } as never);
    await expect(ProposalModel.collection.insertOne({ ...doc, _id: 'same-number-suggestion' } as never)).rejects.toThrow(/duplicate key|E11000/i);
  });
});
