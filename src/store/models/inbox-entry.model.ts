/**
 * The durable inbox (`inbox`): one document per acknowledged inbound message, `_id` = the
 * transport's id (`app:<MsgId>`, `bot:<msgid>`), written by ONE insert before the channel
 * acknowledges. A retry of the same message hits the unique `_id`: a durable duplicate.
 * `owner`/`leaseUntil` say which instance is handling it; `closed` is set after the outcome row
 * (inbox_marks) is written, only to keep queries small: the outcome row is what decides.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const inboxEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    sender: { type: String, required: true },
    /** The channel's decrypted message, whole. */
    payload: { type: Schema.Types.Mixed, required: true },
    receivedAt: { type: Date, required: true },
    owner: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    closed: { type: Boolean, required: true, default: false },
  },
  { collection: 'inbox', versionKey: false, minimize: false },
);
inboxEntrySchema.index({ closed: 1, leaseUntil: 1 });
inboxEntrySchema.index({ receivedAt: 1 });

export type InboxEntryDoc = InferSchemaType<typeof inboxEntrySchema>;

export const InboxEntryModel: mongoose.Model<InboxEntryDoc> = mongoose.models.InboxEntry ?? mongoose.model<InboxEntryDoc>('InboxEntry', inboxEntrySchema);
