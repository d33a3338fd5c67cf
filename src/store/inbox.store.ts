/**
 * The durable inbox on MongoDB / FerretDB (see domain/inbox.port.ts and the two models).
 * Every decision is a unique insert: the entry (acknowledged once), the take-over row (one
 * instance re-takes a lapsed lease), the outcome row (handled once). Updates only move hints
 * (`owner`, `leaseUntil`, `closed`) that no decision rests on.
 */
import type { InboxEntry, InboxOutcome, InboxStore, LapsedEntry } from '../domain/inbox.port.js';
import { InboxEntryModel } from './models/inbox-entry.model.js';
import { InboxMarkModel } from './models/inbox-mark.model.js';
import { batched, batchedInsertOnce, insertOnce } from './documents.js';

type Doc = Record<string, unknown>;

const outcomeId = (id: string): string => `${id}#outcome`;

/** Take-over rows probed past stale ones (their taker died before extending the lease). */
const MAX_STALE_TAKES = 5;
/** Purged per pass at most, so one pass never holds the database long. */
const PURGE_BATCH = 2000;

export class MongoInboxStore implements InboxStore {
  /** Acknowledgements wait on this insert alone: under a burst, concurrent ones share a write. */
  private readonly insertEntry = batchedInsertOnce(InboxEntryModel.collection);
  /** Outcomes of a burst share writes too, leaving the database to the acknowledgements. */
  private readonly insertMark = batchedInsertOnce(InboxMarkModel.collection);
  private readonly markClosed = batched(async (ids: string[]) => {
    await InboxEntryModel.collection.updateMany({ _id: { $in: ids } } as Doc, { $set: { closed: true } });
    return ids.map(() => undefined);
  });

  async add(e: InboxEntry, owner: string, leaseUntil: Date): Promise<'added' | 'duplicate'> {
    const doc = { _id: e.id, channel: e.channel, sender: e.sender, payload: e.payload, receivedAt: e.receivedAt, owner, leaseUntil, closed: false };
    return (await this.insertEntry(doc)) ? 'added' : 'duplicate';
  }

  async renew(ids: string[], owner: string, leaseUntil: Date): Promise<void> {
    if (ids.length === 0) return;
    await InboxEntryModel.collection.updateMany({ _id: { $in: ids }, owner } as Doc, { $set: { leaseUntil } });
  }

  async scanOpen(now: Date, limit: number): Promise<{ open: number; lapsed: LapsedEntry[] }> {
    const rows = await InboxEntryModel.collection.find({ closed: false }, { projection: { _id: 1, leaseUntil: 1, receivedAt: 1 } }).toArray();
    const over = await this.withOutcome(rows.map((r) => String(r._id)));
    // An outcome whose `closed` hint was lost (a crash in between): set it now.
    if (over.size > 0) await InboxEntryModel.collection.updateMany({ _id: { $in: [...over] } } as Doc, { $set: { closed: true } });
    const open = rows.filter((r) => !over.has(String(r._id)));
    const lapsedIds = open
      .filter((r) => (r.leaseUntil as Date) <= now)
      .sort((a, b) => (a.receivedAt as Date).getTime() - (b.receivedAt as Date).getTime())
      .slice(0, limit)
      .map((r) => String(r._id));
    if (lapsedIds.length === 0) return { open: open.length, lapsed: [] };
    const docs = await InboxEntryModel.collection.find({ _id: { $in: lapsedIds } } as Doc).toArray();
    const lapsed = docs
      .map((d) => ({
        id: String(d._id),
        channel: d.channel as string,
        sender: d.sender as string,
        payload: d.payload as Record<string, unknown>,
        receivedAt: d.receivedAt as Date,
        owner: d.owner as string,
        leaseUntil: d.leaseUntil as Date,
      }))
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    return { open: open.length, lapsed };
  }

  async takeOver(e: LapsedEntry, owner: string, leaseUntil: Date): Promise<boolean> {
    const now = new Date();
    // Named after the lease being re-taken: all who saw it lapse race for one _id; once the winner
    // has extended the lease, later lookers no longer see it lapsed. Should the winner die before
    // extending it, its row goes stale after a lease and the next number is raced for instead.
    for (let n = 1; n <= MAX_STALE_TAKES; n++) {
      const _id = `${e.id}#take@${e.leaseUntil.getTime()}${n > 1 ? `#${n}` : ''}`;
      if (await insertOnce(() => InboxMarkModel.collection.insertOne({ _id, entryId: e.id, kind: 'take', at: now, detail: owner } as Doc))) {
        await InboxEntryModel.collection.updateOne({ _id: e.id } as Doc, { $set: { owner, leaseUntil } });
        return true;
      }
      const held = await InboxMarkModel.collection.findOne({ _id } as Doc);
      if (!held || (held.at as Date).getTime() + (leaseUntil.getTime() - now.getTime()) > now.getTime()) return false;
    }
    return false;
  }

  async finish(id: string, outcome: InboxOutcome, at: Date, detail?: string): Promise<boolean> {
    const mark = { _id: outcomeId(id), entryId: id, kind: outcome, at, ...(detail && { detail: detail.slice(0, 500) }) };
    const first = await this.insertMark(mark);
    await this.markClosed(id);
    return first;
  }

  async withOutcome(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await InboxMarkModel.collection.find({ _id: { $in: ids.map(outcomeId) } } as Doc, { projection: { entryId: 1 } }).toArray();
    return new Set(rows.map((r) => r.entryId as string));
  }

  async purge(before: Date): Promise<number> {
    const rows = await InboxEntryModel.collection
      .find({ closed: true, receivedAt: { $lt: before } }, { projection: { _id: 1 } })
      .limit(PURGE_BATCH)
      .toArray();
    const ids = rows.map((r) => String(r._id));
    if (ids.length === 0) return 0;
    // Only entries whose outcome row is really there: `closed` is a hint.
    const over = [...(await this.withOutcome(ids))];
    // Entries first: a pass cut short leaves marks without an entry (harmless), never the reverse.
    const deleted = (await InboxEntryModel.collection.deleteMany({ _id: { $in: over } } as Doc)).deletedCount;
    await InboxMarkModel.collection.deleteMany({ entryId: { $in: over } });
    return deleted;
  }
}
