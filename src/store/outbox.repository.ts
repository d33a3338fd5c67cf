/**
 * The outbox (domain/outbox.port.ts) on MongoDB.
 *
 * Claiming cannot rely on findOneAndUpdate or a status-guarded updateOne: on FerretDB 1.24
 * (SQLite) both let concurrent callers win together (measured: 6 workers claiming 20 rows
 * with findOneAndUpdate got 35–50 claims). A worker therefore claims a message by inserting
 * `<id>:<claimSeq + 1>` into outbox_claims, a unique _id that only one insert can take; the
 * winner then records the claim on the message. Later writes are made by the claim holder
 * only, guarded by its claim id.
 */
import mongoose from 'mongoose';
import type { Claimed, NewOutboxMessage, OutboxRow, OutboxStatus, OutboxStore } from '../domain/outbox.port.js';
import type { OutboundBody, Recipient } from '../shared/outbound.js';
import { OutboxClaimModel } from './models/outbox-claim.model.js';
import { OutboxMessageModel, type OutboxMessageDoc } from './models/outbox-message.model.js';
import { insertOnce } from './documents.js';

/** Candidates read per claim; the rest wait for the next pass. */
const CLAIM_BATCH = 10;

function toRow(d: OutboxMessageDoc & { _id: unknown }): OutboxRow {
  return {
    id: String(d._id),
    key: d.key,
    to: d.to as Recipient,
    body: d.body as OutboundBody,
    purpose: d.purpose,
    ...(d.via ? { via: d.via } : {}),
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    ...(d.lastError ? { lastError: d.lastError } : {}),
    ...(d.sender ? { sender: d.sender } : {}),
    ...(d.sentAt ? { sentAt: d.sentAt } : {}),
    createdAt: d.createdAt,
  };
}

/** Claim rows probed past dead holders' before giving up on a message for this pass. */
const MAX_STALE_CLAIMS = 5;
/**
 * How long a claim row written without its lease (by an older version) may stay unrecorded on its
 * message before its holder is taken for dead: far beyond the one update between the two.
 */
const UNRECORDED_CLAIM_MS = 2 * 60_000;
const FINISHED: readonly OutboxStatus[] = ['sent', 'failed', 'dropped'];

type MessageDoc = OutboxMessageDoc & { _id: unknown };

/**
 * Claims the message read as `read` by inserting `<id>:<claimSeq + 1>`; undefined when another
 * worker has it. A taken number recorded on the message means a holder is at work (or was, and
 * the message moved on): never stale, however old, since `read` may be long out of date. Only a
 * number whose holder died before recording it (between the insert and the update) is passed
 * over, once the lease its row carries has run out (as a recorded claim's would), so the message
 * is neither stuck nor late. Times are read from `clock` at each step: the caller may have spent a
 * while since it read the message.
 */
async function claim(read: MessageDoc, clock: () => Date, leaseMs: number): Promise<Claimed | undefined> {
  let c = read;
  for (let claimSeq = (c.claimSeq ?? 0) + 1, probes = 0; probes < MAX_STALE_CLAIMS; claimSeq++, probes++) {
    const claimId = `${String(c._id)}:${claimSeq}`;
    const at = clock();
    const leaseUntil = new Date(at.getTime() + leaseMs);
    if (await insertOnce(() => OutboxClaimModel.create({ _id: claimId, at, leaseUntil }))) {
      const attempts = c.attempts + 1;
      await OutboxMessageModel.updateOne({ _id: c._id }, { $set: { status: 'sending', claimId, claimSeq, attempts, leaseUntil } });
      return { ...toRow({ ...c, status: 'sending', attempts }), claimId, mayHaveBeenSent: c.status === 'sending' || c.attempts > 0 };
    }
    const fresh = await OutboxMessageModel.findById(c._id).lean();
    if (!fresh || FINISHED.includes(fresh.status) || (fresh.claimSeq ?? 0) >= claimSeq) return undefined;
    const held = await OutboxClaimModel.findById(claimId).lean();
    const heldUntil = held?.leaseUntil?.getTime() ?? (held ? held.at.getTime() + UNRECORDED_CLAIM_MS : Infinity);
    if (heldUntil > clock().getTime()) return undefined;
    c = fresh;
  }
  return undefined;
}

/** The outbox on MongoDB (domain/outbox.port.ts); its methods need no `this`, so they may be passed around alone. */
export const createOutboxStore = (): OutboxStore => ({
  async insert(m: NewOutboxMessage): Promise<boolean> {
    return insertOnce(() => OutboxMessageModel.create({ ...m, status: 'pending', attempts: 0, nextAttemptAt: m.at }));
  },

  /** Takes the most overdue message that is due, or whose previous claim's lease ran out. */
  async claimNext(clock: () => Date, leaseMs: number): Promise<Claimed | undefined> {
    const now = clock();
    const candidates = await OutboxMessageModel.find({
      $or: [
        { status: 'pending', nextAttemptAt: { $lte: now } },
        { status: 'sending', leaseUntil: { $lte: now } },
      ],
    })
      .sort({ nextAttemptAt: 1 })
      .limit(CLAIM_BATCH)
      .lean();
    for (const c of candidates) {
      const claimed = await claim(c, clock, leaseMs);
      if (claimed) return claimed;
    }
    return undefined;
  },

  /** Takes the message stored under `key` if it still waits for delivery (a reply about to be sent at once). */
  async claimByKey(key: string, clock: () => Date, leaseMs: number): Promise<Claimed | undefined> {
    const c = await OutboxMessageModel.findOne({ key: String(key) }).lean();
    if (!c) return undefined;
    const waiting = c.status === 'pending' || (c.status === 'sending' && c.leaseUntil && c.leaseUntil <= clock());
    return waiting ? claim(c, clock, leaseMs) : undefined;
  },

  async markSent(c: Claimed, sender: string, at: Date): Promise<boolean> {
    const r = await OutboxMessageModel.updateOne(
      { _id: c.id, status: 'sending', claimId: c.claimId },
      { $set: { status: 'sent', sender, sentAt: at }, $unset: { claimId: 1, leaseUntil: 1, lastError: 1 } },
    );
    return r.modifiedCount === 1;
  },

  /** Back to pending; `refund` gives the attempt back (our own throttle, not a failure). */
  async markRetry(c: Claimed, nextAttemptAt: Date, error: string, refund = false): Promise<boolean> {
    const r = await OutboxMessageModel.updateOne(
      { _id: c.id, status: 'sending', claimId: c.claimId },
      {
        $set: { status: 'pending', nextAttemptAt, lastError: error.slice(0, 500) },
        $unset: { claimId: 1, leaseUntil: 1 },
        ...(refund ? { $inc: { attempts: -1 } } : {}),
      },
    );
    return r.modifiedCount === 1;
  },

  async markFailed(c: Claimed, error: string): Promise<boolean> {
    const r = await OutboxMessageModel.updateOne(
      { _id: c.id, status: 'sending', claimId: c.claimId },
      { $set: { status: 'failed', lastError: error.slice(0, 500) }, $unset: { claimId: 1, leaseUntil: 1 } },
    );
    return r.modifiedCount === 1;
  },

  /** Not sent because it no longer holds; `why` is kept for the admin view. */
  async markDropped(c: Claimed, why: string): Promise<boolean> {
    const r = await OutboxMessageModel.updateOne(
      { _id: c.id, status: 'sending', claimId: c.claimId },
      { $set: { status: 'dropped', lastError: why.slice(0, 500) }, $unset: { claimId: 1, leaseUntil: 1 } },
    );
    return r.modifiedCount === 1;
  },

  /** Messages whose key starts with `prefix` (e.g. one proposal's notices), read through the unique key index. */
  async listByKeyPrefix(prefix: string): Promise<OutboxRow[]> {
    const rows = await OutboxMessageModel.find({ key: { $regex: `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` } }).lean();
    return rows.map(toRow);
  },

  /** Sent, failed and dropped messages last touched before `before` (pending ones are never purged). */
  async purgeFinished(before: Date): Promise<number> {
    return (await OutboxMessageModel.deleteMany({ status: { $in: ['sent', 'failed', 'dropped'] }, updatedAt: { $lt: before } })).deletedCount;
  },

  /** Claim rows are only needed while a message is in flight; drop old ones. */
  async purgeClaims(before: Date): Promise<number> {
    return (await OutboxClaimModel.deleteMany({ at: { $lt: before } })).deletedCount;
  },

  /** How many messages are in each status; gives up after `timeoutMs` (a scrape must not hang). */
  async countByStatus(statuses: readonly OutboxStatus[], timeoutMs: number): Promise<number[]> {
    return Promise.all(statuses.map((status) => OutboxMessageModel.countDocuments({ status }).maxTimeMS(timeoutMs).exec()));
  },

  async list(filter: { status?: OutboxStatus; limit?: number }): Promise<OutboxRow[]> {
    const rows = await OutboxMessageModel.find(filter.status ? { status: filter.status } : {})
      .sort({ createdAt: -1 })
      .limit(Math.min(filter.limit ?? 100, 500))
      .lean();
    return rows.map(toRow);
  },

  /** A failed message goes back to the queue with a fresh attempt budget (claimSeq keeps counting). */
  async retry(id: string, now: Date): Promise<boolean> {
    if (!mongoose.isValidObjectId(id)) return false;
    const r = await OutboxMessageModel.updateOne({ _id: id, status: 'failed' }, { $set: { status: 'pending', attempts: 0, nextAttemptAt: now } });
    return r.modifiedCount === 1;
  },
});
