/**
 * Similar proposals: the planted paraphrases of the sample list are found in the top 3 by the
 * tokenizer the service uses; through the real ledger, a registered near-duplicate lists its
 * subject and not an unrelated proposal; the 登记 reply lists it, and 并案 merges from chat.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { actor, people } from '../fixtures/ledger.fixture.js';
import { bigramTokenizer } from '../../src/domain/similar/tokenize.js';
import { evaluate, sampleProposals } from '../fixtures/similar-eval.js';
import { PLANTED, sampleSubject } from '../fixtures/similar-planted.js';
import { createHarness, type Harness } from '../conversation/chat.harness.js';
import { useTestDb } from '../support/test-db.js';

describe('similar-proposal search on the sample list (pure)', () => {
  it('finds a proposal of the same subject in the top 3 for every planted paraphrase', () => {
    const r = evaluate(bigramTokenizer);
    expect(r.planted).toBe(15);
    expect(r.hit3).toBe(1);
    expect(r.hit1).toBeGreaterThanOrEqual(0.9);
  });
});

describe('similar proposals through the ledger and chat', () => {
  useTestDb();
  let h: Harness;
  const eldercare = PLANTED.find((x) => x.subject === '农村养老服务体系')!;
  const traffic = PLANTED.find((x) => x.title.includes('交通拥堵'))!;

  beforeAll(async () => {
    h = await createHarness();
    // Last year's list: the sample, registered under an earlier session.
    await h.core.ledger.registerMany(
      sampleProposals().map((p) => ({ ...p, session: '十三届三次' })),
      actor(people.coordinator),
      'cli',
    );
  });

  it('a registered near-duplicate lists its subject in the top 3; an unrelated one does not list it', async () => {
    const { created } = await h.core.ledger.registerMany(
      [
        { ...sampleProposals()[0]!, number: '2901', session: '十三届四次', title: eldercare.title, summary: eldercare.summary },
        { ...sampleProposals()[0]!, number: '2902', session: '十三届四次', title: traffic.title, summary: traffic.summary },
      ],
      actor(people.coordinator),
      'cli',
    );
    const [dup, unrelated] = created;
    const top = await h.core.similar.similarTo(dup!, 3);
    expect(top.length).toBeGreaterThan(0);
    expect(sampleSubject(top[0]!.case.title)).toBe('农村养老服务体系');
    expect(top.map((m) => m.case.id)).not.toContain(unrelated!.id);
    const back = await h.core.similar.similarTo(unrelated!, 3);
    expect(back.map((m) => m.case.id)).not.toContain(dup!.id);
    expect(back.every((m) => m.score < top[0]!.score)).toBe(true);
  });

  it('the 登记 reply lists similar earlier proposals with a score, and 并案 merges from chat', async () => {
    await h.say('coordinator', '登记');
    for (const answer of ['十三届四次', '2903', '关于加强驻村工作队和第一书记考核激励的提案', '卢涛', '主办']) await h.say('coordinator', answer);
    const reply = await h.say('coordinator', '否');
    expect(reply).toMatch(/^已登记第2903号/);
    const lines = reply.split('\n');
    const at = lines.indexOf('可能相似的提案（供并案参考，按相似度排列）：');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^1\. 第\d{4}号《关于\S*驻村第一书记管理的提案》（十三届三次）相似度 \d+%$/u);
    expect(lines.at(-1)).toBe('如需并案办理，回复：并案 <主案号> 2903');

    const lead = (await h.core.proposals.findByNumber('2901', '十三届四次'))[0]!;
    expect(await h.say('coordinator', '并案 2901 2903')).toContain('已将第2903号并入第2901号');
    expect(await h.say('coordinator', '交办 2903 主办:开发处')).toContain('已并入 2901 办理');
    expect((await h.core.proposals.findById(lead.id))!.merged?.map((x) => x.number)).toEqual(['2903']);
    expect(await h.say('coordinator', '撤销并案 2903')).toContain('请写上撤销并案的理由');
    expect(await h.say('coordinator', '撤销并案 2903 分开办理')).toContain('已撤销并案');
  });
});
