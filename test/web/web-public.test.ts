/**
 * 办理结果公开: a public page (no sign-in) listing only the answered cases the coordinator opted in,
 * with their reply summary, class and measure progress, and nothing else of the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/domain/model.js';
import { newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { actorOf, postForm, startWeb, type WebHarness } from './web-harness.js';

useTestDb();

let web: WebHarness;
let answered: Proposal;
let unanswered: Proposal;

/** Every private thing the case holds, each a string that must never reach the public page. */
const SECRETS = [
  '张联名',
  '民盟界别',
  '内容摘要保密',
  '沟通内容保密',
  '委员意见保密',
  '评价意见保密',
  '批示保密',
  '进展说明保密',
  '乡振函〔2026〕77号',
  '钱专员',
  '赵处长',
  '王协调',
  '陈委员',
  '刘委员',
  '13800000000',
];

async function answeredCase(number: string, title: string): Promise<Proposal> {
  const core = web.core;
  const coordinator = actorOf(people.coordinator);
  const handler = actorOf(people.handler);
  const [p] = (
    await core.ledger.registerMany(
      [
        newProposalInput({
          number,
          title,
          summary: '内容摘要保密',
          coSigners: ['张联名'],
          sector: '民盟界别',
          proposers: [{ name: '陈委员', userid: 'wy-chen' }],
        }),
      ],
      coordinator,
      'web',
    )
  ).created;
  const run = (cmd: Parameters<typeof core.ledger.perform>[1], who = handler) => core.ledger.perform({ id: p!.id }, cmd, who, 'web');
  await run({ type: 'assign', leadDivision: 'kfzd' }, coordinator);
  await run({ type: 'accept' }, actorOf(people.head));
  await run({ type: 'designate', handlerUserid: 'kf-staff' }, actorOf(people.head));
  await run({ type: 'advance' });
  await run({ type: 'logContact', phase: 'before', method: 'visit', summary: '沟通内容保密', memberViews: '委员意见保密 13800000000' });
  await run({ type: 'instruct', text: '批示保密' }, actorOf(people.leader));
  await run({ type: 'advance' });
  await run({
    type: 'draftReply',
    summary: '已将庭院经济纳入年度扶持计划。',
    outcome: 'B',
    measures: ['建设庭院经济示范户 目标200户', '出台扶持办法'],
    docNo: '乡振函〔2026〕77号',
  });
  await run({ type: 'advance' });
  await run({ type: 'signOff', approve: true }, actorOf(people.leader));
  const sent = await run({ type: 'sendReply' });
  await run({ type: 'superviseMeasure', measureId: sent.measures[0]!.id, note: '进展说明保密', done: false, value: { amount: 150, unit: '户' } });
  return run({ type: 'feedback', rating: 'satisfied', comment: '评价意见保密' }, actorOf(people.member));
}

beforeAll(async () => {
  web = await startWeb();
  answered = await answeredCase('0101', '关于发展庭院经济的提案');
  await answeredCase('0102', '关于不公开事项的提案');
  [unanswered] = (
    await web.core.ledger.registerMany([newProposalInput({ number: '0103', title: '关于尚未答复事项的提案' })], actorOf(people.coordinator), 'web')
  ).created as [Proposal];
});
afterAll(async () => web?.close());

const anonymous = (path: string) => fetch(`${web.url}${path}`, { redirect: 'manual' });
const post = (path: string, who: string, body: Record<string, string>) => postForm(web, path, who, body);

describe('public results page', () => {
  it('is off by default: nothing is listed until the coordinator opts a case in', async () => {
    const res = await anonymous('/results');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('目前没有公开的办理结果');
    expect(page).not.toContain('庭院经济');
  });

  it('lets only the coordinator opt a case in', async () => {
    expect((await post(`/proposals/${answered.id}/publish`, 'kf-head', { on: '1' })).status).toBe(403);
    expect((await post(`/proposals/${answered.id}/publish`, 'leader1', { on: '1' })).status).toBe(403);
    const res = await post(`/proposals/${answered.id}/publish`, 'zf-staff', { on: '1' });
    expect(res.status).toBe(302);
    expect((await web.core.proposals.findById(answered.id))!.events.at(-1)).toMatchObject({ action: 'publish', actor: { userid: 'zf-staff' } });
    await post(`/proposals/${unanswered.id}/publish`, 'zf-staff', { on: '1' });
  });

  it('shows the reply summary, class and measure progress of opted-in answered cases, and nothing not marked public', async () => {
    const page = await (await anonymous('/results')).text();
    expect(page).toContain('十二届五次 第0101号 关于发展庭院经济的提案');
    expect(page).toContain('已将庭院经济纳入年度扶持计划。');
    expect(page).toContain('B类（正在解决或列入计划）');
    expect(page).toContain('建设庭院经济示范户');
    expect(page).toContain('已完成 150户／目标 200户（75.0%');
    expect(page).toContain('开发指导处');
    // Not opted in, or opted in but not answered yet: not there.
    expect(page).not.toContain('关于不公开事项的提案');
    expect(page).not.toContain('关于尚未答复事项的提案');
    for (const secret of SECRETS) expect(page, secret).not.toContain(secret);
  });

  it('names the first proposer only when the coordinator says so, and can be withdrawn', async () => {
    await post(`/proposals/${answered.id}/publish`, 'zf-staff', { on: '1', named: '1' });
    const named = await (await anonymous('/results')).text();
    expect(named).toContain('提案人：陈委员');
    for (const secret of SECRETS.filter((s) => s !== '陈委员')) expect(named, secret).not.toContain(secret);
    await post(`/proposals/${answered.id}/publish`, 'zf-staff', { on: '0' });
    expect(await (await anonymous('/results')).text()).toContain('目前没有公开的办理结果');
  });

  it('shows the coordinator the switch on the proposal page, and nobody else', async () => {
    const get = (who: string) => fetch(`${web.url}/proposals/${answered.id}`, { headers: { cookie: web.cookieFor(who).cookie } }).then((r) => r.text());
    expect(await get('zf-staff')).toContain('未公开（默认）');
    expect(await get('leader1')).not.toContain('办理结果公开');
  });
});
