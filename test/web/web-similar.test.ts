/**
 * 相似提案 and 并案 in the web console: the proposal page lists similar proposals with a score
 * to those who see the whole ledger, the coordinator merges from it and unmerges with a reason,
 * and a handler's page shows no other proposals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { postForm, startWeb, type WebHarness } from './web-harness.js';

useTestDb();
let web: WebHarness;
beforeAll(async () => {
  web = await startWeb();
});
afterAll(async () => web?.close());

const post = (path: string, who: string, body: Record<string, string>) => postForm(web, path, who, body);
const page = async (path: string, who: string) => (await fetch(`${web.url}${path}`, { headers: { cookie: web.cookieFor(who).cookie } })).text();

describe('similar proposals and 并案 on the proposal page', () => {
  it('lists similar proposals with a score, merges and unmerges from the page', async () => {
    const { created } = await web.core.ledger.registerMany(
      [
        newProposalInput({ number: '0101', title: '关于完善农村养老服务体系的提案', summary: '建议健全农村养老服务网络' }),
        newProposalInput({ number: '0102', title: '关于发展农村互助养老的提案', summary: '建议建设互助幸福院，健全农村养老服务网络' }),
        newProposalInput({ number: '0103', title: '关于缓解城区交通拥堵的提案', summary: '建议优化公交线网' }),
      ],
      actor(people.coordinator),
      'cli',
    );
    const [lead, dup] = created;
    const html = await page(`/proposals/${lead!.id}`, 'zf-staff');
    expect(html).toMatch(/<a href="\/proposals\/[^"]+">0102<\/a> 关于发展农村互助养老的提案（十二届五次）<span class="tag">相似度 \d+%/u);
    expect(html).not.toContain('交通拥堵');
    expect(await page(`/proposals/${lead!.id}`, 'kf-head')).not.toContain('相似提案与并案');

    expect((await post(`/proposals/${lead!.id}/merge`, 'kf-head', { follower: dup!.id })).status).toBe(403);
    const merged = await post(`/proposals/${lead!.id}/merge`, 'zf-staff', { follower: dup!.id });
    expect(merged.status).toBe(302);
    expect((await web.core.proposals.findById(dup!.id))!.mergedInto?.number).toBe('0101');
    expect(await page(`/proposals/${dup!.id}`, 'zf-staff')).toContain('已并入第0101号办理');

    const noReason = await post(`/proposals/${dup!.id}/unmerge`, 'zf-staff', { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('请填写撤销并案的理由');
    expect((await post(`/proposals/${dup!.id}/unmerge`, 'zf-staff', { reason: '分开办理' })).status).toBe(302);
    expect((await web.core.proposals.findById(dup!.id))!.mergedInto).toBeUndefined();
    expect(await page(`/proposals/${dup!.id}`, 'zf-staff')).toContain('分开办理');
  });
});
