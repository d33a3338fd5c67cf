/**
 * Pending chat dialogs (guided steps) and short-lived chat state, one document per key.
 * Kept in MongoDB so a step survives a restart; expiry is checked on read because FerretDB
 * has no TTL indexes. An expired document is deleted when met; there is at most one per person
 * and chat (keys are overwritten), so the collection stays small without a sweeper.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const dialogSchema = new Schema(
  {
    /** `ask:<channel>:<chatId>:<userid>` for a pending question, `photo:<userid>` for the photo window, `card:<userid>` for the newest card. */
    _id: { type: String, required: true },
    userid: { type: String, required: true },
    /** The dialog's state; its shape is the conversation layer's (validated there with zod). */
    state: { type: Schema.Types.Mixed, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'chat_dialogs', timestamps: true, versionKey: false, minimize: false },
);

export type DialogDoc = InferSchemaType<typeof dialogSchema>;

export const DialogModel: mongoose.Model<DialogDoc> = mongoose.models.ChatDialog ?? mongoose.model<DialogDoc>('ChatDialog', dialogSchema);
