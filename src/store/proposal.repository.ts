/**
 * ProposalRepository on MongoDB. A change first claims the next version by inserting its revision
 * (unique `_id`), then replaces the proposal document, guarded by the expected version, with the new
 * state and its audit event appended: one document, written whole, so state and trail never diverge.
 */
import { DomainError } from '../domain/errors.js';
import { texts } from '../domain/ledger.texts.js';
import type { MetricGroup, OverdueGroup } from '../domain/metrics.js';
import type { AuditEvent, Proposal } from '../domain/model.js';
import type { ProposalFilter, ProposalRepository } from '../domain/ports.js';
import { ProposalModel } from './models/proposal.model.js';
import { ProposalRevisionModel } from './models/proposal-revision.model.js';
import { insertOnce, isDuplicateKey } from './insert-once.js';

type Doc = Record<string, unknown>;

/** How long a claimed but unwritten revision may stay before it is taken as abandoned. */
const STALE_CLAIM_MS = 10_000;

/**
 * Drops undefined fields at every depth: the driver would store them as null, and the document
 * read back must equal the state the domain decided.
 */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  ) as T;
}

/** Stored document → domain object (the document's `_id` is the proposal id). */
export function toProposal(doc: Doc): Proposal {
  const { _id, ...rest } = doc;
  return { ...(rest as unknown as Omit<Proposal, 'id'>), id: String(_id) };
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

/** The fields one `$group` bucket is keyed on: categorical facts only, so buckets stay few. */
const GROUP_KEY = {
  leadDivision: '$leadDivision',
  handlingType: '$handlingType',
  isKey: '$isKey',
  stage: '$stage',
  replied: '$facts.replied',
  repliedOnTime: '$facts.repliedOnTime',
  faceToFace: '$facts.faceToFace',
  faceToFaceConfirmed: '$facts.faceToFaceConfirmed',
  satisfaction: '$facts.satisfaction',
  outcome: '$facts.outcome',
  measuresTotal: '$facts.measuresTotal',
  measuresDone: '$facts.measuresDone',
};

export class MongoProposalRepository implements ProposalRepository {
  async insertMany(proposals: Proposal[]): Promise<void> {
    try {
      await ProposalModel.collection.insertMany(proposals.map((p) => withoutUndefined(toDoc(p))), { ordered: true });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // A number registered meanwhile by someone else: take back this call's rows (brand new, so
      // nothing refers to them yet), keeping the promise that a failed import writes nothing.
      await ProposalModel.collection.deleteMany({ _id: { $in: proposals.map((p) => p.id) } } as Doc);
      throw new DomainError('duplicate', texts.duplicateNumber);
    }
  }

  async findById(id: string): Promise<Proposal | null> {
    const doc = await ProposalModel.collection.findOne({ _id: String(id) } as Doc);
    return doc ? toProposal(doc) : null;
  }

  async findByNumber(number: string, session?: string): Promise<Proposal[]> {
    const q: Doc = { number: String(number) };
    if (session !== undefined) q.session = String(session);
    const docs = await ProposalModel.collection.find(q).sort({ session: -1 }).toArray();
    return docs.map(toProposal);
  }

  async find(filter: ProposalFilter, options: { limit?: number; sort?: 'due' | 'number' } = {}): Promise<Proposal[]> {
    const sort: Record<string, 1 | -1> = options.sort === 'due' ? { nextDueAt: 1, number: 1 } : { session: 1, number: 1 };
    let cursor = ProposalModel.collection.find(toQuery(filter)).sort(sort);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()).map(toProposal);
  }

  async applyChange(next: Proposal, expectedVersion: number, event: AuditEvent): Promise<Proposal | null> {
    const doc = withoutUndefined(toDoc({ ...next, version: expectedVersion + 1, events: [...next.events, event] }));
    const claimed = await insertOnce(() =>
      ProposalRevisionModel.collection.insertOne({ _id: `${next.id}@${expectedVersion + 1}`, proposalId: next.id, version: expectedVersion + 1, at: event.at, doc } as Doc),
    );
    if (!claimed) return this.rollForward(next.id, expectedVersion, event.requestId);
    await ProposalModel.collection.replaceOne({ _id: next.id, version: expectedVersion } as Doc, doc);
    return toProposal(doc);
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
    return ours ? toProposal(doc) : null;
  }

  async metricGroups(filter: ProposalFilter): Promise<MetricGroup[]> {
    const rows = await ProposalModel.collection
      .aggregate<{ _id: Partial<MetricGroup>; n: number }>([{ $match: toQuery(filter) }, { $group: { _id: GROUP_KEY, n: { $sum: 1 } } }])
      .toArray();
    // A missing field drops out of the group key; fill the domain's defaults back in.
    return rows.map(({ _id, n }) => ({
      leadDivision: _id.leadDivision ?? undefined,
      handlingType: _id.handlingType ?? 'lead',
      isKey: _id.isKey ?? false,
      stage: _id.stage ?? 'registered',
      replied: _id.replied ?? false,
      repliedOnTime: _id.repliedOnTime ?? false,
      faceToFace: _id.faceToFace ?? false,
      faceToFaceConfirmed: _id.faceToFaceConfirmed ?? false,
      satisfaction: _id.satisfaction ?? 'none',
      outcome: _id.outcome ?? 'none',
      measuresTotal: _id.measuresTotal ?? 0,
      measuresDone: _id.measuresDone ?? 0,
      n,
    }));
  }

  async overdueUnanswered(filter: ProposalFilter, asOf: Date): Promise<OverdueGroup[]> {
    const match = {
      $and: [
        toQuery(filter),
        { 'facts.replied': false },
        {
          $or: [
            { handlingType: 'lead', 'milestones.reply.dueAt': { $lt: asOf } },
            { handlingType: 'co', 'milestones.opinion.dueAt': { $lt: asOf } },
          ],
        },
      ],
    };
    const rows = await ProposalModel.collection
      .aggregate<{ _id: string | null; n: number }>([{ $match: match }, { $group: { _id: '$leadDivision', n: { $sum: 1 } } }])
      .toArray();
    return rows.map((r) => ({ leadDivision: r._id ?? undefined, n: r.n }));
  }
}
