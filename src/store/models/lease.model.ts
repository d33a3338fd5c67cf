/**
 * Leadership leases (one leader per `name` among the instances sharing a database), as a log
 * of terms. Each term is its own document, `_id: "<name>#<term>"`, written by ONE insert and
 * never updated: on FerretDB 1.24 a guarded update lets concurrent writers all win, while a
 * unique `_id` insert admits exactly one.
 *
 * - Whoever inserts term t+1 holds the lease until that row's `expiresAt`.
 * - The holder of term t renews by inserting t+1 (any time before its expiry); anyone else may
 *   insert t+1 only once term t has expired. Both race for the same `_id`, so exactly one wins:
 *   a renewal and a take-over can never both succeed.
 * - A graceful stop inserts t+1 with no holder and `expiresAt` = now, handing over at once.
 * - Old terms are deleted by the holder (deletes decide nothing: only the newest term is read).
 * See src/ops/leader.ts for the timings and the clock assumption.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    term: { type: Number, required: true },
    /** Instance id of the holder; null for a released term. */
    holder: { type: String, default: null },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'leases', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
leaseSchema.index({ name: 1, term: -1 });

export type LeaseDoc = InferSchemaType<typeof leaseSchema>;

export const LeaseModel: mongoose.Model<LeaseDoc> = mongoose.models.Lease ?? mongoose.model<LeaseDoc>('Lease', leaseSchema);
