/** 两类件: a refusal names the case and its author in the words of its kind (建议/代表 or 提案/委员). */
import { describe, expect, it } from 'vitest';
import { authorize, type ProposalScope } from '../../src/domain/permissions.js';
import { checkMerge } from '../../src/domain/merge.js';
import { actor, people, refusal, said } from '../fixtures/ledger.fixture.js';
import type { Proposal } from '../../src/domain/model.js';

const scope: ProposalScope = { leadDivision: 'kfzd', assistingDivisions: ['shbf'], handlerUserid: 'kf-staff', proposers: [] };

describe('refusals per kind', () => {
  it('names who may act on a 建议 as its deputy, and on a 提案 as its member', () => {
    expect(said(refusal(() => authorize('feedback', actor(people.handler), { ...scope, kind: 'suggestion' })))).toBe(
      '您没有这项操作的权限：只有提出建议的代表本人可以办理。',
    );
    expect(said(refusal(() => authorize('feedback', actor(people.handler), { ...scope, kind: 'proposal' })))).toBe(
      '您没有这项操作的权限：只有提案委员本人可以办理。',
    );
  });

  it('tells staff of another division that this 建议 is not theirs', () => {
    expect(said(refusal(() => authorize('advance', actor(people.otherHead), { ...scope, assistingDivisions: [], kind: 'suggestion' })))).toBe(
      '这件建议不由您所在的处室主办，无法办理。如需办理，请联系政策法规处。',
    );
  });

  it('asks for the 建议 to merge in its own words', () => {
    const lead = { id: 'a', number: '0001', kind: 'suggestion', stage: 'assigned' } as Proposal;
    expect(said(refusal(() => checkMerge(lead, [])))).toBe('请至少选择一件要并入的建议。');
  });
});
