/**
 * 两类件 on import and in the store: the kind from a 类别 column or chosen for the whole file,
 * numbers unique per kind and session, and cases stored before kinds existed read as 政协提案.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCoreServices } from '../../src/main/core.js';
import type { CoreServices } from '../../src/domain/services.js';
import { loadDirectoryFile, type DirectoryFile } from '../../src/config/directory.config.js';
import type { Actor } from '../../src/domain/model.js';
import { startOfLocalDay } from '../../src/domain/shanghai-time.js';
import { formatImportReport, importProposalTable, type ImportOptions } from '../../src/ledger-io/ledger-import.js';
import { buildLedgerRows } from '../../src/ledger-io/ledger-rows.js';
import { readTableFile, type Table } from '../../src/ledger-io/table-readers.js';
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

beforeAll(async () => {
  core = createCoreServices({ clock });
  directory = await loadDirectoryFile('config/directory.example.yaml');
});
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
      divisions: [],
      people: [],
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
