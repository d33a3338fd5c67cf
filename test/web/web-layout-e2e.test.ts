/**
 * Layout facts that matter, in Debian's Chromium at a desk (1440×900) and on a phone inside WeCom
 * (390×844), for every page each role opens, with a ledger of 1,000 proposals: no page scrolls
 * sideways on the phone, the board's height stays bounded however many proposals wait in one
 * stage, and the 流程图's node counts are the ledger's.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES, type Proposal } from '../../src/domain/model.js';
import { LEDGER_PAGE_ROWS } from '../../src/web/pages/ledger.page.js';
import { SESSION_COOKIE } from '../../src/web/session.js';
import { newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { actorOf, draftReply, seedLedger, startWeb, type WebHarness } from './web-harness.js';

useTestDb();

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'tiantong-shots-'));
const MANY = 1000;

let web: WebHarness;
let context: BrowserContext;
let profile: string;
let p1: Proposal;

type Who = 'coordinator' | 'leader' | 'head' | 'handler' | 'member';
const ROLES: Who[] = ['coordinator', 'leader', 'head', 'handler', 'member'];
const VIEWPORTS = { desk: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** The pages a role can open, from its navigation plus a proposal of theirs. */
function pagesOf(who: Who): string[] {
  const own = [`/proposals/${p1.id}`];
  if (who === 'member') return ['/home', '/board', ...own];
  const staff = ['/home', '/board', '/ledger', '/metrics', ...own];
  return who === 'coordinator' ? [...staff, '/import', '/admin/outbox', '/admin/jobs', '/sim'] : staff;
}

async function pageAs(who: Who, viewport: { width: number; height: number }): Promise<Page> {
  const { cookie } = web.cookieFor(people[who].userid);
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const value = cookie.slice(`${SESSION_COOKIE}=`.length);
  await context.addCookies([{ name: SESSION_COOKIE, value, url: web.url }]);
  return page;
}

beforeAll(async () => {
  web = await startWeb();
  ({ p1 } = await seedLedger(web.core));
  await draftReply(web.core, p1.id);
  // A long queue waiting in 登记, as after the session's list arrives.
  const inputs = Array.from({ length: MANY }, (_, i) =>
    newProposalInput({
      number: String(1000 + i),
      title: `关于第${i}项乡村振兴工作的提案`,
      isKey: i % 17 === 0,
      handlingType: i % 5 === 0 ? 'co' : 'lead',
      externalLeadUnit: i % 5 === 0 ? '省民政厅' : undefined,
    }),
  );
  await web.core.ledger.registerMany(inputs, actorOf(people.coordinator), 'web');
  profile = mkdtempSync(join(tmpdir(), 'tiantong-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: VIEWPORTS.desk,
    locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await web?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('every page each role opens, on a phone', () => {
  for (const who of ROLES) {
    it(`${who}: nothing scrolls sideways at 390 px`, async () => {
      const page = await pageAs(who, VIEWPORTS.phone);
      try {
        for (const path of pagesOf(who)) {
          const res = await page.goto(`${web.url}${path}`);
          expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect({ path, width }).toEqual({ path, width: Math.min(width, VIEWPORTS.phone.width) });
          // The README shows the member's home and their proposal as a phone sees them.
          if (who === 'member') {
            mkdirSync(SCREENSHOTS, { recursive: true });
            if (path !== '/home') await page.screenshot({ path: join(SCREENSHOTS, `phone-${who}${path === '/board' ? '' : '-proposal'}.png`) });
          }
        }
      } finally {
        await page.close();
      }
    }, 120_000);
  }
});

describe('the home page of each role, on a phone', () => {
  const TILES: Record<Exclude<Who, 'member'>, string[]> = {
    coordinator: ['assign', 'overdue', 'dueSoon', 'key'],
    leader: ['sign', 'overdue', 'key'],
    head: ['accept', 'overdue', 'dueSoon'],
    handler: ['mine', 'overdue', 'dueSoon'],
  };
  for (const [who, keys] of Object.entries(TILES) as [Exclude<Who, 'member'>, string[]][]) {
    it(`${who}: the few numbers that matter, two to a row, each opening a list of as many proposals`, async () => {
      const page = await pageAs(who, VIEWPORTS.phone);
      try {
        await page.goto(`${web.url}/home`);
        const tiles = await page.locator('a.tile-link').evaluateAll((as) =>
          as.map((a) => ({
            key: a.getAttribute('data-tile'),
            n: Number(a.querySelector('.value')?.textContent),
            href: a.getAttribute('href'),
            top: Math.round(a.getBoundingClientRect().top),
          })),
        );
        expect(tiles.map((x) => x.key)).toEqual(keys);
        expect(tiles[0]!.top).toBe(tiles[1]!.top);
        // Leaders see the three 100% rates with the counts behind them; a division head does not.
        expect(await page.locator('.home-rates .tile').count()).toBe(who === 'leader' || who === 'coordinator' ? 3 : 0);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, `phone-home-${who}.png`) });
        for (const tile of tiles) {
          await page.goto(`${web.url}${tile.href}`);
          // As many proposals as the tile says: all of them, or the first page of them and their number.
          await expect.poll(() => page.locator('table.ledger tbody tr').count()).toBe(Math.min(tile.n, LEDGER_PAGE_ROWS));
          expect(await page.locator('p.actions .hint').textContent()).toBe(`共 ${tile.n} 件`);
        }
      } finally {
        await page.close();
      }
    }, 120_000);
  }

  it('member: home is their own proposals', async () => {
    const page = await pageAs('member', VIEWPORTS.phone);
    try {
      await page.goto(`${web.url}/home`);
      expect(await page.locator('h1').innerText()).toBe('我的提案');
      expect(await page.locator('a.card[data-number="0001"]').count()).toBe(1);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('the 流程图 with 1,000 proposals', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`${name}: the page stays short and each node counts what the ledger lists`, async () => {
      const page = await pageAs('coordinator', viewport);
      try {
        await page.goto(`${web.url}/board`);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        expect(height).toBeLessThan(viewport.height * 4);
        const svg = name === 'desk' ? 'svg.flow-wide' : 'svg.flow-tall';
        await expect.poll(() => page.locator(svg).isVisible()).toBe(true);
        const counts = Object.fromEntries(
          await page.locator(`${svg} a.node`).evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-stage'), Number(n.getAttribute('data-count'))])),
        ) as Record<string, number>;
        const all = await web.core.proposals.find({});
        for (const stage of STAGES) expect({ stage, count: counts[stage] }).toEqual({ stage, count: all.filter((p) => p.stage === stage).length });
        // The long column is cut short and says how many more there are.
        await expect.poll(() => page.locator('td[data-stage="registered"][data-lane="lead"] .card').count()).toBe(6);
        await expect.poll(() => page.locator('td[data-stage="registered"][data-lane="lead"] .more').innerText()).toMatch(/另有 \d+ 件/);
        mkdirSync(SCREENSHOTS, { recursive: true });
        if (name === 'phone') await page.screenshot({ path: join(SCREENSHOTS, 'board-phone-1000.png') });
        // A node opens the list of its stage, and the list has as many rows as the node said.
        await Promise.all([page.waitForURL(/\/ledger\?.*stage=researching/), page.locator(`${svg} a.node[data-stage="researching"]`).click()]);
        await expect.poll(() => page.locator('table.ledger tbody tr').count()).toBe(counts.researching);
      } finally {
        await page.close();
      }
    }, 120_000);
  }

  it('a quick filter keeps only the overdue cards and says so on its chip', async () => {
    const page = await pageAs('coordinator', VIEWPORTS.desk);
    try {
      await page.goto(`${web.url}/board`);
      await Promise.all([page.waitForURL(/due=overdue/), page.click('a.chip[data-quick="overdue"]')]);
      await expect.poll(() => page.locator('a.chip[data-quick="overdue"]').getAttribute('aria-pressed')).toBe('true');
      const states = await page.locator('table.board .card').evaluateAll((cards) => cards.map((c) => c.className));
      expect(states.length).toBeGreaterThan(0);
      expect(states.every((c) => c.includes('state-overdue'))).toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);
});
