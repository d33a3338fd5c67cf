/** The change feed (domain/change-feed.port.ts) in MongoDB (models/change-log.model.ts). */
import { randomUUID } from 'node:crypto';
import { DEFAULT_KIND } from '../domain/kind.js';
import type { Change, ChangeFeed } from '../domain/change-feed.port.js';
import type { LedgerEntry } from '../domain/ledger-view.js';

const withKind = (e: LedgerEntry): LedgerEntry => ({ ...e, kind: (e.kind as LedgerEntry['kind'] | undefined) ?? DEFAULT_KIND });
import { isDuplicateKey, withoutUndefined } from './documents.js';
import { ChangeLogModel } from './models/change-log.model.js';

type Doc = Record<string, unknown>;

const EPOCH_ID = 'epoch';

/** A duplicate means the row is there already: the write this call wanted has happened. */
async function insertAll(docs: Doc[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await ChangeLogModel.collection.insertMany(docs as never[], { ordered: false });
  } catch (e) {
    const errors = (e as { writeErrors?: unknown[] }).writeErrors;
    if (!isDuplicateKey(e) && !(errors?.length && errors.every(isDuplicateKey))) throw e;
  }
}

export class ChangeLog implements ChangeFeed {
  /** Announces new versions of proposals to the other instances' views. */
  async publishEntries(entries: LedgerEntry[]): Promise<void> {
    const at = new Date();
    await insertAll(entries.map((e) => ({ _id: `${e.id}@${e.version}`, kind: 'proposal', at, entry: withoutUndefined(e) })));
  }

  /** Announces that the directory changed (the other instances drop their cached copy). */
  async publishDirectory(): Promise<void> {
    await insertAll([{ _id: `directory:${randomUUID()}`, kind: 'directory', at: new Date() }]);
  }

  /** This database's epoch marker, created by the first instance that asks. */
  async epoch(): Promise<string> {
    const found = await ChangeLogModel.collection.findOne({ _id: EPOCH_ID } as Doc);
    if (found) return String(found.epoch);
    await insertAll([{ _id: EPOCH_ID, kind: 'epoch', at: new Date(), epoch: randomUUID() }]);
    return this.epoch();
  }

  /**
   * The epoch marker as it stands (undefined once the collection was emptied) and the changes
   * written since `since`, leaving out the rows named in `seen` (read before).
   */
  async read(since: Date, seen: string[] = []): Promise<{ epoch?: string; changes: Change[] }> {
    const recent = { at: { $gte: since }, ...(seen.length > 0 && { _id: { $nin: seen } }) };
    const rows = await ChangeLogModel.collection.find({ $or: [{ _id: EPOCH_ID }, recent] } as Doc).toArray();
    let epoch: string | undefined;
    const changes: Change[] = [];
    for (const row of rows) {
      const head = { id: String(row._id), at: row.at as Date };
      if (row.kind === 'epoch') epoch = String(row.epoch);
      else if (row.kind === 'directory') changes.push({ ...head, kind: 'directory' });
      // A row written by an instance older than kinds names a 政协提案 (store/migrations.ts).
      else if (row.kind === 'proposal' && row.entry) changes.push({ ...head, kind: 'proposal', entry: withKind(row.entry as LedgerEntry) });
    }
    return { epoch, changes };
  }

  /** Deletes rows written before `before` (never the epoch marker); returns how many. */
  async purge(before: Date): Promise<number> {
    const r = await ChangeLogModel.collection.deleteMany({ at: { $lt: before }, _id: { $ne: EPOCH_ID } } as Doc);
    return r.deletedCount;
  }
}
