/**
 * One claim per inbound transport message (WeCom MsgId, event key, aibot msgid).
 * `_id` is the de-duplication key, so MongoDB's unique _id index makes a second claim fail.
 * No TTL index (FerretDB lacks them): old claims are purged by `purgeInboundClaims`.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const INBOUND_CLAIM_STATUSES = ['handling', 'done', 'failed'] as const;

const inboundDedupSchema = new Schema(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    status: { type: String, enum: INBOUND_CLAIM_STATUSES, required: true },
    /** While `handling`, nobody else may take the claim before this instant. */
    leaseUntil: { type: Date, required: true },
    /** How many times the message was taken (more than 1 means a crash or a slow handler). */
    takes: { type: Number, required: true },
    error: { type: String },
  },
  { collection: 'inbound_dedup', timestamps: true, versionKey: false },
);
inboundDedupSchema.index({ createdAt: 1 });

export type InboundDedupDoc = InferSchemaType<typeof inboundDedupSchema>;

export const InboundDedupModel: mongoose.Model<InboundDedupDoc> =
  mongoose.models.InboundDedup ?? mongoose.model<InboundDedupDoc>('InboundDedup', inboundDedupSchema);
