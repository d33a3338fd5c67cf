/**
 * The year's work report figures (domain/report/work-report.ts) against a seeded year
 * (test/fixtures/work-report.fixture.ts); its document is test/documents/work-report.unit.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { buildWorkReport } from '../../src/domain/report/work-report.js';
import { policy } from '../fixtures/ledger.fixture.js';
import { EXPECTED } from '../fixtures/source-ledger.fixture.js';
import { seededYear, YEAR_2026 } from '../fixtures/work-report.fixture.js';

const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;

describe('work report figures', () => {
  const all = seededYear();
  const inYear = all.filter((p) => p.number !== '0901' && p.number !== '0902');
  const report = buildWorkReport(all, YEAR_2026, policy.metrics);
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
