/**
 * The web console in a real browser (Debian's Chromium, headless, driven by playwright-core):
 * sign in, board and filters, a proposal's timeline, ledger export, the reply letter, an import
 * with a bad row, and the chat simulator moving a proposal on the board. Saves the screenshots
 * used by the README.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/conversation/index.js';
import type { Proposal } from '../../src/domain/model.js';
import { createLogger } from '../../src/shared/logger.js';
import { readCsvTable, readXlsxTable } from '../../src/ledger-io/table-readers.js';
import { newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { docxText, readZipEntry } from './unzip.js';
import { actorOf, draftReply, seedLedger, startWeb, type WebHarness } from './web-harness.js';
import { conversationStores } from '../support/conversation-stores.js';

useTestDb();

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The README's pictures are refreshed only when asked (SCREENSHOTS=docs/screenshots npm test), so a
// test run leaves the work tree as it was.
const SCREENSHOTS = process.env.SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'tiantong-shots-'));

let web: WebHarness;
let context: BrowserContext;
let page: Page;
let profile: string;
let seeded: Record<'p1' | 'p2' | 'p3' | 'p4', Proposal>;

/** A few more proposals so the board looks like a working ledger: several divisions and stages. */
async function seedMore(): Promise<Proposal> {
  const core = web.core;
  const coordinator = actorOf(people.coordinator);
  const { created } = await core.ledger.registerMany(
    [
      newProposalInput({ number: '0004', title: '关于培育乡村特色产业品牌的提案' }),
      newProposalInput({ number: '0005', title: '关于完善防返贫动态监测机制的提案', isKey: true }),
      newProposalInput({ number: '0006', title: '关于加强驻村帮扶力量的提案' }),
      newProposalInput({ number: '0007', title: '关于发展农村电商的提案', handlingType: 'co', externalLeadUnit: '省商务厅' }),
    ],
    coordinator,
    'web',
  );
  const [p4, p5, p6, p7] = created as [Proposal, Proposal, Proposal, Proposal];
  for (const p of [p4, p5]) {
    await core.ledger.perform({ id: p.id }, { type: 'assign', leadDivision: 'kfzd' }, coordinator, 'web');
    await core.ledger.perform({ id: p.id }, { type: 'accept' }, actorOf(people.head), 'web');
    await core.ledger.perform({ id: p.id }, { type: 'designate', handlerUserid: 'kf-staff' }, actorOf(people.head), 'web');
  }
  await core.ledger.perform({ id: p6.id }, { type: 'assign', leadDivision: 'shbf' }, coordinator, 'web');
  await core.ledger.perform({ id: p6.id }, { type: 'accept' }, actorOf(people.otherHead), 'web');
  await core.ledger.perform({ id: p7.id }, { type: 'assign', leadDivision: 'shbf' }, coordinator, 'web');
  await core.ledger.perform({ id: p5.id }, { type: 'advance' }, actorOf(people.handler), 'web');
  return draftReply(core, p4.id);
}

beforeAll(async () => {
  const log = createLogger({ level: 'silent' });
  // The simulator talks to the real conversation layer on the same core services.
  web = await startWeb({ conversation: (core) => createConversation({ core, log, ...conversationStores() }) });
  const base = await seedLedger(web.core);
  seeded = { ...base, p4: await seedMore() };
  profile = mkdtempSync(join(tmpdir(), 'tiantong-chromium-'));
  // A new empty profile; Playwright takes it as launchPersistentContext's userDataDir.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
}, 120_000);

afterAll(async () => {
  await context?.close();
  await web?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('web console in a browser', () => {
  it('signs in with the admin link and shows the board with a column per stage', async () => {
    await page.goto(web.adminLink('/board'));
    await expect.poll(() => page.url()).toBe(`${web.url}/board`);
    const headers = await page.locator('table.board thead th[data-stage]').allInnerTexts();
    expect(headers.map((h) => h.replace(/\s*\d+$/, '').trim())).toEqual([
      '登记',
      '交办',
      '调研',
      '沟通',
      '会审',
      '签发',
      '答复',
      '督办',
      '协办意见',
      '反馈',
      '归档',
    ]);
    expect(await page.locator('td[data-stage="researching"][data-lane="lead"] .card').count()).toBe(2);
    expect(await page.locator('.card.state-overdue').count()).toBeGreaterThan(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'board.png'), fullPage: true });
  });

  it('filters the board by division', async () => {
    await page.selectOption('select[name="division"]', 'shbf');
    await Promise.all([page.waitForURL(/division=shbf/), page.click('form.filters button[type="submit"]')]);
    const numbers = await page.locator('.card .num').allInnerTexts();
    expect(numbers.sort()).toEqual(['0002', '0006', '0007']);
  });

  it('opens a proposal and shows its full timeline', async () => {
    await page.goto(`${web.url}/board`);
    await Promise.all([page.waitForURL(/\/proposals\//), page.click('.card[data-number="0001"]')]);
    const timeline = await page.locator('section', { hasText: '办理记录（全部留痕）' }).innerText();
    for (const step of ['登记', '交办', '接收', '指定承办人']) expect(timeline).toContain(step);
    expect(timeline).toContain('王协调');
    expect(await page.locator('section', { hasText: '办理时限' }).innerText()).toContain('办前沟通');
  });

  it('chases from the proposal page: the same command as in chat, in the timeline at once', async () => {
    await page.goto(`${web.url}/proposals/${seeded.p1.id}`);
    await page.fill('form.desk[data-action="chase"] input[name="note"]', '请本周内完成办前沟通');
    await Promise.all([page.waitForURL(/done=chase/), page.click('form.desk[data-action="chase"] button')]);
    await expect.poll(() => page.locator('p.flash').innerText()).toContain('已催办');
    const timeline = await page.locator('section', { hasText: '办理记录（全部留痕）' }).innerText();
    expect(timeline).toContain('催办');
    expect(timeline).toContain('请本周内完成办前沟通');
  });

  it('exports the ledger as Excel and CSV in the format the CLI writes', async () => {
    await page.goto(`${web.url}/ledger`);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    const table = await readXlsxTable(readFileSync((await xlsx.path())!));
    expect(table.headers.slice(0, 3)).toEqual(['届次', '提案号', '案由']);
    expect(table.rows.map((r) => r['提案号'])).toEqual(['0001', '0002', '0003', '0004', '0005', '0006', '0007']);
    expect(table.rows[0]!['主办处室']).toBe('开发指导处');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csvTable = readCsvTable(readFileSync((await csv.path())!));
    expect(csvTable.rows.find((r) => r['提案号'] === '0004')!['环节']).toBe('会审');
  });

  it('generates the reply letter as a Word draft with the reply, measures and contact person', async () => {
    await page.goto(`${web.url}/proposals/${seeded.p4.id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=下载答复函征求意见稿')]);
    expect(download.suggestedFilename()).toMatch(/^答复函（征求意见稿）-.*0004\.docx$/);
    const text = docxText(readZipEntry(readFileSync((await download.path())!), 'word/document.xml').toString('utf8'));
    expect(text).toContain('乡振函〔2026〕12号');
    expect(text).toContain('答复类别：A类（已解决或采纳）');
    expect(text).toContain('关于省政协十二届五次会议第0004号提案答复的函');
    expect(text).toContain('陈委员委员：');
    expect(text).toContain('《关于培育乡村特色产业品牌的提案》');
    expect(text).toContain('1. 出台庭院经济扶持办法');
    expect(text).toContain('联系人：钱专员');
    expect(text).toContain('征求意见稿（待签发）');
  });

  it('previews an import, lists the bad row and writes nothing', async () => {
    const before = (await web.core.proposals.find({})).length;
    const csv = [
      '届次,提案号,案由,第一提案人,办理类型',
      '十二届五次,0101,关于乡村道路养护的提案,陈委员,主办',
      '十二届五次,0102,关于农村饮水安全的提案,刘委员,代办',
    ].join('\n');
    await page.goto(`${web.url}/import`);
    await page.setInputFiles('input[type="file"]', { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForURL(/\/import\/[a-f0-9]{32}$/), page.click('#import-form button[type="submit"]')]);
    expect(await page.locator('#import-errors-title').innerText()).toContain('未写入任何提案');
    const row = page.locator('#import-errors tr[data-line="3"]');
    expect(await row.innerText()).toContain('办理类型');
    expect(await page.locator('#import-confirm').count()).toBe(0);
    expect((await web.core.proposals.find({})).length).toBe(before);
  });

  it('imports a clean file only after it is confirmed', async () => {
    const csv = ['届次,提案号,案由,第一提案人,办理类型', '十二届五次,0101,关于乡村道路养护的提案,陈委员,主办'].join('\n');
    await page.goto(`${web.url}/import`);
    await page.setInputFiles('input[type="file"]', { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForURL(/\/import\/[a-f0-9]{32}$/), page.click('#import-form button[type="submit"]')]);
    expect(await web.core.proposals.findByNumber('0101', '十二届五次')).toHaveLength(0);
    expect(await page.locator('#import-confirm').innerText()).toBe('确认导入：新增 1 件');
    await Promise.all([page.waitForURL(/\/run$/), page.click('#import-confirm')]);
    expect(await page.locator('#import-result').innerText()).toContain('新增 1 件');
    expect(await web.core.proposals.findByNumber('0101', '十二届五次')).toHaveLength(1);
  });

  it('shows same-number rows that differ side by side before confirming, and updates only the rows chosen, on the trail', async () => {
    const csv = [
      '届次,提案号,案由,第一提案人,办理类型',
      '十二届五次,0001,关于发展庭院经济促进农民增收的提案,陈委员,主办',
      '十二届五次,0002,关于易地搬迁的另一件提案,刘委员,主办',
      '十二届五次,0111,关于农村电网改造的提案,陈委员,主办',
    ].join('\n');
    const p1Before = (await web.core.proposals.findById(seeded.p1.id))!;
    await page.goto(`${web.url}/import`);
    await page.setInputFiles('input[type="file"]', { name: 'conflicts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForURL(/\/import\/[a-f0-9]{32}$/), page.click('#import-form button[type="submit"]')]);
    expect(await page.locator('#import-conflicts-title').innerText()).toContain('不一致的 2 件');
    const row = page.locator('#import-conflicts tr[data-line="2"]');
    expect(await row.locator('td.was').innerText()).toBe(p1Before.title);
    expect(await row.locator('td.now').innerText()).toBe('关于发展庭院经济促进农民增收的提案');
    // Skip is the default; nothing was written by the preview.
    expect(await page.locator('input[name="choice-3"][value="skip"]').isChecked()).toBe(true);
    expect((await web.core.proposals.findById(seeded.p1.id))!.version).toBe(p1Before.version);
    await page.check('input[name="choice-2"][value^="update:"]');
    expect(await page.locator('#import-confirm').innerText()).toContain('新增 1 件，不一致的 2 件按上面的选择处理');
    await Promise.all([page.waitForURL(/\/run$/), page.click('#import-confirm')]);
    expect(await page.locator('#import-updated').innerText()).toContain('按文件更新台账 1 件');
    const p1 = (await web.core.proposals.findById(seeded.p1.id))!;
    expect(p1.title).toBe('关于发展庭院经济促进农民增收的提案');
    expect({ action: p1.events.at(-1)!.action, note: p1.events.at(-1)!.note }).toEqual({ action: 'correct', note: '按导入文件“conflicts.csv”第 2 行更正' });
    expect((await web.core.proposals.findById(seeded.p2.id))!.title).toBe('关于加强易地搬迁后续扶持的提案');
    expect(await web.core.proposals.findByNumber('0111', '十二届五次')).toHaveLength(1);
  });

  it('offers a template to fill in that imports as it is', async () => {
    await page.goto(`${web.url}/import`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#import-template')]);
    expect(download.suggestedFilename()).toBe('提案清单模板.xlsx');
    const table = await readXlsxTable(readFileSync((await download.path())!));
    expect(table.headers).toEqual([
      '届次',
      '提案号',
      '案由',
      '第一提案人',
      '联名提案人',
      '界别',
      '立案日期',
      '办理类型',
      '主办单位',
      '协办单位',
      '是否重点提案',
      '内容摘要',
      '类别',
    ]);
    expect(table.rows[0]!['办理类型']).toBe('主办');
    expect(table.rows[0]!['类别']).toBe('提案');
  });

  it('advances a proposal from the chat simulator and the board shows it in the next column', async () => {
    await page.goto(`${web.url}/sim`);
    await page.selectOption('#sim-as', 'kf-staff');
    await page.fill('#sim-text', '查 0001');
    await page.click('#sim-form button[type="submit"]');
    const advance = page.locator('.msg.bot .card-buttons button', { hasText: '推进到沟通' });
    await advance.waitFor();
    await advance.click();
    await page.locator('.msg.bot', { hasText: '沟通' }).last().waitFor();
    await expect.poll(async () => (await web.core.ledger.get(seeded.p1.id, actorOf(people.coordinator))).stage).toBe('communicating');
    // The board reads the ledger view, which may learn of the change a moment after the document has it.
    await expect
      .poll(
        async () => {
          await page.goto(`${web.url}/board`);
          return page.locator('td[data-stage="communicating"] .card[data-number="0001"]').count();
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(1);
    expect(await page.locator('td[data-stage="researching"] .card[data-number="0001"]').count()).toBe(0);
  });

  it('the simulator starts as the coordinator, keeps one log per person and disables buttons a later step made stale', async () => {
    await page.goto(`${web.url}/sim`);
    expect(await page.locator('#sim-as').inputValue()).toBe(people.coordinator.userid);
    await page.selectOption('#sim-as', 'kf-staff');
    await page.fill('#sim-text', '查 0004');
    await page.click('#sim-form button[type="submit"]');
    const card = page.locator('.person-log[data-as="kf-staff"] .msg.bot', { hasText: '0004' }).last();
    await card.locator('.card-buttons button').first().waitFor();
    // Someone else's log does not show it; coming back, it is still there.
    await page.selectOption('#sim-as', people.coordinator.userid);
    await expect.poll(() => page.locator('.person-log[data-as="kf-staff"]').isVisible()).toBe(false);
    await page.selectOption('#sim-as', 'kf-staff');
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.locator('.card-buttons button:disabled').count()).toBe(0);
    // The coordinator chases 0004 elsewhere: the handler's card was made for the version before.
    await web.core.ledger.perform({ id: seeded.p4.id }, { type: 'chase', note: '请加快' }, actorOf(people.coordinator), 'web');
    await expect.poll(() => card.locator('.card-buttons button:not(:disabled)').count(), { timeout: 20_000 }).toBe(0);
    expect(await card.innerText()).toContain('按钮已失效');
  });

  it('shows the three 100% targets with a chart per measure', async () => {
    await page.goto(`${web.url}/metrics`);
    const tiles = await page.locator('.tile .label').allInnerTexts();
    expect(tiles.slice(0, 3)).toEqual(['按时办复率', '见面沟通率', '主办件满意率']);
    expect(await page.locator('figure.chart svg').count()).toBe(3);
    expect(await page.locator('tr[data-division="kfzd"]').innerText()).toContain('开发指导处');
    await page.screenshot({ path: join(SCREENSHOTS, 'metrics.png'), fullPage: true });
  });

  it('fits a phone screen: the board scrolls sideways inside its frame, not the page', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${web.url}/board`);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(400);
    await phone.close();
  });
});
