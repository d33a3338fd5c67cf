/**
 * 更正台账 in the domain: only the coordinator corrects, every change is kept on the trail as
 * before → after with the reason, and a correction that would break the case is refused.
 */
import { describe, expect, it } from 'vitest';
import type { Correction } from '../../src/domain/correction.js';
import type { Proposal } from '../../src/domain/model.js';
import { decide } from '../../src/domain/workflow.js';
import { describeCorrection } from '../../src/present/correction.js';
import { actor, ctxAt, people, refusal, said, registered } from '../fixtures/ledger.fixture.js';

const NOW = new Date('2026-09-28T02:00:00Z');
type Who = keyof typeof people;
const correct = (p: Proposal, who: Who, fields: Correction, reason = '与原件核对') =>
  decide(p, { type: 'correct', fields, reason }, actor(people[who]), ctxAt(NOW));

describe('更正台账', () => {
  it('the coordinator corrects 案由 and 提案人; the trail says before → after and why', () => {
    const p = registered({ title: '关于发展庭园经济的提案', coSigners: ['张委员'] });
    const { next, event } = correct(p, 'coordinator', {
      title: '关于发展庭院经济的提案',
      proposers: [
        { name: '陈委员', userid: 'wy-chen' },
        { name: '刘委员', userid: 'wy-liu' },
      ],
      coSigners: ['张委员'],
    });
    expect(next.title).toBe('关于发展庭院经济的提案');
    expect(next.proposers.map((x) => x.name)).toEqual(['陈委员', '刘委员']);
    expect({ action: event.action, note: event.note, by: event.actor.userid }).toEqual({ action: 'correct', note: '与原件核对', by: 'zf-staff' });
    expect(describeCorrection(event)).toEqual(['案由：关于发展庭园经济的提案 → 关于发展庭院经济的提案', '提案人：陈委员 → 陈委员、刘委员']);
  });

  it('is refused to every other role, naming who may', () => {
    const p = registered();
    for (const who of ['leader', 'head', 'handler', 'member'] as const) {
      const e = refusal(() => correct(p, who, { title: '改一下' }));
      expect(e.code).toBe('forbidden');
      expect(e.refusal).toMatchObject({ reason: 'forbidden', allowed: ['coordinator'] });
      expect(said(e)).toContain('政策法规处提案协调人员');
    }
  });

  it('refuses a correction that changes nothing, has no reason, or empties the 案由', () => {
    const p = registered();
    expect(refusal(() => correct(p, 'coordinator', { title: p.title })).refusal.reason).toBe('correctionUnchanged');
    expect(refusal(() => correct(p, 'coordinator', { title: '新案由' }, '  ')).refusal.reason).toBe('correctionNeedsReason');
    expect(refusal(() => correct(p, 'coordinator', { title: ' ' })).refusal.reason).toBe('correctionNeedsTitle');
  });

  it('changes 办理类型 only before 交办, and a 协办 case needs its external lead unit', () => {
    const p = registered();
    expect(refusal(() => correct(p, 'coordinator', { handlingType: 'co' })).refusal.reason).toBe('coNeedsLeadUnit');
    const co = correct(p, 'coordinator', { handlingType: 'co', externalLeadUnit: '省民政厅' });
    expect(describeCorrection(co.event)).toEqual(['办理类型：主办 → 协办', '主办单位：（空） → 省民政厅']);
    const assigned = decide(p, { type: 'assign', leadDivision: 'kfzd' }, actor(people.coordinator), ctxAt(NOW)).next;
    expect(refusal(() => correct(assigned, 'coordinator', { handlingType: 'co', externalLeadUnit: '省民政厅' })).refusal.reason).toBe('typeAfterAssign');
    expect(correct(assigned, 'coordinator', { isKey: true, sector: null }).next.isKey).toBe(true);
  });
});
