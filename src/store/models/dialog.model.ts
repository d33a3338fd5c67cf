/**
 * The conversation's short-lived dialog rows (domain/dialog.port.ts), one document per key: pending
 * guided steps, photo windows, each person's newest card, the list page last seen. Kept in MongoDB
 * so a step survives a restart. FerretDB has no TTL indexes: expiry is checked on read (an expired
 * row is deleted when met), and housekeeping purges the rows nobody reads again.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const dialogSchema = new Schema(
  {
    /** `ask:<channel>:<chatId>:<userid>` for a pending question, `page:ask:…` for the list page last seen there, `photo:<userid>` for the photo window, `card:<userid>` for the newest card. */
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
