/**
 * Everyone who must act is told: proposals walked through the ledger as the service runs it (the
 * ledger queues its notices in the real outbox as each change is stored, members' held over quiet
 * hours and sent by the notices job, re-checked), asserting for each event exactly who received what.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { withGroupRobot } from '../../src/config/schedules.config.js';
import type { Command } from '../../src/domain/commands.js';
import type { Proposal } from '../../src/domain/model.js';
import type { OutboundBody } from '../../src/shared/outbound.js';
import { at, createSim, memoryStores, outboxRows, type Sim, type Who } from './jobs.fixture.js';

let sim: Sim;
beforeAll(async () => {
  sim = await createSim({ notices: true, stores: memoryStores() });
});

/** Acts, then returns who got what for the event just recorded: `userid/purpose` → text. */
async function act(when: string, p: Proposal, who: Who, cmd: Command): Promise<{ p: Proposal; got: Record<string, string> }> {
  const next = await sim.act(when, p, who, cmd);
  return { p: next, got: await gotFor(next, next.events.length - 1) };
}

/** Text messages as they read; cards by their description (where the notice is). */
async function gotFor(p: Proposal, index: number): Promise<Record<string, string>> {
  const rows = await sim.stores.outbox.listByKeyPrefix(`notice:${p.id}:${index}:`);
  return Object.fromEntries(
    rows.map((r) => {
      const body = r.body as OutboundBody;
      const text = body.type === 'text' ? body.text : body.type === 'card' ? (body.card.description ?? '') : '';
      return [`${(r.to as { userid: string }).userid}/${r.purpose}`, text];
    }),
  );
}

describe('a handling year, event by event', () => {
  it('a 主办 case with two co-handling divisions: both co-handling heads are told at 交办', async () => {
    const p = await sim.register({ number: '0101', title: '关于发展帮扶车间的提案', receivedAt: at('2026-11-02 09:00') }, '2026-11-02 09:00');
    const { got } = await act('2026-11-02 10:00', p, 'coordinator', { type: 'assign', leadDivision: 'kfzd', assisting: ['shbf', 'zcfg'] });
    // 政策法规处's head (zf-head) is not in this directory: nothing is queued that could not be delivered.
    expect(Object.keys(got).sort()).toEqual(['bf-head/notice:assign:coDivision', 'kf-head/notice:assign:divisionHead', 'wy-chen/member-notice']);
    expect(got['bf-head/notice:assign:coDivision']).toContain('由开发指导处主办，您处室协办');
    expect(got['wy-chen/member-notice']).toContain('已交由开发指导处负责办理，社会帮扶处、政策法规处协助办理');
  });

  it('a key case: a disputed contact, an extension and a returned draft each reach the people who must act', async () => {
    let p = await sim.register({ number: '0203', title: '关于防止规模性返贫的提案', isKey: true, receivedAt: at('2026-11-02 09:00') }, '2026-11-02 09:00');
    const steps: [string, Who, Command][] = [
      ['2026-11-02 10:00', 'coordinator', { type: 'assign', leadDivision: 'kfzd' }],
      ['2026-11-02 11:00', 'head', { type: 'accept' }],
      ['2026-11-02 11:10', 'head', { type: 'designate', handlerUserid: 'kf-staff' }],
      ['2026-11-03 10:00', 'handler', { type: 'advance' }],
    ];
    for (const [when, who, cmd] of steps) p = (await act(when, p, who, cmd)).p;

    let r = await act('2026-11-04 10:00', p, 'handler', { type: 'logContact', phase: 'before', method: 'meeting', summary: '座谈听取意见' });
    expect(Object.keys(r.got)).toEqual(['wy-chen/confirmContact']);
    r = await act('2026-11-04 15:00', r.p, 'member', { type: 'confirmContact', contactId: r.p.contacts[0]!.id, agree: false, note: '我没有参加这次座谈' });
    expect(Object.keys(r.got).sort()).toEqual([
      'kf-head/notice:confirmContact:divisionHead',
      'kf-staff/notice:confirmContact:handler',
      'zf-staff/notice:confirmContact:coordinator',
    ]);
    expect(r.got['zf-staff/notice:confirmContact:coordinator']).toContain('提出异议：我没有参加这次座谈');

    r = await act('2026-11-05 10:00', r.p, 'handler', { type: 'requestExtension', days: 30, reason: '需赴三个县实地调研' });
    expect(Object.keys(r.got).sort()).toEqual(['leader1/notice:requestExtension:leader', 'zf-staff/notice:requestExtension:coordinator']);
    r = await act('2026-11-05 11:00', r.p, 'leader', { type: 'decideExtension', approve: true, note: '同意延期30天' });
    expect(Object.keys(r.got).sort()).toEqual(['kf-head/notice:decideExtension:handler', 'kf-staff/notice:decideExtension:handler']);
    expect(r.got['kf-staff/notice:decideExtension:handler']).toContain('李局长批准延期 30 天，答复期限延至 2027年2月1日');

    r = await act('2026-11-06 10:00', r.p, 'handler', { type: 'logContact', phase: 'before', method: 'phone', summary: '电话补充沟通' });
    expect(r.got).toEqual({});
    for (const [when, who, cmd] of [
      ['2026-11-06 11:00', 'handler', { type: 'advance' }],
      ['2026-11-09 10:00', 'handler', { type: 'draftReply', summary: '将帮扶车间纳入支持范围', outcome: 'B', measures: ['制定车间认定办法', '安排奖补资金'] }],
    ] as [string, Who, Command][])
      r = await act(when, r.p, who, cmd);
    r = await act('2026-11-09 11:00', r.p, 'handler', { type: 'advance' });
    expect(Object.keys(r.got)).toEqual(['leader1/notice:advance:leader']);
    expect(r.got['leader1/notice:advance:leader']).toContain('答复摘要：将帮扶车间纳入支持范围');
    r = await act('2026-11-09 15:00', r.p, 'leader', { type: 'signOff', approve: false, note: '措施第2项请写明资金数额' });
    expect(Object.keys(r.got).sort()).toEqual(['kf-head/notice:signOff:handler', 'kf-staff/notice:signOff:handler']);
    expect(r.got['kf-staff/notice:signOff:handler']).toContain('退回了答复稿，意见：措施第2项请写明资金数额');
  });

  it('at night members hear nothing; in the morning one current message, and no rating card once rated', async () => {
    let p = await sim.register({ number: '0301', title: '关于完善驻村帮扶的提案', receivedAt: at('2026-11-09 09:00') }, '2026-11-09 09:00');
    const steps: [string, Who, Command][] = [
      ['2026-11-09 10:00', 'coordinator', { type: 'assign', leadDivision: 'kfzd' }],
      ['2026-11-09 11:00', 'head', { type: 'accept' }],
      ['2026-11-09 11:10', 'head', { type: 'designate', handlerUserid: 'kf-staff' }],
      ['2026-11-09 11:20', 'handler', { type: 'advance' }],
      ['2026-11-09 11:30', 'handler', { type: 'logContact', phase: 'before', method: 'phone', summary: '电话沟通' }],
      ['2026-11-09 11:40', 'handler', { type: 'advance' }],
      ['2026-11-09 11:50', 'handler', { type: 'draftReply', summary: '受条件限制暂不能解决', outcome: 'C', measures: [] }],
      ['2026-11-09 12:00', 'handler', { type: 'advance' }],
      ['2026-11-09 14:00', 'leader', { type: 'signOff', approve: true }],
    ];
    for (const [when, who, cmd] of steps) p = await sim.act(when, p, who, cmd);
    const sent = await act('2026-11-09 21:00', p, 'handler', { type: 'sendReply', docNo: '乡振函〔2026〕30号' });
    expect(sent.got).toEqual({});
    const rated = await act('2026-11-09 22:00', sent.p, 'member', {
      type: 'feedback',
      rating: 'dissatisfied',
      comment: '答复没有回应帮扶车间用地问题，措施不具体',
    });
    // Staff are told at once, with the member's reason.
    expect(Object.keys(rated.got).sort()).toEqual([
      'kf-head/notice:feedback:handler',
      'kf-staff/notice:feedback:handler',
      'leader1/notice:feedback:leader',
      'zf-staff/notice:feedback:coordinator',
    ]);
    expect(rated.got['kf-staff/notice:feedback:handler']).toContain('理由：答复没有回应帮扶车间用地问题，措施不具体');

    const scheduler = sim.scheduler();
    await scheduler.runDue(at('2026-11-10 07:00'));
    expect(await gotFor(sent.p, sent.p.events.length - 1)).toEqual({});
    await scheduler.runDue(at('2026-11-10 08:00'));
    await scheduler.stop();
    const morning = await gotFor(sent.p, sent.p.events.length - 1);
    expect(Object.keys(morning)).toEqual(['wy-chen/member-notice']);
    expect(morning['wy-chen/member-notice']).toContain('已正式答复（乡振函〔2026〕30号），答复结果为C类（因条件限制暂不能解决或留作参考）。');
    expect(morning['wy-chen/member-notice']).not.toContain('措施');
  });

  it('without a group robot webhook the weekly summary goes to the leaders only, nothing undeliverable queued', async () => {
    const scheduler = sim.scheduler({ config: withGroupRobot(sim.config, false) });
    await scheduler.runDue(at('2026-11-16 08:30'));
    await scheduler.stop();
    const weekly = (await outboxRows(sim.stores.outbox)).filter((r) => r.key.startsWith('weekly:2026-W46:'));
    expect(weekly.map((r) => r.to).sort()).toEqual(['leader1', 'leader2']);
    expect((await outboxRows(sim.stores.outbox)).filter((r) => r.to === 'groupRobot' && r.key.startsWith('weekly:2026-W46:'))).toEqual([]);
  });
});
