import { describe, expect, it } from 'vitest';
import { linkProposers, membersByName } from '../../src/domain/member-links.js';
import type { Person } from '../../src/domain/model.js';

const member = (userid: string, name: string, sector?: string, over: Partial<Person> = {}): Person => ({
  userid,
  name,
  roles: ['member'],
  active: true,
  ...(sector && { sector }),
  ...over,
});

describe('linking proposers to the directory', () => {
  it('links a name only one member has, and keeps links already made', () => {
    const byName = membersByName([member('chen', '陈委员'), member('liu2', '刘委员')]);
    const r = linkProposers({ proposers: [{ name: '陈委员' }, { name: '刘委员', userid: 'liu1' }, { name: '张委员' }] }, byName);
    expect(r.proposers).toEqual([{ name: '陈委员', userid: 'chen' }, { name: '刘委员', userid: 'liu1' }, { name: '张委员' }]);
    expect(r.linked).toEqual(['陈委员']);
    expect(r.ambiguous).toEqual([]);
  });

  it('a renamed member is found by the new name', () => {
    const before = membersByName([member('chen', '陈伟员')]);
    expect(linkProposers({ proposers: [{ name: '陈委员' }] }, before).proposers).toBeUndefined();
    const after = membersByName([member('chen', '陈委员')]);
    expect(linkProposers({ proposers: [{ name: '陈委员' }] }, after).proposers).toEqual([{ name: '陈委员', userid: 'chen' }]);
  });

  it("tells namesakes apart by the proposal's 界别, and reports them when it cannot", () => {
    const byName = membersByName([member('yj1', '姚娟', '农工党'), member('yj2', '姚娟', '致公党')]);
    expect(linkProposers({ proposers: [{ name: '姚娟' }], sector: '致公党' }, byName).proposers).toEqual([{ name: '姚娟', userid: 'yj2' }]);
    const unsure = linkProposers({ proposers: [{ name: '姚娟' }], sector: '九三学社' }, byName);
    expect(unsure.proposers).toBeUndefined();
    expect(unsure.ambiguous).toEqual([{ name: '姚娟', userids: ['yj1', 'yj2'] }]);
  });

  it('ignores staff and people no longer active', () => {
    const byName = membersByName([member('x', '陈委员', undefined, { active: false }), member('y', '陈委员', undefined, { roles: ['handler'] })]);
    expect(linkProposers({ proposers: [{ name: '陈委员' }] }, byName)).toEqual({ linked: [], ambiguous: [] });
  });
});
