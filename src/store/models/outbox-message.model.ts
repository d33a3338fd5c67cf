/**
 * A proactive message waiting for (or past) delivery. `key` is the caller's idempotency key
 * (unique index): writing the same message twice creates one row.
 * Status: pending → sending (claimed, lease) → sent | pending (retry) | failed | dropped (no longer
 * true when its turn came, e.g. a rating card after the member rated; never sent).
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

import { OUTBOX_STATUSES } from '../../domain/outbox.port.js';

const outboxMessageSchema = new Schema(
  {
    key: { type: String, required: true },
    /** Recipient and OutboundBody as given to enqueue (channel-neutral JSON). */
    to: { type: Schema.Types.Mixed, required: true },
    body: { type: Schema.Types.Mixed, required: true },
    /** Why it is sent (e.g. 'deadline-reminder'), for the admin view and logs. */
    purpose: { type: String, required: true },
    /** Preferred channel (a reply goes back the way its message came); any able one otherwise. */
    via: { type: String },
    status: { type: String, enum: OUTBOX_STATUSES, required: true },
    /** Delivery attempts charged against the budget (our own throttle is not charged). */
    attempts: { type: Number, required: true },
    /** Claims taken so far; the next claim inserts outbox_claims `<_id>:<claimSeq + 1>`. */
    claimSeq: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    /** The current claim (`<_id>:<claimSeq>`); only its holder records the outcome. */
    claimId: { type: String },
    leaseUntil: { type: Date },
    lastError: { type: String },
    sender: { type: String },
    sentAt: { type: Date },
  },
  { collection: 'outbox_messages', timestamps: true, versionKey: false, minimize: false },
);
outboxMessageSchema.index({ key: 1 }, { unique: true });
outboxMessageSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutboxMessageDoc = InferSchemaType<typeof outboxMessageSchema>;

export const OutboxMessageModel: mongoose.Model<OutboxMessageDoc> =
  mongoose.models.OutboxMessage ?? mongoose.model<OutboxMessageDoc>('OutboxMessage', outboxMessageSchema);
