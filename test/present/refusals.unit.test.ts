/** A refusal's facts in the words people read: the kind's words, the member's progress, labels and dates. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { describeError, refusalText } from '../../src/present/refusals.js';

describe('refusalText', () => {
  it('names the stage in the member’s words to a member, the internal label to staff', () => {
    expect(refusalText({ reason: 'wrongStageForMember', kind: 'suggestion', action: 'feedback', stage: 'reviewing', handlingType: 'lead' })).toBe(
      '您的建议目前正在研究办理，暂时不能评价。',
    );
    expect(refusalText({ reason: 'wrongStage', kind: 'proposal', action: 'signOff', stage: 'reviewing' })).toBe('这件提案目前处于“会审”环节，不能签发。');
  });

  it('labels the action the trail recorded, and says a date the Chinese way', () => {
    expect(refusalText({ reason: 'conflictBy', kind: 'proposal', who: '赵处长', action: 'accept' })).toContain('刚刚由赵处长办理了“接收”');
    expect(refusalText({ reason: 'returnWindowPassed', due: new Date('2026-10-13T08:00:00Z') })).toContain('退回期限已过（2026年10月13日）');
  });

  it('describes a domain refusal and nothing else', () => {
    expect(describeError(new DomainError('invalidInput', { reason: 'missing', field: 'reason' }))).toBe('请填写理由。');
    expect(describeError(new Error('boom'))).toBeUndefined();
  });
});
