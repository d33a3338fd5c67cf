/**
 * One row per claim of an outbox message: `_id` is `<messageId>:<claimSeq>`.
 * Inserting it is how a worker takes a message. A unique insert is the one write that is
 * atomic on both MongoDB and FerretDB 1.24 (whose findOneAndUpdate and filtered updateOne
 * let two concurrent callers both "win": measured, see outbox.repository.ts).
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const outboxClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    /** The claim's lease, as recorded on the message; also what ends a claim its holder died before recording. */
    leaseUntil: Date,
  },
  { collection: 'outbox_claims', versionKey: false },
);
outboxClaimSchema.index({ at: 1 });

export type OutboxClaimDoc = InferSchemaType<typeof outboxClaimSchema>;

export const OutboxClaimModel: mongoose.Model<OutboxClaimDoc> = mongoose.models.OutboxClaim ?? mongoose.model<OutboxClaimDoc>('OutboxClaim', outboxClaimSchema);
