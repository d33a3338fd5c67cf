/**
 * Desk work on the web: each action allowed for the roles the domain allows and refused for the
 * others, recorded as the same audit event as in chat (channel 网页控制台) with a label that says
 * what it did; a form left open while the case moved on is refused; no CSRF token, no change.
 */
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/domain/model.js';
import { newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { actorOf, draftReply, useSeededWeb } from './web-harness.js';

type Who = keyof typeof people;
const { web, seeded } = useSeededWeb();

const current = async (p: Proposal) => (await web.core.proposals.findById(p.id))!;

/** Posts a desk form as `who`, with the proposal's current version unless another is given. */
async function act(who: Who, p: Proposal, fields: Record<string, string>, o: { version?: number; csrf?: boolean } = {}) {
  const { cookie, csrf } = web.cookieFor(people[who].userid);
  const version = o.version ?? (await current(p)).version;
  const body = new URLSearchParams({ ...(o.csrf === false ? {} : { _csrf: csrf }), version: String(version), ...fields });
  const res = await fetch(`${web.url}/proposals/${p.id}/act`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

const lastEvent = async (p: Proposal) => (await current(p)).events.at(-1)!;
const pageOf = async (who: Who, p: Proposal, query = '') =>
  (await fetch(`${web.url}/proposals/${p.id}${query}`, { headers: { cookie: web.cookieFor(people[who].userid).cookie } })).text();

describe('交办', () => {
  it('is refused to a division head and done by the coordinator, logged as 交办 → the division', async () => {
    const refused = await act('head', seeded.p3, { action: 'assign', leadDivision: 'shbf' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('政策法规处提案协调人员');
    const done = await act('coordinator', seeded.p3, { action: 'assign', leadDivision: 'shbf', note: '请社会帮扶处牵头' });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/proposals/${seeded.p3.id}?done=assign`);
    const e = await lastEvent(seeded.p3);
    expect({ action: e.action, channel: e.channel, by: e.actor.userid, to: e.toStage }).toEqual({
      action: 'assign',
      channel: 'web',
      by: 'zf-staff',
      to: 'assigned',
    });
    const page = await pageOf('coordinator', seeded.p3, '?done=assign');
    expect(page).toContain('已交办。');
    expect(page).toContain('交办 → 社会帮扶处');
    expect(page).toContain('网页控制台');
  });
});

describe('协办处室 on the 交办 and 改派 forms', () => {
  it('refuses a division as both lead and co-handler, saying so; takes co-handlers by their short names', async () => {
    const { created } = await web.core.ledger.registerMany(
      [newProposalInput({ number: '0190', title: '关于产业帮扶的提案' })],
      actorOf(people.coordinator),
      'web',
    );
    const p = created[0]!;
    expect(await pageOf('coordinator', p)).toContain('name="assisting"');
    const refused = await act('coordinator', p, { action: 'assign', leadDivision: 'kfzd', assisting: '开发处' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('开发指导处不能既是主办处室又是协办处室：请从协办处室中去掉它，或另选主办处室。');
    expect((await current(p)).version).toBe(p.version);
    expect((await act('coordinator', p, { action: 'assign', leadDivision: 'kfzd', assisting: '帮扶处' })).status).toBe(302);
    expect((await current(p)).assistingDivisions).toEqual(['shbf']);
    const back = await act('coordinator', p, { action: 'reassign', leadDivision: 'shbf', assisting: '社会帮扶处', reason: '职责调整' });
    expect(back.text).toContain('社会帮扶处不能既是主办处室又是协办处室');
  });
});

describe('催办', () => {
  it('the coordinator and leaders chase; a handler may not', async () => {
    expect((await act('handler', seeded.p1, { action: 'chase', note: '请尽快沟通' })).status).toBe(403);
    for (const who of ['coordinator', 'leader'] as const) {
      expect((await act(who, seeded.p1, { action: 'chase', note: `${who} 请尽快沟通` })).status).toBe(302);
      const e = await lastEvent(seeded.p1);
      expect({ action: e.action, by: e.actor.userid, note: e.note }).toEqual({ action: 'chase', by: people[who].userid, note: `${who} 请尽快沟通` });
    }
  });
});

describe('延期 decisions', () => {
  it('a division head cannot decide; the coordinator approves, logged as 批准延期', async () => {
    await web.core.ledger.perform({ id: seeded.p1.id }, { type: 'requestExtension', days: 20, reason: '需要补充调研' }, actorOf(people.handler), 'web');
    expect((await act('head', seeded.p1, { action: 'decideExtension', decision: 'approve' })).status).toBe(403);
    expect(await pageOf('coordinator', seeded.p1)).toContain('申请延期 20 天：需要补充调研');
    expect((await act('coordinator', seeded.p1, { action: 'decideExtension', decision: 'approve', note: '同意' })).status).toBe(302);
    const p = await current(seeded.p1);
    expect(p.extensions[0]!.status).toBe('approved');
    expect(await pageOf('coordinator', seeded.p1)).toContain('批准延期');
  });
});

describe('签发 and 签发退回', () => {
  it('only a leader signs; a return is logged as 签发退回 with its reason, then the leader signs the new draft', async () => {
    await draftReply(web.core, seeded.p1.id);
    await web.core.ledger.perform({ id: seeded.p1.id }, { type: 'advance' }, actorOf(people.handler), 'web');
    expect((await act('handler', seeded.p1, { action: 'signOff', decision: 'approve' })).status).toBe(403);
    expect((await act('coordinator', seeded.p1, { action: 'signOff', decision: 'approve' })).status).toBe(403);
    expect((await act('leader', seeded.p1, { action: 'signOff', decision: 'back', note: '措施第2项请写明资金数额' })).status).toBe(302);
    expect((await current(seeded.p1)).stage).toBe('reviewing');
    const page = await pageOf('leader', seeded.p1);
    expect(page).toContain('签发退回');
    expect(page).toContain('措施第2项请写明资金数额');
    await web.core.ledger.perform({ id: seeded.p1.id }, { type: 'advance' }, actorOf(people.handler), 'web');
    expect((await act('leader', seeded.p1, { action: 'signOff', decision: 'approve' })).status).toBe(302);
    expect((await current(seeded.p1)).stage).toBe('replying');
  });
});

describe('归档', () => {
  it('is refused at the wrong stage with the reason, and to anyone but the coordinator', async () => {
    expect((await act('head', seeded.p2, { action: 'archive' })).status).toBe(403);
    const early = await act('coordinator', seeded.p2, { action: 'archive' });
    expect(early.status).toBe(409);
    expect(early.text).toContain('不能归档');
  });
});

describe('what protects a desk action', () => {
  it('a form left open while the case moved on is refused, not applied', async () => {
    const stale = (await current(seeded.p2)).version - 1;
    const res = await act('coordinator', seeded.p2, { action: 'chase', note: '旧页面' }, { version: stale });
    expect(res.status).toBe(409);
    expect(res.text).toContain('刚刚被其他人更新');
    expect((await lastEvent(seeded.p2)).note).not.toBe('旧页面');
  });

  it('no CSRF token, no change', async () => {
    const before = (await current(seeded.p2)).version;
    expect((await act('coordinator', seeded.p2, { action: 'chase' }, { csrf: false })).status).toBe(403);
    expect((await current(seeded.p2)).version).toBe(before);
  });

  it('a bad form says what is wrong', async () => {
    const res = await act('coordinator', seeded.p2, { action: 'reassign', leadDivision: 'kfzd', reason: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('请填写改派理由');
  });

  it('the page offers each person only the forms they may use', async () => {
    const forms = async (who: Who, p: Proposal) => [...(await pageOf(who, p)).matchAll(/data-action="(\w+)"/g)].map((m) => m[1]);
    expect(await forms('member', seeded.p1)).toEqual([]);
    expect(await forms('handler', seeded.p1)).toEqual([]);
    expect(await forms('leader', seeded.p2)).toEqual(['chase']);
    expect(await forms('coordinator', seeded.p2)).toEqual(expect.arrayContaining(['reassign', 'chase']));
  });
});

describe('更正台账', () => {
  const correction = (p: Proposal, over: Record<string, string> = {}) => ({
    action: 'correct',
    title: p.title,
    summary: p.summary,
    proposers: p.proposers.map((x) => x.name).join('、'),
    coSigners: p.coSigners.join('、'),
    sector: p.sector ?? '',
    filedAt: '',
    handlingType: p.handlingType,
    externalLeadUnit: p.externalLeadUnit ?? '',
    externalCoUnits: p.externalCoUnits.join('、'),
    ...(p.isKey && { isKey: 'on' }),
    reason: '与提案原件核对',
    ...over,
  });

  it('is refused to a leader and a division head, and the ledger stays as it was', async () => {
    const before = await current(seeded.p2);
    for (const who of ['leader', 'otherHead'] as const) {
      const res = await act(who, seeded.p2, correction(before, { title: '关于改名的提案' }));
      expect(res.status).toBe(403);
    }
    expect((await current(seeded.p2)).version).toBe(before.version);
  });

  it('the coordinator corrects 案由, 提案人 and 界别 as typed; the trail shows before → after with the reason', async () => {
    const before = await current(seeded.p2);
    const res = await act(
      'coordinator',
      seeded.p2,
      correction(before, {
        title: '关于加强易地扶贫搬迁后续扶持的提案（修改）',
        proposers: '刘委员、陈委员',
        sector: '农业和农村界',
        reason: '与提案原件核对，案由漏字',
      }),
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/proposals/${seeded.p2.id}?done=correct`);
    const p = await current(seeded.p2);
    expect(p.title).toBe('关于加强易地扶贫搬迁后续扶持的提案（修改）');
    // 陈委员 is linked to the directory, so the member now sees the proposal too.
    expect(p.proposers).toEqual([
      { name: '刘委员', userid: 'wy-liu' },
      { name: '陈委员', userid: 'wy-chen' },
    ]);
    const e = p.events.at(-1)!;
    expect({ action: e.action, channel: e.channel, by: e.actor.userid, note: e.note }).toEqual({
      action: 'correct',
      channel: 'web',
      by: 'zf-staff',
      note: '与提案原件核对，案由漏字',
    });
    expect(e.changes.map((c) => c.field).sort()).toEqual(['proposers', 'sector', 'title']);
    const page = await pageOf('coordinator', seeded.p2, '?done=correct');
    expect(page).toContain('已更正台账');
    expect(page).toContain('案由：关于加强易地搬迁后续扶持的提案 → 关于加强易地扶贫搬迁后续扶持的提案（修改）');
    expect(page).toContain('提案人：刘委员 → 刘委员、陈委员');
    // The member reads the corrected facts but not the internal trail entry.
    const memberPage = await pageOf('member', seeded.p2);
    expect(memberPage).toContain('（修改）');
    expect(memberPage).not.toContain('与提案原件核对');
  });

  it('a correction that changes nothing, or has no reason, says so and writes nothing', async () => {
    const before = await current(seeded.p2);
    const same = await act('coordinator', seeded.p2, correction(before));
    expect(same.status).toBe(409);
    expect(same.text).toContain('没有需要修改');
    const noReason = await act('coordinator', seeded.p2, correction(before, { title: '另一个案由', reason: '' }));
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('请填写更正理由');
    expect((await current(seeded.p2)).version).toBe(before.version);
  });

  it('no CSRF token, no correction', async () => {
    const before = await current(seeded.p2);
    expect((await act('coordinator', seeded.p2, correction(before, { title: '无令牌的更正' }), { csrf: false })).status).toBe(403);
    expect((await current(seeded.p2)).title).toBe(before.title);
  });
});
