/**
 * Web console sessions ended by signing out, shared by every instance behind the load balancer:
 * one row per session id, inserted once (a second logout of the same session is a duplicate key,
 * harmless). Rows are deleted once the session would have expired anyway (no TTL on FerretDB).
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const revocationSchema = new Schema(
  {
    /** The session id (sid) carried in the signed cookie. */
    _id: { type: String, required: true },
    /** When the cookie expires by itself: after that the row is no longer needed. */
    expiresAt: { type: Date, required: true },
  },
  { collection: 'session_revocations', versionKey: false },
);
revocationSchema.index({ expiresAt: 1 });

export type SessionRevocationDoc = InferSchemaType<typeof revocationSchema>;

export const SessionRevocationModel: mongoose.Model<SessionRevocationDoc> =
  mongoose.models.SessionRevocation ?? mongoose.model<SessionRevocationDoc>('SessionRevocation', revocationSchema);
