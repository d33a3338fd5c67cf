/**
 * ProposalRepository on MongoDB. A change first claims the next version by inserting its revision
 * (unique `_id`), then replaces the proposal document, guarded by the expected version, with the new
 * state and its audit event appended: one document, written whole, so state and trail never diverge.
 */
import { DomainError } from '../domain/errors.js';
import { DEFAULT_KIND, type CaseKind } from '../domain/kind.js';
import { toLedgerEntry, type LedgerEntry } from '../domain/ledger-view.js';
import type { ChangeFeed } from '../domain/change-feed.port.js';
import type { AuditEvent, Proposal } from '../domain/model.js';
import type { ProposalFilter, ProposalRepository } from '../domain/ports.js';
import type { SimilarCase, SimilarSource } from '../domain/similar/similar.service.js';
import { ChangeLog } from './change-log.js';
import { insertOnce, isDuplicateKey, withoutUndefined } from './documents.js';
import { ProposalModel } from './models/proposal.model.js';
import { ProposalRevisionModel } from './models/proposal-revision.model.js';

type Doc = Record<string, unknown>;

/**
 * Up to this many documents are read one `_id` at a time rather than with one `$in`: FerretDB finds
 * a single `_id` through its index (milliseconds) but answers `$in` by scanning the whole collection
 * (seconds at 10,000 proposals), and a few indexed reads cost MongoDB little more than one.
 */
const BY_ID_MAX = 200;
/** Reads by `_id` in flight at once. */
const BY_ID_CONCURRENCY = 8;

/** The documents of `ids`, in that order (null where none), read one `_id` at a time. */
async function byEachId(ids: string[]): Promise<(Proposal | null)[]> {
  const out: (Proposal | null)[] = new Array(ids.length).fill(null);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const doc = await ProposalModel.collection.findOne({ _id: String(ids[i]) } as Doc);
      if (doc) out[i] = toProposal(doc);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BY_ID_CONCURRENCY, ids.length) }, worker));
  return out;
}

/** Documents per batch of the view's full load (see `entries`). */
const LOAD_BATCH = 100;

/** How long a claimed but unwritten revision may stay before it is taken as abandoned. */
const STALE_CLAIM_MS = 10_000;

/**
 * Stored document → domain object (the document's `_id` is the proposal id). A version kept from
 * before kinds existed (the version history is not backfilled) is a 政协提案, as the migration says.
 */
export function toProposal(doc: Doc): Proposal {
  const { _id, ...rest } = doc;
  return { ...(rest as unknown as Omit<Proposal, 'id'>), kind: (rest.kind as CaseKind | undefined) ?? DEFAULT_KIND, id: String(_id) };
}

function toDoc(p: Proposal): Doc {
  const { id, ...rest } = p;
  return { _id: id, ...rest };
}

/** Regex-escapes user text so a search cannot inject a pattern. */
const literal = (s: string): RegExp => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

export function toQuery(f: ProposalFilter): Doc {
  const q: Doc = {};
  const and: Doc[] = [];
  if (f.kind !== undefined) q.kind = String(f.kind);
  if (f.session !== undefined) q.session = String(f.session);
  if (f.stages) q.stage = { $in: f.stages.map(String) };
  if (f.leadDivision !== undefined) q.leadDivision = String(f.leadDivision);
  if (f.divisionCode !== undefined) {
    const code = String(f.divisionCode);
    and.push({ $or: [{ leadDivision: code }, { assistingDivisions: code }] });
  }
  if (f.handlerUserid !== undefined) q.handlerUserid = String(f.handlerUserid);
  if (f.proposerUserid !== undefined) q['proposers.userid'] = String(f.proposerUserid);
  if (f.handlingType) q.handlingType = f.handlingType;
  if (f.isKey !== undefined) q.isKey = Boolean(f.isKey);
  if (f.dueBefore) q.nextDueAt = { $lt: f.dueBefore };
  if (f.receivedFrom || f.receivedTo) {
    q.receivedAt = { ...(f.receivedFrom && { $gte: f.receivedFrom }), ...(f.receivedTo && { $lt: f.receivedTo }) };
  }
  if (f.text) {
    const re = literal(String(f.text));
    and.push({ $or: [{ number: re }, { title: re }, { 'proposers.name': re }] });
  }
  if (and.length) q.$and = and;
  return q;
}

export interface ProposalRepositoryOptions {
  changes?: ChangeFeed;
  /** Told of every version this repository wrote, once it is in the change log (the local view applies it). */
  onWritten?: (entries: LedgerEntry[]) => void;
}

/**
 * Every write is followed by its change-log row, so every instance's view learns of it whichever
 * repository wrote it.
 */
export class MongoProposalRepository implements ProposalRepository, SimilarSource {
  private readonly changes: ChangeFeed;
  private readonly onWritten: (entries: LedgerEntry[]) => void;

  constructor(o: ProposalRepositoryOptions = {}) {
    this.changes = o.changes ?? new ChangeLog();
    this.onWritten = o.onWritten ?? (() => undefined);
  }

  private async written(proposals: Proposal[]): Promise<void> {
    const entries = proposals.map(toLedgerEntry);
    await this.changes.publishEntries(entries);
    this.onWritten(entries);
  }

  async insertMany(proposals: Proposal[]): Promise<void> {
    try {
      const docs = proposals.map((p) => withoutUndefined(toDoc(p)));
      await ProposalModel.collection.insertMany(docs, { ordered: true });
      // Version 1 opens the version history, so the first step after registering can be undone.
      await ProposalRevisionModel.collection.insertMany(
        proposals.map(
          (p, i) => ({ _id: `${p.id}@${p.version}`, proposalId: p.id, version: p.version, at: p.events[0]?.at ?? new Date(0), doc: docs[i] }) as Doc,
        ),
        { ordered: false },
      );
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // A number registered meanwhile by someone else: take back this call's rows (brand new, so
      // nothing refers to them yet), keeping the promise that a failed import writes nothing.
      await ProposalModel.collection.deleteMany({ _id: { $in: proposals.map((p) => p.id) } } as Doc);
      throw new DomainError('duplicate', { reason: 'duplicateNumber' });
    }
    await this.written(proposals);
  }

  async findById(id: string): Promise<Proposal | null> {
    const doc = await ProposalModel.collection.findOne({ _id: String(id) } as Doc);
    return doc ? toProposal(doc) : null;
  }

  async findByIds(ids: string[]): Promise<Proposal[]> {
    if (ids.length === 0) return [];
    if (ids.length <= BY_ID_MAX) return (await byEachId(ids)).filter((p) => p !== null);
    const docs = await ProposalModel.collection.find({ _id: { $in: ids.map(String) } } as Doc).toArray();
    return docs.map(toProposal);
  }

  /**
   * Every proposal's view entry, streamed (the view's full load). Small batches: a batch of whole
   * documents lives until its last entry is taken, and a big one outlives the young generation, so
   * its garbage was promoted and kept the process's memory high long after the load.
   */
  async *entries(): AsyncIterable<LedgerEntry> {
    for await (const doc of ProposalModel.collection.find({}).batchSize(LOAD_BATCH)) yield toLedgerEntry(toProposal(doc));
  }

  /**
   * Whole documents, audit trails included, one at a time: those of `ids`, or every proposal when
   * `ids` is undefined. A few ids are read one by one (see BY_ID_MAX), more in one query.
   */
  async *stream(ids?: string[]): AsyncIterable<Proposal> {
    if (ids?.length === 0) return;
    if (ids && ids.length <= BY_ID_MAX) {
      for (const p of await byEachId(ids)) if (p) yield p;
      return;
    }
    const filter = ids ? ({ _id: { $in: ids.map(String) } } as Doc) : {};
    for await (const doc of ProposalModel.collection.find(filter).batchSize(500)) yield toProposal(doc);
  }

  async findVersion(id: string, version: number): Promise<Proposal | null> {
    const rev = await ProposalRevisionModel.collection.findOne({ _id: `${String(id)}@${Number(version)}` } as Doc);
    return rev ? toProposal(rev.doc as Doc) : null;
  }

  async findByNumber(number: string, session?: string, kind?: CaseKind): Promise<Proposal[]> {
    const q: Doc = { number: String(number) };
    if (session !== undefined) q.session = String(session);
    if (kind !== undefined) q.kind = String(kind);
    // Latest session first, by when its cases came in: session names (十三届四次, 十三届五次) do not sort as text.
    const docs = await ProposalModel.collection.find(q).sort({ receivedAt: -1, session: -1 }).toArray();
    return docs.map(toProposal);
  }

  async find(filter: ProposalFilter, options: { limit?: number; sort?: 'due' | 'number' } = {}): Promise<Proposal[]> {
    const sort: Record<string, 1 | -1> = options.sort === 'due' ? { nextDueAt: 1, number: 1 } : { session: 1, number: 1 };
    let cursor = ProposalModel.collection.find(toQuery(filter)).sort(sort);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()).map(toProposal);
  }

  async similarCases(): Promise<SimilarCase[]> {
    const docs = await ProposalModel.collection
      .find({}, { projection: { _id: 1, kind: 1, session: 1, number: 1, title: 1, summary: 1, mergedInto: 1 } })
      .toArray();
    return docs.map((d) => ({
      id: String(d._id),
      kind: (d.kind as CaseKind | undefined) ?? DEFAULT_KIND,
      session: String(d.session),
      number: String(d.number),
      title: String(d.title),
      summary: String(d.summary ?? ''),
      ...(d.mergedInto && { mergedInto: d.mergedInto as SimilarCase['mergedInto'] }),
    }));
  }

  async applyChange(next: Proposal, expectedVersion: number, event: AuditEvent): Promise<Proposal | null> {
    const doc = withoutUndefined(toDoc({ ...next, version: expectedVersion + 1, events: [...next.events, event] }));
    const claimed = await insertOnce(() =>
      ProposalRevisionModel.collection.insertOne({
        _id: `${next.id}@${expectedVersion + 1}`,
        proposalId: next.id,
        version: expectedVersion + 1,
        at: event.at,
        doc,
      } as Doc),
    );
    if (!claimed) return this.rollForward(next.id, expectedVersion, event.requestId);
    await ProposalModel.collection.replaceOne({ _id: next.id, version: expectedVersion } as Doc, doc);
    const stored = toProposal(doc);
    await this.written([stored]);
    return stored;
  }

  /**
   * Version `version + 1` is claimed already. A revision claimed long ago but never written means
   * its writer died in between: apply it, so the change is kept and the proposal can move on. So is
   * one made for the same request (our own earlier attempt, cut short): apply it and return it as
   * this change's result. A fresh claim of someone else's belongs to a writer still at work: null.
   */
  private async rollForward(proposalId: string, version: number, requestId: string | undefined): Promise<Proposal | null> {
    const rev = await ProposalRevisionModel.collection.findOne({ _id: `${proposalId}@${version + 1}` } as Doc);
    if (!rev) return null;
    const doc = rev.doc as Doc;
    const ours = requestId !== undefined && (doc.events as AuditEvent[]).at(-1)?.requestId === requestId;
    if (!ours && Date.now() - (rev.at as Date).getTime() < STALE_CLAIM_MS) return null;
    await ProposalModel.collection.replaceOne({ _id: proposalId, version } as Doc, doc);
    const stored = toProposal(doc);
    await this.written([stored]);
    return ours ? stored : null;
  }
}
