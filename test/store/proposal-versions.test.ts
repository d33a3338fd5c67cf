/**
 * A change is committed by its revision and the proposal document is written behind it
 * (store/proposal-versions.ts), on the real database: what people read is the committed state at
 * once, a document left behind by a crash is read as it stands and written by the next sweep, a
 * document put back to an older version is put right, and a copy held in one instance's memory
 * gives way to another instance's change.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent, Proposal } from '../../src/domain/model.js';
import { createLogger } from '../../src/shared/logger.js';
import { createLedgerStore } from '../../src/store/ledger-store.js';
import { ProposalModel } from '../../src/store/models/proposal.model.js';
import { ProposalPendingModel } from '../../src/store/models/proposal-pending.model.js';
import { ProposalRevisionModel } from '../../src/store/models/proposal-revision.model.js';
import { registered } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { waitUntil } from '../support/wait.js';

useTestDb({ cleanBeforeEach: true });

type Doc = Record<string, unknown>;
const event = (field: string, after: string): AuditEvent => ({
  at: new Date('2026-10-09T02:00:00Z'),
  actor: { userid: 'zf-staff', name: '王协调' },
  channel: 'cli',
  action: 'edit',
  changes: [{ field, before: '', after }],
});
const storedDoc = (id: string) => ProposalModel.collection.findOne({ _id: id } as Doc);
const pendingRows = () => ProposalPendingModel.collection.countDocuments({});

/** What a writer that died right after committing leaves: the pending row and the revision, the document untouched. */
async function committedOnly(p: Proposal, next: Proposal): Promise<void> {
  const { id, ...rest } = { ...next, version: p.version + 1, events: [...p.events, event('title', next.title)] };
  await ProposalPendingModel.collection.insertOne({ _id: `${id}@${rest.version}`, proposalId: id, version: rest.version, at: new Date(0) } as Doc);
  await ProposalRevisionModel.collection.insertOne({
    _id: `${id}@${rest.version}`,
    proposalId: id,
    version: rest.version,
    at: new Date(0),
    doc: { _id: id, ...rest },
  } as Doc);
}

describe('proposal documents behind their revisions', () => {
  it('reads a change back at once, and writes its document soon after', async () => {
    const { proposals } = createLedgerStore();
    const p = registered({ number: '0031' });
    await proposals.insertMany([p]);
    const changed = await proposals.applyChange({ ...p, title: '关于改善老旧小区电梯的提案' }, p.version, event('title', '电梯'));
    expect((await proposals.findById(p.id))?.title).toBe('关于改善老旧小区电梯的提案');
    expect((await proposals.findByNumber('0031'))[0]).toEqual(changed);
    await proposals.materializer.idle();
    expect(await storedDoc(p.id)).toMatchObject({ title: '关于改善老旧小区电梯的提案', version: p.version + 1 });
    expect(await pendingRows()).toBe(0);
  });

  it('keeps a change whose writer died before the document: every read shows it, and the sweep at start writes it', async () => {
    const p = registered({ number: '0032', title: '关于旧标题的提案' });
    const other = registered({ number: '0033' });
    await createLedgerStore().proposals.insertMany([p, other]);
    await committedOnly(p, { ...p, title: '关于新标题的提案', isKey: true });

    // Another process, started after the crash.
    const { proposals } = createLedgerStore();
    expect((await proposals.findById(p.id))?.title).toBe('关于新标题的提案');
    expect((await proposals.findByIds([other.id, p.id])).map((x) => x.title).sort()).toEqual(['关于推进乡村振兴的提案', '关于新标题的提案']);
    expect((await proposals.find({ isKey: true })).map((x) => x.id)).toEqual([p.id]);
    expect((await proposals.find({ text: '旧标题' })).map((x) => x.id)).toEqual([]);
    expect((await proposals.findByNumber('0032'))[0]?.title).toBe('关于新标题的提案');
    const titles: string[] = [];
    for await (const e of proposals.entries()) titles.push(e.title);
    expect(titles.sort()).toEqual(['关于推进乡村振兴的提案', '关于新标题的提案']);
    expect((await proposals.similarCases()).find((c) => c.id === p.id)?.title).toBe('关于新标题的提案');

    proposals.materializer.start(createLogger({ level: 'silent' }));
    try {
      await waitUntil('the sweep writes the document', async () => (await pendingRows()) === 0);
      expect(await storedDoc(p.id)).toMatchObject({ title: '关于新标题的提案', isKey: true, version: p.version + 1 });
    } finally {
      await proposals.materializer.stop();
    }
  });

  it('puts right a document a slower writer set back to an older version, at its next write', async () => {
    const { proposals } = createLedgerStore();
    const p = registered({ number: '0034' });
    await proposals.insertMany([p]);
    const v2 = (await proposals.applyChange({ ...p, title: '第二版' }, p.version, event('title', '第二版')))!;
    await proposals.applyChange({ ...v2, title: '第三版' }, v2.version, event('title', '第三版'));
    await proposals.materializer.idle();
    // The slower writer's version 2 lands after version 3 was written; the writer looks for a
    // next revision after each write, and writes again.
    const { id, ...rest } = v2;
    await ProposalModel.collection.replaceOne({ _id: id } as Doc, rest);
    proposals.materializer.schedule(p.id);
    await proposals.materializer.idle();
    expect((await proposals.findById(p.id))?.title).toBe('第三版');
    expect(await storedDoc(p.id)).toMatchObject({ title: '第三版', version: p.version + 2 });
  });

  it('shows another instance’s change on this one, though this one holds the case in memory', async () => {
    const here = createLedgerStore();
    const there = createLedgerStore();
    const p = registered({ number: '0035' });
    await here.proposals.insertMany([p]);
    await here.view.catchUp();
    expect((await here.proposals.findById(p.id))?.title).toBe(p.title);

    // Committed there and not yet written into the document: read here through its pending row.
    const v2 = (await there.proposals.applyChange({ ...p, title: '第二版' }, p.version, event('title', '第二版')))!;
    expect((await here.proposals.findById(p.id))?.title).toBe('第二版');
    // Committed and written there, its pending row gone: here learns of it from the change log.
    await there.proposals.applyChange({ ...v2, title: '第三版' }, v2.version, event('title', '第三版'));
    await there.proposals.materializer.idle();
    expect(await pendingRows()).toBe(0);
    await here.view.catchUp();
    expect((await here.proposals.findById(p.id))?.title).toBe('第三版');
  });

  it('a change decided on an out-of-date copy is refused, and the next read is current', async () => {
    const here = createLedgerStore();
    const there = createLedgerStore();
    const p = registered({ number: '0036' });
    await here.proposals.insertMany([p]);
    const held = (await here.proposals.findById(p.id))!;
    await there.proposals.applyChange({ ...p, title: '那边改的' }, p.version, event('title', '那边改的'));
    await there.proposals.materializer.idle();
    expect(await here.proposals.applyChange({ ...held, title: '这边改的' }, held.version, event('title', '这边改的'))).toBeNull();
    expect((await here.proposals.findById(p.id))?.title).toBe('那边改的');
  });

  it('writing an out-of-date copy held in memory leaves the document at its latest version', async () => {
    const here = createLedgerStore();
    const there = createLedgerStore();
    const p = registered({ number: '0037' });
    await here.proposals.insertMany([p]);
    await here.proposals.findById(p.id);
    await there.proposals.applyChange({ ...p, title: '最新版' }, p.version, event('title', '最新版'));
    await there.proposals.materializer.idle();
    // A sweep here writes what it holds (version 1), then finds version 2 and writes that.
    here.proposals.materializer.schedule(p.id);
    await here.proposals.materializer.idle();
    expect(await storedDoc(p.id)).toMatchObject({ title: '最新版', version: p.version + 1 });
  });
});
