/**
 * What each role may see (domain/visibility.ts), walked over every page, export and download of
 * the web console and the chat card: a member reads their own proposal in plain words and never
 * the bureau's 批示, 催办, staff names, internal trail or the draft; the letter only once issued.
 * Each section has a sentinel text that appears only when the section is shown; the test checks,
 * for each viewer, that the page shows it exactly when the table says the viewer sees it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/contract.js';
import type { OutboundBody } from '../../src/shared/outbound.js';
import { createConversation } from '../../src/conversation/index.js';
import type { Actor, Proposal } from '../../src/domain/model.js';
import { sectionsFor, type Section } from '../../src/domain/visibility.js';
import { memberStageWord } from '../../src/present/member-view.js';
import { readCsvTable, readXlsxTable } from '../../src/ledger-io/table-readers.js';
import { createLogger } from '../../src/shared/logger.js';
import { people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { docxText, readZipEntry } from '../web/unzip.js';
import { actorOf, draftReply, seedLedger, startWeb, type WebHarness } from '../web/web-harness.js';
import { conversationStores } from '../support/conversation-stores.js';

useTestDb();

const INSTRUCTION = '内部意见：答复口径注意不要承诺资金';
const CHASE = '请尽快接收，已拖延';
const EXTENSION = '经费测算尚未完成';
const DRAFT = '采纳建议，已将庭院经济纳入年度扶持计划。';
const MEASURE = '出台庭院经济扶持办法';
const CONTACT = '上门听取意见';

/** Text that appears on the proposal page only when its section is shown. */
const SENTINELS: [Section, string][] = [
  ['instructions', INSTRUCTION],
  ['trail', CHASE],
  ['extensions', EXTENSION],
  ['staff', people.handler.name],
  ['deadlines', '办理时限'],
  ['contacts', CONTACT],
  ['memberTrail', '办理进展'],
];
/** Never shown to a member, on any page, export, letter or chat card. */
const STAFF_ONLY = [INSTRUCTION, CHASE, EXTENSION, people.handler.name, people.head.name, people.leader.name, '征求意见稿'];

type Who = 'member' | 'handler' | 'head' | 'coordinator' | 'leader';
const WHO: Who[] = ['member', 'handler', 'head', 'coordinator', 'leader'];

let web: WebHarness;
let p1: Proposal;
const cookie = (who: Who | 'otherMember' | 'otherHead') => web.cookieFor(people[who].userid).cookie;
const get = (path: string, who: Who | 'otherMember' | 'otherHead') => fetch(`${web.url}${path}`, { headers: { cookie: cookie(who) }, redirect: 'manual' });

/** Everything a person can read behind a path: page text, a download's cells or its document text. */
async function readable(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  const body = Buffer.from(await res.arrayBuffer());
  if (type.includes('spreadsheetml')) return JSON.stringify(await readXlsxTable(body));
  if (type.includes('wordprocessingml')) return docxText(readZipEntry(body, 'word/document.xml').toString('utf8'));
  if (type.includes('csv')) return JSON.stringify(readCsvTable(body));
  return body.toString('utf8');
}

async function chatCard(who: Who, text: string): Promise<string> {
  const handler = createConversation({ core: web.core, log: createLogger({ level: 'silent' }), ...conversationStores() });
  const out: OutboundBody[] = [];
  const id = people[who].userid;
  const message = {
    channel: 'console',
    messageId: randomUUID(),
    senderId: id,
    chatId: id,
    chatType: 'single',
    at: web.core.clock.now(),
    kind: 'text',
    text,
    mentioned: true,
  } as InboundMessage;
  await handler.handle(message, async (b) => void out.push(b));
  return JSON.stringify(out);
}

const reload = async () => (p1 = (await web.core.proposals.findById(p1.id))!);

beforeAll(async () => {
  web = await startWeb();
  ({ p1 } = await seedLedger(web.core));
  const core = web.core;
  await core.ledger.perform({ id: p1.id }, { type: 'instruct', text: INSTRUCTION }, actorOf(people.leader), 'web');
  await core.ledger.perform({ id: p1.id }, { type: 'chase', note: CHASE }, actorOf(people.coordinator), 'web');
  await core.ledger.perform({ id: p1.id }, { type: 'requestExtension', days: 30, reason: EXTENSION }, actorOf(people.handler), 'web');
  await draftReply(core, p1.id);
  await reload();
});
afterAll(async () => web?.close());

function walkSections(who: Who, page: string) {
  const seen = sectionsFor(actorOf(people[who]) as Actor, p1);
  const got = Object.fromEntries(SENTINELS.map(([s, text]) => [s, page.includes(text)]));
  const want = Object.fromEntries(SENTINELS.map(([s]) => [s, seen.has(s)]));
  expect({ who, ...got }).toEqual({ who, ...want });
}

describe('before the reply is issued (a draft waits for sign-off)', () => {
  it('shows each viewer exactly the sections the table gives their role', async () => {
    for (const who of WHO) {
      const res = await get(`/proposals/${p1.id}`, who);
      expect(res.status).toBe(200);
      walkSections(who, await res.text());
    }
  });

  it('the member reads progress in plain words and nothing internal, on every page and download', async () => {
    const page = await (await get(`/proposals/${p1.id}`, 'member')).text();
    expect(page).toContain(memberStageWord(p1));
    expect(page).toContain('开发指导处');
    expect(page).not.toContain(DRAFT);
    expect(page).not.toContain(MEASURE);
    for (const path of ['/board', '/ledger', `/proposals/${p1.id}`, '/ledger/export.csv', '/ledger/export.xlsx', `/proposals/${p1.id}/letter.docx`]) {
      const text = await readable(await get(path, 'member'));
      for (const secret of [...STAFF_ONLY, DRAFT]) expect({ path, leaks: text.includes(secret) ? secret : '' }).toEqual({ path, leaks: '' });
    }
    for (const path of ['/metrics', '/import', '/admin/outbox', '/admin/jobs', '/sim'])
      expect({ path, status: (await get(path, 'member')).status }).toEqual({ path, status: 403 });
  });

  it('keeps the draft letter from the member (refused, saying when it will be there) while staff download it', async () => {
    const member = await get(`/proposals/${p1.id}/letter.docx`, 'member');
    expect(member.status).toBe(409);
    expect(await member.text()).toContain('答复正式发出后');
    const staff = await get(`/proposals/${p1.id}/letter.docx`, 'handler');
    expect(staff.status).toBe(200);
    expect(await readable(staff)).toContain('征求意见稿');
    expect((await get(`/proposals/${p1.id}/letter.docx`, 'otherMember')).status).toBe(403);
    expect((await get(`/proposals/${p1.id}`, 'otherHead')).status).toBe(403);
  });

  it("the member's export has the member's columns only", async () => {
    const table = readCsvTable(Buffer.from(await (await get('/ledger/export.csv', 'member')).arrayBuffer()));
    const headers = table.headers;
    expect(headers).toContain('办理进度');
    for (const internal of ['环节', '承办人', '答复期限', '状态', '逾期天数']) expect(headers).not.toContain(internal);
    const staff = readCsvTable(Buffer.from(await (await get('/ledger/export.csv', 'coordinator')).arrayBuffer()));
    expect(staff.headers).toEqual(expect.arrayContaining(['环节', '承办人', '下一期限', '下一期限事项', '状态', '逾期天数']));
    expect(staff.headers).not.toContain('办理进度');
  });

  it('the chat card says the same: member wording, no staff names', async () => {
    const member = await chatCard('member', '查 0001');
    expect(member).toContain(memberStageWord(p1));
    for (const secret of STAFF_ONLY) expect(member).not.toContain(secret);
    const staff = await chatCard('coordinator', '查 0001');
    expect(staff).toContain(people.handler.name);
  });
});

describe('after 签发 and 发文', () => {
  beforeAll(async () => {
    await web.core.ledger.perform({ id: p1.id }, { type: 'advance' }, actorOf(people.handler), 'web');
    await web.core.ledger.perform({ id: p1.id }, { type: 'signOff', approve: true }, actorOf(people.leader), 'web');
    await web.core.ledger.perform({ id: p1.id }, { type: 'sendReply' }, actorOf(people.handler), 'web');
    await reload();
  });

  it('the member reads the issued reply, its measures and downloads the letter, still without internal notes', async () => {
    const page = await (await get(`/proposals/${p1.id}`, 'member')).text();
    expect(page).toContain(DRAFT);
    expect(page).toContain(MEASURE);
    expect(page).toContain('答复已发出');
    walkSections('member', page);
    const letter = await get(`/proposals/${p1.id}/letter.docx`, 'member');
    expect(letter.status).toBe(200);
    const text = await readable(letter);
    expect(text).toContain(DRAFT);
    // The issued letter names its handler as 联系人 on purpose: the one staff name the member is given.
    expect(text).toContain(`联系人：${people.handler.name}`);
    for (const secret of STAFF_ONLY.filter((s) => s !== people.handler.name)) expect(text).not.toContain(secret);
    expect(text.split(people.handler.name)).toHaveLength(2);
    const csv = await readable(await get('/ledger/export.csv', 'member'));
    expect(csv).toContain('A');
    for (const secret of STAFF_ONLY) expect(csv).not.toContain(secret);
  });

  it('staff still see every internal section', async () => {
    for (const who of WHO.filter((w) => w !== 'member')) walkSections(who, await (await get(`/proposals/${p1.id}`, who)).text());
  });
});
