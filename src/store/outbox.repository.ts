/**
 * Outbox persistence.
 *
 * Claiming cannot rely on findOneAndUpdate or a status-guarded updateOne: on FerretDB 1.24
 * (SQLite) both let concurrent callers win together (measured: 6 workers claiming 20 rows
 * with findOneAndUpdate got 35–50 claims). A worker therefore claims a message by inserting
 * `<id>:<claimSeq + 1>` into outbox_claims, a unique _id that only one insert can take; the
 * winner then records the claim on the message. Later writes are made by the claim holder
 * only, guarded by its claim id.
 */
import mongoose from 'mongoose';
import { OutboxClaimModel } from './models/outbox-claim.model.js';
import type { OutboundBody, Recipient } from '../channels/contract.js';
import { OutboxMessageModel, type OutboxMessageDoc, type OutboxStatus } from './models/outbox-message.model.js';

export interface OutboxRow {
  id: string;
  key: string;
  to: Recipient;
  body: OutboundBody;
  purpose: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  sender?: string;
  sentAt?: Date;
  createdAt: Date;
}

export interface Claimed extends OutboxRow {
  claimId: string;
}

/** Candidates read per claim; the rest wait for the next pass. */
const CLAIM_BATCH = 10;

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

function toRow(d: OutboxMessageDoc & { _id: unknown }): OutboxRow {
  return {
    id: String(d._id),
    key: d.key,
    to: d.to as Recipient,
    body: d.body as OutboundBody,
    purpose: d.purpose,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    ...(d.lastError ? { lastError: d.lastError } : {}),
    ...(d.sender ? { sender: d.sender } : {}),
    ...(d.sentAt ? { sentAt: d.sentAt } : {}),
    createdAt: d.createdAt,
  };
}

export const outboxRepository = {
  async insert(m: { key: string; to: Recipient; body: OutboundBody; purpose: string; at: Date }): Promise<boolean> {
    try {
      await OutboxMessageModel.create({ ...m, status: 'pending', attempts: 0, nextAttemptAt: m.at });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  },

  /** Takes the most overdue message that is due, or whose previous claim's lease ran out. */
  async claimNext(now: Date, leaseMs: number): Promise<Claimed | undefined> {
    const candidates = await OutboxMessageModel.find({
      $or: [{ status: 'pending', nextAttemptAt: { $lte: now } }, { status: 'sending', leaseUntil: { $lte: now } }],
    })
      .sort({ nextAttemptAt: 1 })
      .limit(CLAIM_BATCH)
      .lean();
    for (const c of candidates) {
      const claimSeq = (c.claimSeq ?? 0) + 1;
      const claimId = `${String(c._id)}:${claimSeq}`;
      try {
        await OutboxClaimModel.create({ _id: claimId, at: now });
      } catch (err) {
        if (isDuplicateKey(err)) continue; // another worker took this one
        throw err;
      }
      const attempts = c.attempts + 1;
      await OutboxMessageModel.updateOne(
        { _id: c._id },
        { $set: { status: 'sending', claimId, claimSeq, attempts, leaseUntil: new Date(now.getTime() + leaseMs) } },
      );
      return { ...toRow({ ...c, status: 'sending', attempts }), claimId };
    }
    return undefined;
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

  /** Claim rows are only needed while a message is in flight; drop old ones. */
  async purgeClaims(before: Date): Promise<number> {
    return (await OutboxClaimModel.deleteMany({ at: { $lt: before } })).deletedCount;
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
    const r = await OutboxMessageModel.updateOne(
      { _id: id, status: 'failed' },
      { $set: { status: 'pending', attempts: 0, nextAttemptAt: now } },
    );
    return r.modifiedCount === 1;
  },
};
