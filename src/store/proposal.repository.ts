/**
 * ProposalRepository on MongoDB. A change is committed by inserting its revision (unique `_id`
 * `<id>@<version>`): the new state with its audit event appended, one document written whole, so
 * state and trail never diverge. The proposal document follows behind it, and readers roll
 * forward to the latest revision meanwhile (store/proposal-versions.ts).
 */
import { DomainError } from '../domain/errors.js';
import { DEFAULT_KIND, type CaseKind } from '../domain/kind.js';
import { BY_DUE, BY_NUMBER, matchesFilter, toLedgerEntry, type LedgerEntry } from '../domain/ledger-view.js';
import type { ChangeFeed } from '../domain/change-feed.port.js';
import type { AuditEvent, Proposal } from '../domain/model.js';
import type { ProposalFilter, ProposalRepository } from '../domain/ports.js';
import type { SimilarCase, SimilarSource } from '../domain/similar/similar.service.js';
import { ChangeLog } from './change-log.js';
import { insertOnce, isDuplicateKey, withoutUndefined } from './documents.js';
import { ProposalModel } from './models/proposal.model.js';
import { ProposalRevisionModel } from './models/proposal-revision.model.js';
import { ProposalDocCache } from './proposal-cache.js';
import { markPending, pendingVersions, ProposalMaterializer, readRevision, revisionId, type Pending } from './proposal-versions.js';

type Doc = Record<string, unknown>;

/**
 * Up to this many documents are read one `_id` at a time rather than with one `$in`: FerretDB
 * answers a read by `_id` with a light scan (PostgreSQL compares in SQL, about 5.7 µs a row; SQLite
 * stops at the match) but `$in` by decoding every document (seconds at 10,000 proposals), and a
 * few indexed reads cost MongoDB little more than one.
 */
const BY_ID_MAX = 200;
/** Reads by `_id` in flight at once. */
const BY_ID_CONCURRENCY = 8;
/**
 * Memory for whole documents (store/proposal-cache.ts): all of 10,000 source-shaped proposals
 * (1.8 KB each as BSON, more once a year of handling is in their trails) with room to spare; at
 * 100,000 the most recently used third. At 96 MiB the service's RSS there came within 20 MiB of
 * its 600 MB target.
 */
export const DOC_CACHE_BYTES = 64 * 1024 * 1024;

/** The stored documents of `ids`, in that order (missing ones left out), read one `_id` at a time. */
async function byEachId(ids: string[]): Promise<Doc[]> {
  const out: (Doc | null)[] = new Array(ids.length).fill(null);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ids.length; i = next++) out[i] = await ProposalModel.collection.findOne({ _id: String(ids[i]) } as Doc);
  };
  await Promise.all(Array.from({ length: Math.min(BY_ID_CONCURRENCY, ids.length) }, worker));
  return out.filter((d) => d !== null);
}

/** Documents per batch of the view's full load (see `entries`). */
const LOAD_BATCH = 100;

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
  /** Memory for whole documents; DOC_CACHE_BYTES unless given. */
  cacheBytes?: number;
}

/**
 * Every write is followed by its change-log row, so every instance's view learns of it whichever
 * repository wrote it.
 */
export class MongoProposalRepository implements ProposalRepository, SimilarSource {
  /** Writes the proposal documents behind the revisions; the service starts and stops it. */
  readonly materializer: ProposalMaterializer;
  private readonly cache: ProposalDocCache;
  private readonly changes: ChangeFeed;
  private readonly onWritten: (entries: LedgerEntry[]) => void;

  constructor(o: ProposalRepositoryOptions = {}) {
    this.changes = o.changes ?? new ChangeLog();
    this.onWritten = o.onWritten ?? (() => undefined);
    this.cache = new ProposalDocCache(o.cacheBytes ?? DOC_CACHE_BYTES);
    this.materializer = new ProposalMaterializer((id) => this.cache.get(id));
  }

  /** Versions committed by any instance, from the change log: copies held of earlier ones are let go. */
  heardOf(entries: LedgerEntry[]): void {
    for (const e of entries) this.cache.forgetBefore(e.id, e.version);
  }

  /** `doc` as it stands, kept for the next read. */
  private held(doc: Doc): Doc {
    this.cache.put(doc);
    return doc;
  }

  /** The documents of `ids` in that order, missing ones left out: held copies, and the rest read. */
  private async docsOf(ids: string[]): Promise<Doc[]> {
    const found = new Map<string, Doc>();
    const unheld: string[] = [];
    for (const id of ids.map(String)) {
      const doc = this.cache.get(id);
      if (doc) found.set(id, doc);
      else unheld.push(id);
    }
    const read = unheld.length <= BY_ID_MAX ? await byEachId(unheld) : await ProposalModel.collection.find({ _id: { $in: unheld } } as Doc).toArray();
    for (const doc of read) found.set(String(doc._id), doc);
    return ids.flatMap((id): Doc[] => {
      const d = found.get(String(id));
      return d ? [d] : [];
    });
  }

  private async written(proposals: Proposal[]): Promise<void> {
    const entries = proposals.map(toLedgerEntry);
    await this.changes.publishEntries(entries);
    this.onWritten(entries);
  }

  async insertMany(proposals: Proposal[]): Promise<void> {
    const docs = proposals.map((p) => withoutUndefined(toDoc(p)));
    try {
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
    for (const doc of docs) this.cache.put(doc);
    await this.written(proposals);
  }

  async findById(id: string): Promise<Proposal | null> {
    const [doc] = await this.docsOf([id]);
    return doc ? toProposal(this.held(await this.materializer.current(doc))) : null;
  }

  async findByIds(ids: string[]): Promise<Proposal[]> {
    if (ids.length === 0) return [];
    const pending = await pendingVersions();
    const docs = await this.docsOf(ids);
    return (await this.materializer.currentAll(docs, pending)).map((d) => toProposal(this.held(d)));
  }

  /**
   * `docs` found by a query on stored documents, as they stand: those behind their revisions are
   * rolled forward, pending ones the query missed are added, and the rolled ones kept if `keep`.
   */
  private async standing(docs: Doc[], pending: Pending, keep: (p: Proposal) => boolean): Promise<Proposal[]> {
    if (pending.size === 0) return docs.map(toProposal);
    const found = new Set(docs.map((d) => String(d._id)));
    const missed = await this.docsOf([...pending.keys()].filter((id) => !found.has(id)));
    const all = (await this.materializer.currentAll([...docs, ...missed], pending)).map(toProposal);
    return all.filter((p) => !pending.has(p.id) || keep(p));
  }

  /**
   * Every proposal's view entry, streamed (the view's full load). Small batches: a batch of whole
   * documents lives until its last entry is taken, and a big one outlives the young generation, so
   * its garbage was promoted and kept the process's memory high long after the load.
   */
  async *entries(): AsyncIterable<LedgerEntry> {
    // The database may have been replaced: nothing held before counts.
    this.cache.clear();
    const pending = await pendingVersions();
    for await (const doc of ProposalModel.collection.find({}).batchSize(LOAD_BATCH)) {
      yield toLedgerEntry(toProposal(this.held(await this.materializer.currentIn(doc, pending))));
    }
  }

  /**
   * Whole documents, audit trails included, one at a time: those of `ids` (in no set order), or
   * every proposal when `ids` is undefined. Of `ids`, those held in memory come first; of the
   * rest a few are read one by one (see BY_ID_MAX), more in one query.
   */
  async *stream(ids?: string[]): AsyncIterable<Proposal> {
    const pending = await pendingVersions();
    // Kept in memory when asked for by id (the whole ledger streamed would only push others out).
    const standing = async (doc: Doc, keep: boolean) => {
      const current = await this.materializer.currentIn(doc, pending);
      return toProposal(keep ? this.held(current) : current);
    };
    if (!ids) {
      for await (const doc of ProposalModel.collection.find({}).batchSize(500)) yield standing(doc, false);
      return;
    }
    const unheld: string[] = [];
    for (const id of ids.map(String)) {
      const doc = this.cache.get(id);
      if (doc) yield standing(doc, true);
      else unheld.push(id);
    }
    if (unheld.length <= BY_ID_MAX) {
      for (const doc of await byEachId(unheld)) yield standing(doc, true);
      return;
    }
    for await (const doc of ProposalModel.collection.find({ _id: { $in: unheld } } as Doc).batchSize(500)) yield standing(doc, true);
  }

  async findVersion(id: string, version: number): Promise<Proposal | null> {
    const doc = await readRevision(String(id), Number(version));
    return doc ? toProposal(doc) : null;
  }

  async findByNumber(number: string, session?: string, kind?: CaseKind): Promise<Proposal[]> {
    const q: Doc = { number: String(number) };
    if (session !== undefined) q.session = String(session);
    if (kind !== undefined) q.kind = String(kind);
    const pending = await pendingVersions();
    const docs = await ProposalModel.collection.find(q).toArray();
    const found = await this.standing(docs, pending, (p) => p.number === q.number && (q.session ?? p.session) === p.session && (q.kind ?? p.kind) === p.kind);
    // Latest session first, by when its cases came in: session names (十三届四次, 十三届五次) do not sort as text.
    return found.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.session < b.session ? 1 : a.session > b.session ? -1 : 0));
  }

  async find(filter: ProposalFilter, options: { limit?: number; sort?: 'due' | 'number' } = {}): Promise<Proposal[]> {
    const pending = await pendingVersions();
    const sort: Record<string, 1 | -1> = options.sort === 'due' ? { nextDueAt: 1, number: 1 } : { session: 1, number: 1 };
    let cursor = ProposalModel.collection.find(toQuery(filter)).sort(sort);
    // Pending documents may leave the results once rolled forward, or join them.
    if (options.limit) cursor = cursor.limit(options.limit + pending.size);
    const found = await this.standing(await cursor.toArray(), pending, (p) => matchesFilter(toLedgerEntry(p), filter));
    if (pending.size === 0) return found;
    const order = options.sort === 'due' ? BY_DUE : BY_NUMBER;
    const ranked = found.map((p) => ({ p, e: toLedgerEntry(p) })).sort((a, b) => order(a.e, b.e));
    return ranked.slice(0, options.limit || undefined).map(({ p }) => p);
  }

  async similarCases(): Promise<SimilarCase[]> {
    const pending = await pendingVersions();
    const stored = await ProposalModel.collection
      .find({}, { projection: { _id: 1, version: 1, kind: 1, session: 1, number: 1, title: 1, summary: 1, mergedInto: 1 } })
      .toArray();
    const docs = await this.materializer.currentAll(stored, pending);
    return docs.map((d) => ({
      id: String(d._id),
      kind: (d.kind as CaseKind | undefined) ?? DEFAULT_KIND,
      session: String(d.session),
      number: String(d.number),
      title: String(d.title),
      summary: String(d.summary ?? ''),
      ...(d.mergedInto ? { mergedInto: d.mergedInto as SimilarCase['mergedInto'] } : {}),
    }));
  }

  /**
   * Commits the change with its revision: inserts, and reads by `_id`, are all a change costs on
   * its path. The document is written behind it (the materializer).
   */
  async applyChange(next: Proposal, expectedVersion: number, event: AuditEvent): Promise<Proposal | null> {
    const version = expectedVersion + 1;
    const doc = withoutUndefined(toDoc({ ...next, version, events: [...next.events, event] }));
    await markPending(next.id, version, new Date());
    const claimed = await insertOnce(() =>
      ProposalRevisionModel.collection.insertOne({ _id: revisionId(next.id, version), proposalId: next.id, version, at: event.at, doc } as Doc),
    );
    if (!claimed) {
      // Someone committed this version first: the copy this change started from is out of date.
      this.cache.forgetBefore(next.id, version);
      return this.sameRequest(next.id, version, event.requestId);
    }
    return this.committed(doc);
  }

  private async committed(doc: Doc): Promise<Proposal> {
    const stored = toProposal(this.held(doc));
    this.materializer.schedule(stored.id);
    await this.written([stored]);
    return stored;
  }

  /**
   * Version `version` is committed already. Made for the same request (our own earlier attempt,
   * cut short before it was announced), it is this change's result; anyone else's is a conflict.
   */
  private async sameRequest(proposalId: string, version: number, requestId: string | undefined): Promise<Proposal | null> {
    const doc = await readRevision(proposalId, version);
    const ours = doc !== null && requestId !== undefined && (doc.events as AuditEvent[]).at(-1)?.requestId === requestId;
    return ours ? this.committed(doc) : null;
  }
}
