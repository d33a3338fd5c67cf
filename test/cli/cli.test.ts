import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCoreServices } from '../../src/main/core.js';
import type { CoreServices } from '../../src/domain/services.js';
import { cliRunner } from '../support/cli-harness.js';
import { useTestDb } from '../support/test-db.js';
import { suggestionList } from '../fixtures/suggestions.fixture.js';
import { docxText, readZipEntry } from '../web/unzip.js';

const clock = { now: () => new Date('2026-03-20T02:30:00Z') };
let core: CoreServices;
let tmp: string;

const cli = cliRunner(() => core);

describe('bad usage', () => {
  it.each([
    [['import'], '缺少文件路径。', 'npm run cli -- import samples/proposals-2026.xlsx'],
    [['import', 'a.csv', '--sesion', 'x'], '不认识的选项 --sesion。', '用法：npm run cli -- import'],
    [['import', 'a.csv', '--session'], '选项 --session 后面要跟一个值。', '例如：'],
    [['import', 'a.csv', '--received', '明天'], '收文日期“明天”不是有效日期', '2026年3月20日'],
    [['import', 'a.csv', 'b.csv'], '多余的参数“b.csv”。', '用法：'],
    [['export', 'ledger.pdf'], '导出文件须以 .xlsx 或 .csv 结尾', '例如：npm run cli -- export'],
    [['show'], '缺少提案号。', 'npm run cli -- show 0102'],
    [['directory', 'reload'], 'directory 后面只能跟 load，现为“reload”。', 'npm run cli -- directory load config/directory.yaml'],
    [['import', 'proposals.docx'], '不支持的文件类型：proposals.docx', '.xlsx 或 .csv'],
    [['import', 'no-such-file.csv'], '读不到文件 no-such-file.csv', '请确认路径'],
    [['report', 'r.pdf'], '报告文件须以 .docx 或 .md 结尾', 'npm run cli -- report 2026年提案办理工作报告.docx --year 2026'],
    [['report', 'r.docx', '--year', '20226'], '年份“20226”不对', '用法：npm run cli -- report'],
    [['report', 'r.docx', '--from', '2026-01-01'], '--from 和 --to 要一起写', '例如：'],
    [['report', 'r.docx', '--year', '2026', '--from', '2026-01-01', '--to', '2026-02-01'], '只能选一种', '例如：'],
  ])('%j exits 1 and says what is wrong, with usage and an example', async (args, problem, hint) => {
    const result = await cli(args, { database: false });
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(problem);
    expect(result.err).toContain(hint);
  });

  it('answers an unknown command with the list of commands', async () => {
    const result = await cli(['improt', 'x.csv'], { database: false });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^没有“improt”这个命令。/);
    expect(result.err).toContain('npm run cli -- import <提案清单.xlsx|.csv>');
  });

  it('prints help with exit code 0', async () => {
    const result = await cli(['help', 'export'], { database: false });
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('用法：npm run cli -- export <台账.xlsx|.csv> [--session 届次]');
  });

  it('gives the exit code and Chinese message to the shell', async () => {
    const run = promisify(execFile);
    const failure = await run('npx', ['tsx', 'src/main/cli.ts', 'show'], { env: { ...process.env, MONGODB_URI: 'mongodb://127.0.0.1:1/none' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('缺少提案号。') });
  });
});

describe('commands on the ledger', () => {
  useTestDb({ cleanBeforeEach: true });
  beforeAll(async () => {
    core = createCoreServices({ clock });
    tmp = await mkdtemp(join(tmpdir(), 'cli-'));
  });
  // The database was just emptied: the view starts over rather than wait for its next read.
  beforeEach(() => core.view.catchUp());

  it('loads the directory twice without changes, and refuses a bad file listing every problem', async () => {
    const first = await cli(['directory', 'load', 'config/directory.example.yaml']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('人员：新增 23，更新 0，停用 0，未变 0');
    const second = await cli(['directory', 'load', 'config/directory.example.yaml']);
    expect(second.out).toContain('人员：新增 0，更新 0，停用 0，未变 23');

    const bad = join(tmp, 'bad.yaml');
    await writeFile(
      bad,
      'bureau: 局\ndivisions:\n  - { code: zcfg, name: 政策法规处, kind: coordinating }\npeople:\n  - { userid: a, name: 甲, roles: [老板], division: xx }\n',
    );
    const refused = await cli(['directory', 'load', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('有 2 处错误，未做任何更改');
    expect(refused.err).toContain('people[0].roles[0]（甲）：未知角色“老板”');
    expect(refused.err).toContain('people[0].division（甲）：未知处室代码 xx');
  });

  it('imports nothing from a bad list (exit 1), then imports the sample and shows a proposal with its timeline', async () => {
    await cli(['directory', 'load', 'config/directory.example.yaml']);
    const bad = join(tmp, 'bad.csv');
    const sample = await readFile('samples/proposals-2026.csv', 'utf8');
    await writeFile(bad, sample.replace(',主办,省乡村振兴局,', ',主力,省乡村振兴局,'));
    const refused = await cli(['import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('未导入任何提案');
    expect(refused.err).toContain('第 2 行：“办理类型”写成了“主力”');
    expect(await core.proposals.find({})).toEqual([]);

    const imported = await cli(['import', 'samples/proposals-2026.xlsx', '--as', 'hefang', '--received', '2026/3/20']);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toContain('新增 151 件（主办 106 件、协办 45 件、重点提案 19 件）');

    const [p] = await core.proposals.findByNumber('0102');
    await core.ledger.perform(
      { id: p!.id },
      { type: 'assign', leadDivision: '政法处', note: '请牵头办理' },
      { userid: 'hefang', name: '何芳', roles: ['coordinator'] },
      'wecom-app',
    );
    const shown = await cli(['show', '0102', '--session', '十三届四次']);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('提案 0102（十三届四次）关于健全我省防止返贫动态监测和帮扶机制的提案');
    expect(shown.out).toContain('主办处室：政策法规处');
    expect(shown.out).toContain('2026-03-20 10:30 何芳 通过命令行 登记');
    expect(shown.out).toContain('2026-03-20 10:30 何芳 通过企业微信 交办 → 政策法规处: 登记 → 交办 (请牵头办理)');

    const missing = await cli(['show', '0102', '--session', '十二届五次']);
    expect(missing).toMatchObject({ code: 1, err: '没有找到十二届五次 提案号为 0102 的提案：请核对提案号和届次。' });
  });

  it('imports a list of 建议 with --kind 建议 beside the 提案 of the same numbers, and shows each by its kind', async () => {
    await cli(['import', 'samples/proposals-2026.csv']);
    const list = suggestionList({ count: 3 });
    const file = join(tmp, 'suggestions.csv');
    await writeFile(file, [list.headers.join(','), ...list.rows.map((r) => list.headers.map((h) => r[h] ?? '').join(','))].join('\n'));
    const bad = await cli(['import', file, '--kind', '议案']);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.err).toContain('“议案”不是件的类别：请写“提案”（政协提案）或“建议”（人大代表建议）。');
    const imported = await cli(['import', file, '--kind', '建议']);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.out).toContain('新增 3 件');

    const both = await cli(['show', '0102', '--session', '十三届四次']);
    expect(both).toMatchObject({
      code: 1,
      err: '编号 0102 有 2 件（十三届四次 政协提案、十三届四次 人大代表建议）：请用 --session 指定届次、--kind 提案 或 --kind 建议 指定类别。',
    });
    const suggestion = await cli(['show', '0102', '--kind', '建议']);
    expect(suggestion.code).toBe(0);
    expect(suggestion.out).toContain('建议 0102（十三届四次）关于加强农村供水保障工作的建议（1）');
    expect((await cli(['show', '0102', '--kind', '提案'])).out).toContain('提案 0102（十三届四次）关于健全我省防止返贫动态监测和帮扶机制的提案');
  });

  it('links members added to the directory after an import to their proposals, and reports namesakes', async () => {
    await cli(['directory', 'load', 'config/directory.example.yaml']);
    await cli(['import', 'samples/proposals-2026.csv']);
    const [before] = await core.proposals.findByNumber('1004');
    expect(before!.proposers[0]).toEqual({ name: '龚建国' });
    const grown = join(tmp, 'directory-grown.yaml');
    const added = [
      '  - { userid: gongjianguo, name: 龚建国, roles: [member], sector: 教育界 }',
      '  - { userid: longtao1, name: 龙涛, roles: [member], sector: 农工党 }',
      '  - { userid: longtao2, name: 龙涛, roles: [member], sector: 致公党 }',
    ];
    await writeFile(grown, `${await readFile('config/directory.example.yaml', 'utf8')}${added.join('\n')}\n`);
    const loaded = await cli(['directory', 'load', grown]);
    expect(loaded.code).toBe(0);
    expect(loaded.out).toContain('委员关联：新关联 1 件提案（1004 龚建国）');
    expect(loaded.out).toContain('未关联：十三届四次 第0203号的提案人“龙涛”在通讯录中有 2 位同名委员（longtao1、longtao2）');
    const [after] = await core.proposals.findByNumber('1004');
    expect(after!.proposers[0]).toEqual({ name: '龚建国', userid: 'gongjianguo' });
    expect(after!.events.at(-1)).toMatchObject({ action: 'correct', actor: { name: '系统' }, channel: 'cli', note: '通讯录更新后按姓名关联到委员：龚建国' });
    expect((await core.proposals.findByNumber('0203'))[0]!.proposers[0]).toEqual({ name: '龙涛' });
    // The member now sees their proposal; loading the same file again links nothing more.
    const gong = { userid: 'gongjianguo', name: '龚建国', roles: ['member' as const] };
    expect((await core.ledger.list({}, gong)).map((e) => e.number)).toEqual(['1004']);
    const again = await cli(['directory', 'load', grown]);
    expect(again.out).toContain('委员关联：新关联 0 件提案');
    expect((await core.proposals.findByNumber('1004'))[0]!.version).toBe(after!.version);
  });

  it('exports the ledger to a file that imports again without changes', async () => {
    await cli(['import', 'samples/proposals-2026.csv']);
    const file = join(tmp, '台账.csv');
    const exported = await cli(['export', file, '--session', '十三届四次']);
    expect(exported).toMatchObject({ code: 0, out: `已导出 151 件提案到 ${file}。` });
    const again = await cli(['import', file]);
    expect(again.out).toBe('导入完成：共 151 件，新增 0 件（主办 0 件、协办 0 件、重点提案 0 件），已存在 151 件（未改动）。');
  });

  it('drafts the work report of a year as Word and as Markdown, counting that year’s proposals only', async () => {
    await cli(['import', 'samples/proposals-2026.csv', '--received', '2026-03-20']);
    const docx = join(tmp, '报告.docx');
    const drafted = await cli(['report', docx, '--year', '2026']);
    expect(drafted).toMatchObject({ code: 0, out: `已起草工作报告 ${docx}（统计 151 件）。请核对后使用。` });
    const text = docxText(readZipEntry(await readFile(docx), 'word/document.xml').toString('utf8'));
    expect(text).toContain('省乡村振兴局2026年度提案办理工作报告');
    expect(text).toContain('我局共承办提案151件，其中主办106件、协办45件；重点提案19件');
    const md = join(tmp, '报告.md');
    expect(await cli(['report', md, '--from', '2025-01-01', '--to', '2025-12-31'])).toMatchObject({ code: 0, out: expect.stringContaining('（统计 0 件）') });
    expect(await readFile(md, 'utf8')).toContain('2025年度（2025年1月1日至2025年12月31日收文），我局共承办提案0件');
  });
});
