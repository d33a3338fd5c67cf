/**
 * Outbox persistence. Every state change is one single-document update guarded by status
 * (and by the claim id once claimed), so two workers can never both own a message.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { OutboundBody, Recipient } from '../channels/contract.js';
import { OutboxMessageModel, type OutboxStatus } from './models/outbox-message.model.js';

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

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toRow(d: any): OutboxRow {
  return {
    id: String(d._id),
    key: d.key,
    to: d.to,
    body: d.body,
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
    const claimId = randomUUID();
    const d = await OutboxMessageModel.findOneAndUpdate(
      { $or: [{ status: 'pending', nextAttemptAt: { $lte: now } }, { status: 'sending', leaseUntil: { $lte: now } }] },
      { $set: { status: 'sending', claimId, leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
      { new: true, sort: { nextAttemptAt: 1 } },
    ).lean();
    return d ? { ...toRow(d), claimId } : undefined;
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

  async list(filter: { status?: OutboxStatus; limit?: number }): Promise<OutboxRow[]> {
    const rows = await OutboxMessageModel.find(filter.status ? { status: filter.status } : {})
      .sort({ createdAt: -1 })
      .limit(Math.min(filter.limit ?? 100, 500))
      .lean();
    return rows.map(toRow);
  },

  /** A failed message goes back to the queue with a fresh attempt budget. */
  async retry(id: string, now: Date): Promise<boolean> {
    if (!mongoose.isValidObjectId(id)) return false;
    const r = await OutboxMessageModel.updateOne(
      { _id: id, status: 'failed' },
      { $set: { status: 'pending', attempts: 0, nextAttemptAt: now } },
    );
    return r.modifiedCount === 1;
  },
};
