/** A ledger of more than one page: the 台账 shows it page by page, and the export still holds every case. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_PAGE_ROWS } from '../../src/web/pages/ledger.page.js';
import { sourceShapedLedger } from '../fixtures/source-ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { waitUntil } from '../support/wait.js';
import { startWeb, type WebHarness } from './web-harness.js';

useTestDb();
const TOTAL = 2 * LEDGER_PAGE_ROWS + 3;
let web: WebHarness;

beforeAll(async () => {
  web = await startWeb();
  const base = sourceShapedLedger();
  await web.core.proposals.insertMany(
    Array.from({ length: TOTAL }, (_, i) => ({ ...base[i % base.length]!, id: randomUUID(), number: String(i + 1).padStart(5, '0') })),
  );
  await waitUntil('the view holds every case', async () => (await web.core.view.current()).size === TOTAL);
});
afterAll(() => web.close());

const page = async (q: string) => {
  const body = await (await fetch(`${web.url}/ledger${q}`, { headers: { cookie: web.cookieFor('zf-staff').cookie } })).text();
  return { body, numbers: [...body.matchAll(/<tr data-number="(\d+)"/g)].map((m) => Number(m[1])) };
};

describe('the 台账 in pages', () => {
  it('shows the first page with where it stands and a link to the next, then the last page with the rest', async () => {
    const first = await page('');
    expect(first.numbers).toEqual(Array.from({ length: LEDGER_PAGE_ROWS }, (_, i) => i + 1));
    expect(first.body).toContain(`第 1–${LEDGER_PAGE_ROWS} 件，共 ${TOTAL} 件`);
    expect(first.body).toContain('下一页 ›');
    expect(first.body).not.toContain('‹ 上一页');

    const last = await page('?page=3');
    expect(last.numbers).toEqual([TOTAL - 2, TOTAL - 1, TOTAL]);
    expect(last.body).toContain(`第 ${2 * LEDGER_PAGE_ROWS + 1}–${TOTAL} 件，共 ${TOTAL} 件`);
    expect(last.body).toContain('‹ 上一页');
    expect(last.body).not.toContain('下一页 ›');
  });

  it('keeps the sort on every page, and reads a page past the end as the last one and a bad one as the first', async () => {
    expect((await page('?sort=number&dir=desc&page=2')).numbers[0]).toBe(TOTAL - LEDGER_PAGE_ROWS);
    expect((await page('?page=99')).numbers).toEqual([TOTAL - 2, TOTAL - 1, TOTAL]);
    expect((await page('?page=abc')).numbers[0]).toBe(1);
  });

  it('exports every case, not one page', async () => {
    const csv = await (await fetch(`${web.url}/ledger/export.csv`, { headers: { cookie: web.cookieFor('zf-staff').cookie } })).text();
    expect(csv.trim().split('\n').length).toBeGreaterThan(TOTAL);
  });
});
