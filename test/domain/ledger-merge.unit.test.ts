import { beforeEach, describe, expect, it } from 'vitest';
import { LedgerService } from '../../src/domain/ledger.service.js';
import type { Proposal } from '../../src/domain/model.js';
import { actor, divisions, newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { memoryLedgerService } from '../support/memory-ledger.js';

let now: Date;
let { proposals, directory, ledger } = memoryLedgerService({ now: () => now });
const as = (who: keyof typeof people) => actor(people[who]);
beforeEach(() => {
  now = new Date('2026-03-02T02:00:00Z');
  ({ proposals, directory, ledger } = memoryLedgerService({ now: () => now }));
});
const get = async (p: Proposal) => (await proposals.findById(p.id))!;

async function seed(): Promise<[Proposal, Proposal, Proposal]> {
  await directory.sync({ divisions, people: Object.values(people) });
  const { created } = await ledger.registerMany(
    [
      newProposalInput({ number: '0001', title: '关于完善农村养老服务体系的提案' }),
      newProposalInput({ number: '0002', title: '关于发展农村互助养老的提案', proposers: [{ name: '刘委员', userid: 'wy-liu' }] }),
      newProposalInput({ number: '0003', title: '关于高标准农田建设的提案' }),
    ],
    as('coordinator'),
    'cli',
  );
  return created as [Proposal, Proposal, Proposal];
}

describe('并案: merged cases follow their lead and keep their own member', () => {
  it('a reply on the lead answers the merged case; each counts, each member rates their own', async () => {
    const [lead, follower, other] = await seed();
    await expect(ledger.merge(lead.id, [follower.id], as('head'), 'web')).rejects.toMatchObject({
      code: 'forbidden',
      refusal: { reason: 'forbidden', allowed: ['coordinator'] },
    });
    await ledger.merge(lead.id, [follower.id], as('coordinator'), 'web');
    await expect(ledger.perform({ id: follower.id }, { type: 'assign', leadDivision: 'kfzd' }, as('coordinator'), 'web')).rejects.toMatchObject({
      refusal: { reason: 'mergedFollower', lead: '0001' },
    });

    const step = (who: keyof typeof people, cmd: Parameters<LedgerService['perform']>[1], id = lead.id) => ledger.perform({ id }, cmd, as(who), 'console');
    await step('coordinator', { type: 'assign', leadDivision: 'kfzd' });
    expect(await get(follower)).toMatchObject({ stage: 'assigned', leadDivision: 'kfzd', responsibleUserid: 'kf-head' });
    await step('head', { type: 'accept' });
    await step('head', { type: 'designate', handlerUserid: 'kf-staff' });
    await step('handler', { type: 'advance' });
    await step('handler', { type: 'logContact', phase: 'before', method: 'visit', summary: '上门听取陈委员意见' });
    // The merged case's own member is contacted on that case, and it counts there.
    await step('coordinator', { type: 'logContact', phase: 'before', method: 'meeting', summary: '与刘委员座谈' }, follower.id);
    await step('handler', { type: 'advance' });
    await step('handler', { type: 'draftReply', summary: '采纳建议', outcome: 'A', measures: ['建设互助幸福院 20 个'] });
    await step('handler', { type: 'advance' });
    await step('leader', { type: 'signOff', approve: true });
    now = new Date('2026-04-20T02:00:00Z');
    await step('handler', { type: 'sendReply', docNo: '乡振函〔2026〕5号' });

    const f = await get(follower);
    expect(f).toMatchObject({ stage: 'supervising', reply: { docNo: '乡振函〔2026〕5号', outcome: 'A' }, facts: { replied: true, repliedOnTime: true } });
    expect(f.contacts.map((c) => c.summary)).toEqual(['与刘委员座谈']);
    expect(f.events.at(-1)).toMatchObject({ action: 'followLead', actor: { userid: 'system' } });

    // The measure is supervised once, on the lead; the merged case shows the same progress.
    const measureId = (await get(lead)).measures[0]!.id;
    await step('handler', { type: 'superviseMeasure', measureId, note: '已建成 20 个', done: true });
    expect((await get(follower)).measures[0]).toMatchObject({ status: 'done' });

    await expect(step('member', { type: 'feedback', rating: 'satisfied' }, follower.id)).rejects.toMatchObject({ refusal: { reason: 'notInScope' } });
    await ledger.perform({ id: follower.id }, { type: 'feedback', rating: 'basic' }, actor(people.otherMember), 'console');
    await step('member', { type: 'feedback', rating: 'satisfied' });
    expect((await get(follower)).feedback.map((x) => x.rating)).toEqual(['basic']);

    const { all } = await ledger.metrics();
    expect(all).toMatchObject({ total: 3, replied: 2, outcomes: { A: 2, B: 0, C: 0 }, ratings: { satisfied: 1, basic: 1 } });
    expect(all.onTime).toMatchObject({ num: 2, den: 2 });
    expect(all.faceToFace).toMatchObject({ num: 2, den: 2 });
    expect(all.delivery).toMatchObject({ num: 2, den: 2 });
    expect((await get(other)).stage).toBe('registered');
  });

  it('unmerging is audited on both cases and the case goes on alone', async () => {
    const [lead, follower] = await seed();
    await ledger.merge(lead.id, [follower.id], as('coordinator'), 'web');
    await expect(ledger.unmerge(follower.id, ' ', as('coordinator'), 'web')).rejects.toMatchObject({ refusal: { reason: 'missing', field: 'unmergeReason' } });
    await ledger.unmerge(follower.id, '内容不同，分开办理', as('coordinator'), 'web');
    const [l, f] = [await get(lead), await get(follower)];
    expect(f.mergedInto).toBeUndefined();
    expect(l.merged).toBeUndefined();
    expect(f.events.at(-1)).toMatchObject({ action: 'unmergeFrom', note: '内容不同，分开办理', actor: { userid: 'zf-staff' } });
    expect(l.events.at(-1)).toMatchObject({ action: 'unmergeLead', note: '0002：内容不同，分开办理' });
    await ledger.perform({ id: follower.id }, { type: 'assign', leadDivision: 'shbf' }, as('coordinator'), 'web');
    expect((await get(follower)).leadDivision).toBe('shbf');
  });

  it('a merge interrupted after the merged case was written is finished by running it again', async () => {
    const [lead, follower, other] = await seed();
    // The state a crash between the two writes leaves: the case points at the lead, the lead does not list it.
    await ledger.perform(
      { id: follower.id },
      { type: 'mergeInto', lead: { id: lead.id, session: lead.session, number: lead.number } },
      as('coordinator'),
      'web',
    );
    expect((await get(lead)).merged).toBeUndefined();
    await expect(ledger.perform({ id: follower.id }, { type: 'assign', leadDivision: 'kfzd' }, as('coordinator'), 'web')).rejects.toMatchObject({
      refusal: { reason: 'mergedFollower', lead: '0001' },
    });

    await ledger.merge(lead.id, [follower.id], as('coordinator'), 'web');
    expect((await get(lead)).merged?.map((x) => x.number)).toEqual(['0002']);
    expect((await get(follower)).events.filter((e) => e.action === 'mergeInto')).toHaveLength(1);
    await expect(ledger.merge(other.id, [follower.id], as('coordinator'), 'web')).rejects.toMatchObject({
      refusal: { reason: 'mergeAlreadyElsewhere', number: '0002', lead: '0001' },
    });
    await expect(ledger.merge(follower.id, [other.id], as('coordinator'), 'web')).rejects.toMatchObject({ refusal: { reason: 'mergeLeadIsFollower' } });
  });
});
