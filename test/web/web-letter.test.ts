/**
 * 答复函 from the web: the handler is the 联系人, the reply's paragraphs stay paragraphs, and the
 * button, the file name and the letter itself say whether it is a draft, signed off or issued.
 * The 正文 written on the proposal page is what the letter prints, as typed.
 */
import { describe, expect, it } from 'vitest';
import { divisions, newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { docxText, readZipEntry } from './unzip.js';
import { actorOf, draftReply, useSeededWeb } from './web-harness.js';

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

/** Posts the 正文 form as `userid` with the proposal's current version. */
async function postBody(userid: string, id: string, body: string) {
  const { cookie, csrf } = web.cookieFor(userid);
  const version = (await web.core.proposals.findById(id))!.version;
  const form = new URLSearchParams({ _csrf: csrf, action: 'replyBody', version: String(version), body });
  const res = await fetch(`${web.url}/proposals/${id}/act`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

const pageOf = async (userid: string, id: string) => (await fetch(`${web.url}/proposals/${id}`, { headers: { cookie: web.cookieFor(userid).cookie } })).text();

describe('答复正文', () => {
  it('is written on the proposal page by the drafter, printed paragraph by paragraph, hidden from the member until issued, frozen once signed', async () => {
    const coordinator = actorOf(people.coordinator);
    const { created } = await web.core.ledger.registerMany(
      [newProposalInput({ number: '0005', title: '关于支持乡村旅游的提案', proposers: [{ name: '陈委员', userid: 'wy-chen' }] })],
      coordinator,
      'web',
    );
    const id = created[0]!.id;
    await web.core.ledger.perform({ id }, { type: 'assign', leadDivision: 'kfzd' }, coordinator, 'web');
    await web.core.ledger.perform({ id }, { type: 'accept' }, actorOf(people.head), 'web');
    await web.core.ledger.perform({ id }, { type: 'designate', handlerUserid: 'kf-staff' }, actorOf(people.head), 'web');
    await draftReply(web.core, id);

    // The handler who may draft sees the form; the member sees neither the form nor the draft.
    expect(await pageOf('kf-staff', id)).toContain('data-action="replyBody"');
    const paragraphs = [
      '陈委员：您好！您提出的《关于支持乡村旅游的提案》收悉，现答复如下：',
      '一、关于“以旅促农”（第一点建议），我局已会同文旅部门制定方案，2027年起每年安排专项资金。',
      '二、关于培训（第二点建议）；我局将组织民宿经营者培训，不少于300人次！',
    ];
    const typed = `${paragraphs[0]}\r\n\r\n${paragraphs[1]}\n${paragraphs[2]}\n`;
    const member = await postBody('wy-chen', id, '委员自己写的正文');
    expect(member.status).toBe(403);
    const done = await postBody('kf-staff', id, typed);
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/proposals/${id}?done=replyBody`);

    const p = (await web.core.proposals.findById(id))!;
    expect(p.reply?.body).toBe(typed.trim());
    const e = p.events.at(-1)!;
    expect({ action: e.action, channel: e.channel, by: e.actor.userid, note: e.note }).toEqual({
      action: 'replyBody',
      channel: 'web',
      by: 'kf-staff',
      note: '正文共 3 段',
    });
    const staffPage = await pageOf('zf-staff', id);
    expect(staffPage).toContain('撰写答复正文');
    for (const x of paragraphs) expect(staffPage).toContain(`<p>${x}</p>`);

    const draft = await letterOf('zf-staff', id);
    // Each paragraph of the body, full-width punctuation as typed, one after the other; the summary gives way.
    expect(draft.text).toContain(`${paragraphs.join('\n')}\n`);
    expect(draft.text).not.toContain('采纳建议，已将庭院经济纳入年度扶持计划。');
    const memberPage = await pageOf('wy-chen', id);
    expect(memberPage).not.toContain('以旅促农');
    expect(memberPage).not.toContain('data-action="replyBody"');
    expect((await fetch(`${web.url}/proposals/${id}/letter.docx`, { headers: { cookie: web.cookieFor('wy-chen').cookie } })).status).not.toBe(200);

    // Submitted and signed: the body the leader signed cannot change, and the form is gone.
    await web.core.ledger.perform({ id }, { type: 'advance' }, actorOf(people.handler), 'web');
    await web.core.ledger.perform({ id }, { type: 'signOff', approve: true }, actorOf(people.leader), 'web');
    expect(await pageOf('kf-staff', id)).not.toContain('data-action="replyBody"');
    const late = await postBody('kf-staff', id, '签发后改写的正文');
    expect(late.status).toBe(409);
    expect(late.text).toContain('不能撰写答复正文');
    expect((await web.core.proposals.findById(id))!.reply?.body).toBe(typed.trim());

    // Issued: the member reads the body in the letter.
    await web.core.ledger.perform({ id }, { type: 'sendReply' }, actorOf(people.handler), 'web');
    const issued = await letterOf('wy-chen', id);
    for (const x of paragraphs) expect(issued.text).toContain(x);
    expect(await pageOf('wy-chen', id)).toContain('以旅促农');
  });

  it('speaks of a 人大代表建议 as one on its page and in its letter, numbered 0001 beside the 提案 0001', async () => {
    const coordinator = actorOf(people.coordinator);
    const handler = actorOf(people.handler);
    const { created } = await web.core.ledger.registerMany(
      [newProposalInput({ kind: 'suggestion', number: '0001', title: '关于加强农村供水保障的建议', proposers: [{ name: '陈委员', userid: 'wy-chen' }] })],
      coordinator,
      'web',
    );
    const id = created[0]!.id;
    expect(id).not.toBe(seeded.p1.id);
    await web.core.ledger.perform({ id }, { type: 'assign', leadDivision: 'kfzd' }, coordinator, 'web');
    await web.core.ledger.perform({ id }, { type: 'accept' }, actorOf(people.head), 'web');
    await web.core.ledger.perform({ id }, { type: 'designate', handlerUserid: 'kf-staff' }, actorOf(people.head), 'web');
    await web.core.ledger.perform({ id }, { type: 'advance' }, handler, 'web');
    await web.core.ledger.perform({ id }, { type: 'logContact', phase: 'before', method: 'phone', summary: '电话听取意见' }, handler, 'web');
    await web.core.ledger.perform({ id }, { type: 'advance' }, handler, 'web');
    await web.core.ledger.perform(
      { id },
      { type: 'draftReply', summary: '已将供水保障纳入年度计划。', outcome: 'B', measures: ['完成供水管网改造'] },
      handler,
      'web',
    );

    const page = await (await fetch(`${web.url}/proposals/${id}`, { headers: { cookie: web.cookieFor('zf-staff').cookie } })).text();
    expect(page).toContain('<title>建议 0001 关于加强农村供水保障的建议');
    expect(page).toMatch(/<dt>类别<\/dt><dd>人大代表建议<\/dd>/);
    expect(page).toMatch(/<dt>建议号<\/dt><dd>0001<\/dd>/);
    expect(page).toMatch(/<dt>建议人<\/dt><dd>陈委员<\/dd>/);
    const letter = await letterOf('zf-staff', id);
    expect(letter.text).toContain(`关于省人大${seeded.p1.session}会议第0001号建议答复的函`);
    expect(letter.text).toContain('陈委员代表：');
    expect(letter.text).toContain('抄送：省人大常委会代表工作委员会');
    expect(letter.text).not.toContain('政协');
    // Once the reply is sent, the deadline for the member's rating is the 代表's.
    await web.core.ledger.perform({ id }, { type: 'advance' }, handler, 'web');
    await web.core.ledger.perform({ id }, { type: 'signOff', approve: true }, actorOf(people.leader), 'web');
    await web.core.ledger.perform({ id }, { type: 'sendReply', docNo: '乡振函〔2026〕31号' }, handler, 'web');
    const sent = await (await fetch(`${web.url}/proposals/${id}`, { headers: { cookie: web.cookieFor('zf-staff').cookie } })).text();
    expect(sent).toContain('<tr><td>代表反馈</td>');
    expect(sent).not.toContain('委员反馈');
    // The 提案 0001 keeps its own words.
    const proposalPage = await (await fetch(`${web.url}/proposals/${seeded.p1.id}`, { headers: { cookie: web.cookieFor('zf-staff').cookie } })).text();
    expect(proposalPage).toMatch(/<dt>类别<\/dt><dd>政协提案<\/dd>/);
    expect(proposalPage).toMatch(/<dt>提案号<\/dt><dd>0001<\/dd>/);
  });
});
