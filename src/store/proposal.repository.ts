/**
 * ProposalRepository on MongoDB. Every change is one `findOneAndUpdate` guarded by the expected
 * version: it sets the new state and pushes the audit event together, or does nothing.
 */
import type { MetricGroup, OverdueGroup } from '../domain/metrics.js';
import type { AuditEvent, Proposal } from '../domain/model.js';
import type { ProposalFilter, ProposalRepository } from '../domain/ports.js';
import { ProposalModel } from './models/proposal.model.js';

type Doc = Record<string, unknown>;

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
    // ordered: a duplicate stops the batch; the caller checks for existing numbers first.
    await ProposalModel.collection.insertMany(proposals.map(toDoc), { ordered: true });
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
    const { _id, events: _events, ...state } = toDoc(next);
    const $set: Doc = {};
    const $unset: Record<string, ''> = {};
    for (const [k, v] of Object.entries(state)) {
      if (v === undefined) $unset[k] = '';
      else $set[k] = v;
    }
    const update: Doc = { $set, $push: { events: event } };
    if (Object.keys($unset).length) update.$unset = $unset;
    const doc = await ProposalModel.collection.findOneAndUpdate({ _id, version: expectedVersion } as Doc, update, {
      returnDocument: 'after',
    });
    return doc ? toProposal(doc) : null;
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
