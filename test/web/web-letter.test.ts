/**
 * 答复函 from the web: the handler is the 联系人, the reply's paragraphs stay paragraphs, and the
 * button, the file name and the letter itself say whether it is a draft, signed off or issued.
 */
import { describe, expect, it } from 'vitest';
import { divisions, people } from '../fixtures/ledger.fixture.js';
import { docxText, readZipEntry } from './unzip.js';
import { actorOf, useSeededWeb } from './web-harness.js';

const { web, seeded } = useSeededWeb();

async function letterOf(userid: string, id: string) {
  const res = await fetch(`${web.url}/proposals/${id}/letter.docx`, { headers: { cookie: web.cookieFor(userid).cookie } });
  expect(res.status).toBe(200);
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '');
  return { name, text: docxText(readZipEntry(Buffer.from(await res.arrayBuffer()), 'word/document.xml').toString('utf8')) };
}

const button = async (userid: string, id: string) => {
  const page = await (await fetch(`${web.url}/proposals/${id}`, { headers: { cookie: web.cookieFor(userid).cookie } })).text();
  return /<a [^>]*id="letter-download"[^>]*data-state="(\w+)"[^>]*>([^<]+)</.exec(page)?.slice(1, 3);
};

describe('答复函', () => {
  it('goes from a draft to signed off to issued, saying so on the button, in the file name and on the letter', async () => {
    // The handler's own number is what the member should call.
    await web.core.directory.sync({ divisions, people: Object.values(people).map((p) => (p.userid === 'kf-staff' ? { ...p, mobile: '13800000001' } : p)) });
    const handler = actorOf(people.handler);
    const id = seeded.p1.id;
    await web.core.ledger.perform({ id }, { type: 'advance' }, handler, 'web');
    await web.core.ledger.perform({ id }, { type: 'logContact', phase: 'before', method: 'visit', summary: '上门听取意见' }, handler, 'web');
    await web.core.ledger.perform({ id }, { type: 'advance' }, handler, 'web');
    const body = '经研究，您的建议已被采纳。\n\n我局已将庭院经济纳入年度扶持计划，并在三个县开展试点。';
    await web.core.ledger.perform({ id }, { type: 'draftReply', summary: body, outcome: 'A', measures: ['出台庭院经济扶持办法'] }, handler, 'web');

    expect(await button('zf-staff', id)).toEqual(['draft', '下载答复函征求意见稿（Word，待签发）']);
    const draft = await letterOf('zf-staff', id);
    expect(draft.name).toMatch(/^答复函（征求意见稿）-.*0001\.docx$/);
    expect(draft.text).toContain('征求意见稿（待签发）');
    expect(draft.text).toContain('联系人：钱专员，联系电话：13800000001');
    // Two paragraphs as written, not one line.
    expect(draft.text).toContain('经研究，您的建议已被采纳。\n我局已将庭院经济纳入年度扶持计划，并在三个县开展试点。\n');

    await web.core.ledger.perform({ id }, { type: 'advance' }, handler, 'web');
    await web.core.ledger.perform({ id }, { type: 'signOff', approve: true }, actorOf(people.leader), 'web');
    expect(await button('zf-staff', id)).toEqual(['signed', '下载答复函（Word，已签发，待发文）']);
    const signed = await letterOf('zf-staff', id);
    expect(signed.name).toMatch(/^答复函-.*0001\.docx$/);
    expect(signed.text).not.toContain('征求意见稿');

    await web.core.ledger.perform({ id }, { type: 'sendReply', docNo: '乡振函〔2026〕30号' }, handler, 'web');
    expect(await button('zf-staff', id)).toEqual(['issued', '下载答复函（Word，已发文）']);
    // The member gets the issued letter, with the same wording.
    expect(await button('wy-chen', id)).toEqual(['issued', '下载答复函（Word，已发文）']);
    const issued = await letterOf('wy-chen', id);
    expect(issued.text).toContain('乡振函〔2026〕30号');
    expect(issued.text).not.toContain('征求意见稿');
  });
});
